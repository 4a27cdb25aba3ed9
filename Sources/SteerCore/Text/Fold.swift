/// Folds text for matching without diacritics or case: "Đồng Nai" and "dong nai" fold alike.
/// Vietnamese letters live in a few Latin blocks; each letter there that is a base letter with
/// marks folds to its base, so that folding a title is a table lookup per scalar.
public enum Fold {
    /// The letters of U+00C0–U+024F and U+1E00–U+1EFF whose canonical decomposition is a base
    /// letter and nonspacing marks, under their base in lower case, and Đ đ, which have no
    /// decomposition, under d. Written out, as the standard library cannot decompose text;
    /// canonical decompositions never change (Unicode's stability policy), and
    /// UnicodeTextTests checks the table against Foundation's decomposition. The other letters
    /// of the blocks fold to their lower case, as any letter does.
    private static let bases: [String: String] = [
        "a": "ÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎǞǟǠǡǺǻȀȁȂȃȦȧḀḁẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặ",
        "b": "ḂḃḄḅḆḇ",
        "c": "ÇçĆćĈĉĊċČčḈḉ",
        "d": "ĐđĎďḊḋḌḍḎḏḐḑḒḓ",
        "e": "ÈÉÊËèéêëĒēĔĕĖėĘęĚěȄȅȆȇȨȩḔḕḖḗḘḙḚḛḜḝẸẹẺẻẼẽẾếỀềỂểỄễỆệ",
        "f": "Ḟḟ",
        "g": "ĜĝĞğĠġĢģǦǧǴǵḠḡ",
        "h": "ĤĥȞȟḢḣḤḥḦḧḨḩḪḫẖ",
        "i": "ÌÍÎÏìíîïĨĩĪīĬĭĮįİǏǐȈȉȊȋḬḭḮḯỈỉỊị",
        "j": "Ĵĵǰ",
        "k": "ĶķǨǩḰḱḲḳḴḵ",
        "l": "ĹĺĻļĽľḶḷḸḹḺḻḼḽ",
        "m": "ḾḿṀṁṂṃ",
        "n": "ÑñŃńŅņŇňǸǹṄṅṆṇṈṉṊṋ",
        "o": "ÒÓÔÕÖòóôõöŌōŎŏŐőƠơǑǒǪǫǬǭȌȍȎȏȪȫȬȭȮȯȰȱṌṍṎṏṐṑṒṓỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợ",
        "p": "ṔṕṖṗ",
        "r": "ŔŕŖŗŘřȐȑȒȓṘṙṚṛṜṝṞṟ",
        "s": "ŚśŜŝŞşŠšȘșṠṡṢṣṤṥṦṧṨṩ",
        "t": "ŢţŤťȚțṪṫṬṭṮṯṰṱẗ",
        "u": "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜȔȕȖȗṲṳṴṵṶṷṸṹṺṻỤụỦủỨứỪừỬửỮữỰự",
        "v": "ṼṽṾṿ",
        "w": "ŴŵẀẁẂẃẄẅẆẇẈẉẘ",
        "x": "ẊẋẌẍ",
        "y": "ÝýÿŶŷŸȲȳẎẏẙỲỳỴỵỶỷỸỹ",
        "z": "ŹźŻżŽžẐẑẒẓẔẕ",
        "æ": "ǢǣǼǽ",
        "ø": "Ǿǿ",
        "ſ": "ẛ",
        "ʒ": "Ǯǯ",
    ]

    private static let table: [UInt32: String] = {
        var t: [UInt32: String] = [:]
        for (base, letters) in bases {
            for s in letters.unicodeScalars { t[s.value] = base }
        }
        return t
    }()

    public static func fold(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x80 {
                out.unicodeScalars.append(v >= 65 && v <= 90 ? Unicode.Scalar(v + 32)! : s)
            } else if let f = table[v] {
                out += f
            } else if s.properties.generalCategory == .nonspacingMark {
                continue
            } else {
                out += String(s).lowercased()
            }
        }
        return out
    }
}

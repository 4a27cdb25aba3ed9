import Foundation

/// Folds text for matching without diacritics or case: "Đồng Nai" and "dong nai" fold alike.
/// Vietnamese letters live in a few Latin blocks; their folded forms are computed once into a
/// table so that folding a title is a table lookup per scalar.
public enum Fold {
    private static let table: [UInt32: String] = {
        var t: [UInt32: String] = [:]
        let ranges: [ClosedRange<UInt32>] = [0x00C0...0x024F, 0x1E00...0x1EFF]
        for r in ranges {
            for v in r {
                guard let s = Unicode.Scalar(v) else { continue }
                let base = String(s).decomposedStringWithCanonicalMapping.unicodeScalars
                    .filter { $0.properties.generalCategory != .nonspacingMark }
                t[v] = String(String.UnicodeScalarView(base)).lowercased()
            }
        }
        t[0x0110] = "d"; t[0x0111] = "d"  // Đ đ have no decomposition
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

/// The bodies a synthetic ledger declares, copied from shared/domain (agencies.tsv, provinces.tsv)
/// so that the generator never reads a shared folder at run time.
struct DeclaredAgency {
    let id: String
    let kind: String
    let name: String
    /// English name (central bodies) or nil.
    let en: String?
    /// Statistics office code (provinces) or nil.
    let gso: String?
    var isCentral: Bool { gso == nil }
}

enum Directory {
    /// The 22 central bodies of March 2025.
    static let central: [DeclaredAgency] = [
        DeclaredAgency(id: "BQP", kind: "ministry", name: "Bộ Quốc phòng", en: "Ministry of National Defence", gso: nil),
        DeclaredAgency(id: "BCA", kind: "ministry", name: "Bộ Công an", en: "Ministry of Public Security", gso: nil),
        DeclaredAgency(id: "BNG", kind: "ministry", name: "Bộ Ngoại giao", en: "Ministry of Foreign Affairs", gso: nil),
        DeclaredAgency(id: "BNV", kind: "ministry", name: "Bộ Nội vụ", en: "Ministry of Home Affairs", gso: nil),
        DeclaredAgency(id: "BTP", kind: "ministry", name: "Bộ Tư pháp", en: "Ministry of Justice", gso: nil),
        DeclaredAgency(id: "BTC", kind: "ministry", name: "Bộ Tài chính", en: "Ministry of Finance", gso: nil),
        DeclaredAgency(id: "BCT", kind: "ministry", name: "Bộ Công Thương", en: "Ministry of Industry and Trade", gso: nil),
        DeclaredAgency(id: "BNNMT", kind: "ministry", name: "Bộ Nông nghiệp và Môi trường", en: "Ministry of Agriculture and Environment", gso: nil),
        DeclaredAgency(id: "BXD", kind: "ministry", name: "Bộ Xây dựng", en: "Ministry of Construction", gso: nil),
        DeclaredAgency(id: "BVHTTDL", kind: "ministry", name: "Bộ Văn hóa, Thể thao và Du lịch", en: "Ministry of Culture, Sports and Tourism", gso: nil),
        DeclaredAgency(id: "BKHCN", kind: "ministry", name: "Bộ Khoa học và Công nghệ", en: "Ministry of Science and Technology", gso: nil),
        DeclaredAgency(id: "BGDDT", kind: "ministry", name: "Bộ Giáo dục và Đào tạo", en: "Ministry of Education and Training", gso: nil),
        DeclaredAgency(id: "BYT", kind: "ministry", name: "Bộ Y tế", en: "Ministry of Health", gso: nil),
        DeclaredAgency(id: "BDTTG", kind: "ministry", name: "Bộ Dân tộc và Tôn giáo", en: "Ministry of Ethnic and Religious Affairs", gso: nil),
        DeclaredAgency(id: "NHNN", kind: "ministerial_agency", name: "Ngân hàng Nhà nước Việt Nam", en: "State Bank of Vietnam", gso: nil),
        DeclaredAgency(id: "TTCP", kind: "ministerial_agency", name: "Thanh tra Chính phủ", en: "Government Inspectorate", gso: nil),
        DeclaredAgency(id: "VPCP", kind: "ministerial_agency", name: "Văn phòng Chính phủ", en: "Government Office", gso: nil),
        DeclaredAgency(id: "VTV", kind: "gov_agency", name: "Đài Truyền hình Việt Nam", en: "Vietnam Television", gso: nil),
        DeclaredAgency(id: "VOV", kind: "gov_agency", name: "Đài Tiếng nói Việt Nam", en: "Voice of Vietnam", gso: nil),
        DeclaredAgency(id: "TTXVN", kind: "gov_agency", name: "Thông tấn xã Việt Nam", en: "Vietnam News Agency", gso: nil),
        DeclaredAgency(id: "VHLKHXH", kind: "gov_agency", name: "Viện Hàn lâm Khoa học xã hội Việt Nam", en: "Vietnam Academy of Social Sciences", gso: nil),
        DeclaredAgency(id: "VHLKHCN", kind: "gov_agency", name: "Viện Hàn lâm Khoa học và Công nghệ Việt Nam", en: "Vietnam Academy of Science and Technology", gso: nil),
    ]

    /// The 63 provinces and centrally run cities of March 2025.
    static let provinces: [DeclaredAgency] = [
        DeclaredAgency(id: "hanoi", kind: "city", name: "Thành phố Hà Nội", en: nil, gso: "01"),
        DeclaredAgency(id: "hagiang", kind: "province", name: "Tỉnh Hà Giang", en: nil, gso: "02"),
        DeclaredAgency(id: "caobang", kind: "province", name: "Tỉnh Cao Bằng", en: nil, gso: "04"),
        DeclaredAgency(id: "backan", kind: "province", name: "Tỉnh Bắc Kạn", en: nil, gso: "06"),
        DeclaredAgency(id: "tuyenquang", kind: "province", name: "Tỉnh Tuyên Quang", en: nil, gso: "08"),
        DeclaredAgency(id: "laocai", kind: "province", name: "Tỉnh Lào Cai", en: nil, gso: "10"),
        DeclaredAgency(id: "dienbien", kind: "province", name: "Tỉnh Điện Biên", en: nil, gso: "11"),
        DeclaredAgency(id: "laichau", kind: "province", name: "Tỉnh Lai Châu", en: nil, gso: "12"),
        DeclaredAgency(id: "sonla", kind: "province", name: "Tỉnh Sơn La", en: nil, gso: "14"),
        DeclaredAgency(id: "yenbai", kind: "province", name: "Tỉnh Yên Bái", en: nil, gso: "15"),
        DeclaredAgency(id: "hoabinh", kind: "province", name: "Tỉnh Hòa Bình", en: nil, gso: "17"),
        DeclaredAgency(id: "thainguyen", kind: "province", name: "Tỉnh Thái Nguyên", en: nil, gso: "19"),
        DeclaredAgency(id: "langson", kind: "province", name: "Tỉnh Lạng Sơn", en: nil, gso: "20"),
        DeclaredAgency(id: "quangninh", kind: "province", name: "Tỉnh Quảng Ninh", en: nil, gso: "22"),
        DeclaredAgency(id: "bacgiang", kind: "province", name: "Tỉnh Bắc Giang", en: nil, gso: "24"),
        DeclaredAgency(id: "phutho", kind: "province", name: "Tỉnh Phú Thọ", en: nil, gso: "25"),
        DeclaredAgency(id: "vinhphuc", kind: "province", name: "Tỉnh Vĩnh Phúc", en: nil, gso: "26"),
        DeclaredAgency(id: "bacninh", kind: "province", name: "Tỉnh Bắc Ninh", en: nil, gso: "27"),
        DeclaredAgency(id: "haiduong", kind: "province", name: "Tỉnh Hải Dương", en: nil, gso: "30"),
        DeclaredAgency(id: "haiphong", kind: "city", name: "Thành phố Hải Phòng", en: nil, gso: "31"),
        DeclaredAgency(id: "hungyen", kind: "province", name: "Tỉnh Hưng Yên", en: nil, gso: "33"),
        DeclaredAgency(id: "thaibinh", kind: "province", name: "Tỉnh Thái Bình", en: nil, gso: "34"),
        DeclaredAgency(id: "hanam", kind: "province", name: "Tỉnh Hà Nam", en: nil, gso: "35"),
        DeclaredAgency(id: "namdinh", kind: "province", name: "Tỉnh Nam Định", en: nil, gso: "36"),
        DeclaredAgency(id: "ninhbinh", kind: "province", name: "Tỉnh Ninh Bình", en: nil, gso: "37"),
        DeclaredAgency(id: "thanhhoa", kind: "province", name: "Tỉnh Thanh Hóa", en: nil, gso: "38"),
        DeclaredAgency(id: "nghean", kind: "province", name: "Tỉnh Nghệ An", en: nil, gso: "40"),
        DeclaredAgency(id: "hatinh", kind: "province", name: "Tỉnh Hà Tĩnh", en: nil, gso: "42"),
        DeclaredAgency(id: "quangbinh", kind: "province", name: "Tỉnh Quảng Bình", en: nil, gso: "44"),
        DeclaredAgency(id: "quangtri", kind: "province", name: "Tỉnh Quảng Trị", en: nil, gso: "45"),
        DeclaredAgency(id: "hue", kind: "city", name: "Thành phố Huế", en: nil, gso: "46"),
        DeclaredAgency(id: "danang", kind: "city", name: "Thành phố Đà Nẵng", en: nil, gso: "48"),
        DeclaredAgency(id: "quangnam", kind: "province", name: "Tỉnh Quảng Nam", en: nil, gso: "49"),
        DeclaredAgency(id: "quangngai", kind: "province", name: "Tỉnh Quảng Ngãi", en: nil, gso: "51"),
        DeclaredAgency(id: "binhdinh", kind: "province", name: "Tỉnh Bình Định", en: nil, gso: "52"),
        DeclaredAgency(id: "phuyen", kind: "province", name: "Tỉnh Phú Yên", en: nil, gso: "54"),
        DeclaredAgency(id: "khanhhoa", kind: "province", name: "Tỉnh Khánh Hòa", en: nil, gso: "56"),
        DeclaredAgency(id: "ninhthuan", kind: "province", name: "Tỉnh Ninh Thuận", en: nil, gso: "58"),
        DeclaredAgency(id: "binhthuan", kind: "province", name: "Tỉnh Bình Thuận", en: nil, gso: "60"),
        DeclaredAgency(id: "kontum", kind: "province", name: "Tỉnh Kon Tum", en: nil, gso: "62"),
        DeclaredAgency(id: "gialai", kind: "province", name: "Tỉnh Gia Lai", en: nil, gso: "64"),
        DeclaredAgency(id: "daklak", kind: "province", name: "Tỉnh Đắk Lắk", en: nil, gso: "66"),
        DeclaredAgency(id: "daknong", kind: "province", name: "Tỉnh Đắk Nông", en: nil, gso: "67"),
        DeclaredAgency(id: "lamdong", kind: "province", name: "Tỉnh Lâm Đồng", en: nil, gso: "68"),
        DeclaredAgency(id: "binhphuoc", kind: "province", name: "Tỉnh Bình Phước", en: nil, gso: "70"),
        DeclaredAgency(id: "tayninh", kind: "province", name: "Tỉnh Tây Ninh", en: nil, gso: "72"),
        DeclaredAgency(id: "binhduong", kind: "province", name: "Tỉnh Bình Dương", en: nil, gso: "74"),
        DeclaredAgency(id: "dongnai", kind: "province", name: "Tỉnh Đồng Nai", en: nil, gso: "75"),
        DeclaredAgency(id: "bariavungtau", kind: "province", name: "Tỉnh Bà Rịa - Vũng Tàu", en: nil, gso: "77"),
        DeclaredAgency(id: "hochiminh", kind: "city", name: "Thành phố Hồ Chí Minh", en: nil, gso: "79"),
        DeclaredAgency(id: "longan", kind: "province", name: "Tỉnh Long An", en: nil, gso: "80"),
        DeclaredAgency(id: "tiengiang", kind: "province", name: "Tỉnh Tiền Giang", en: nil, gso: "82"),
        DeclaredAgency(id: "bentre", kind: "province", name: "Tỉnh Bến Tre", en: nil, gso: "83"),
        DeclaredAgency(id: "travinh", kind: "province", name: "Tỉnh Trà Vinh", en: nil, gso: "84"),
        DeclaredAgency(id: "vinhlong", kind: "province", name: "Tỉnh Vĩnh Long", en: nil, gso: "86"),
        DeclaredAgency(id: "dongthap", kind: "province", name: "Tỉnh Đồng Tháp", en: nil, gso: "87"),
        DeclaredAgency(id: "angiang", kind: "province", name: "Tỉnh An Giang", en: nil, gso: "89"),
        DeclaredAgency(id: "kiengiang", kind: "province", name: "Tỉnh Kiên Giang", en: nil, gso: "91"),
        DeclaredAgency(id: "cantho", kind: "city", name: "Thành phố Cần Thơ", en: nil, gso: "92"),
        DeclaredAgency(id: "haugiang", kind: "province", name: "Tỉnh Hậu Giang", en: nil, gso: "93"),
        DeclaredAgency(id: "soctrang", kind: "province", name: "Tỉnh Sóc Trăng", en: nil, gso: "94"),
        DeclaredAgency(id: "baclieu", kind: "province", name: "Tỉnh Bạc Liêu", en: nil, gso: "95"),
        DeclaredAgency(id: "camau", kind: "province", name: "Tỉnh Cà Mau", en: nil, gso: "96"),
    ]

    static let all = central + provinces
}

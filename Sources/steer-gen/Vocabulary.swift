import SteerCore

/// The Vietnamese phrases synthetic tasks are made of, in the register of the Steering
/// Committee's real notices, so that titles, notes and names have the byte shape of the real
/// ledger (diacritics, multi-byte letters, quoted values with spaces).
enum Vocabulary {
    static let actions = [
        "Xây dựng", "Triển khai", "Hoàn thiện", "Rà soát, đánh giá", "Tổ chức thực hiện", "Nâng cấp",
        "Số hóa", "Kết nối, chia sẻ", "Tổng kết", "Báo cáo kết quả", "Vận hành", "Ban hành",
    ]

    static let objects = [
        "cơ sở dữ liệu chuyên ngành", "hệ thống thông tin giải quyết thủ tục hành chính",
        "nền tảng chia sẻ dữ liệu dùng chung", "Kế hoạch hành động về chuyển đổi số",
        "chương trình chuyển đổi số", "trung tâm đổi mới sáng tạo", "dịch vụ công trực tuyến toàn trình",
        "hạ tầng trung tâm dữ liệu", "đề án phát triển nguồn nhân lực công nghệ số",
        "mô hình khu công nghệ cao", "chính sách thu hút chuyên gia", "cơ chế thử nghiệm có kiểm soát",
        "dữ liệu dân cư theo Đề án 06", "chỉ số đổi mới sáng tạo cấp địa phương",
        "quỹ phát triển khoa học và công nghệ", "hồ sơ sức khỏe điện tử", "kho dữ liệu đất đai",
    ]

    static let qualifiers = [
        "năm 2025", "giai đoạn 2025–2030", "giai đoạn 2026–2030", "theo Nghị quyết 57-NQ/TW",
        "theo chỉ đạo của Thủ tướng Chính phủ", "trên địa bàn", "của bộ, ngành", "",
    ]

    static let legalSubjects = [
        "cơ chế thí điểm đặc biệt về khoa học, công nghệ", "quỹ đầu tư mạo hiểm cho khởi nghiệp sáng tạo",
        "kết nối, chia sẻ dữ liệu bắt buộc", "khung kiến trúc dữ liệu quốc gia",
        "quản lý đề tài khoa học sử dụng ngân sách nhà nước", "giao dịch điện tử trong cơ quan nhà nước",
        "định danh và xác thực điện tử", "phát triển công nghiệp bán dẫn",
        "tài sản trí tuệ hình thành từ ngân sách", "thuê dịch vụ công nghệ thông tin",
    ]

    static let lawSubjects = [
        "Khoa học, Công nghệ và Đổi mới sáng tạo", "Công nghiệp công nghệ số", "Năng lượng nguyên tử (sửa đổi)",
        "Tiêu chuẩn và Quy chuẩn kỹ thuật (sửa đổi)", "Chất lượng sản phẩm, hàng hóa (sửa đổi)",
        "Dữ liệu (sửa đổi)", "Giao dịch điện tử (sửa đổi)", "Chuyển đổi số",
    ]

    /// The programmes tasks come from: the id prefix and the `source=` text.
    static let programmes: [(code: String, source: String)] = [
        ("NQ57", "NQ 57-NQ/TW"), ("NQ03", "NQ 03/NQ-CP"), ("NQ193", "NQ 193/2025/QH15"),
        ("CT07", "CT 07/CT-TTg"), ("DA06", "QĐ 06/QĐ-TTg"), ("NQ214", "NQ 214/NQ-CP"), ("TB56", "TB 56/TB-VPCP"),
    ]

    static let centralOwners = [
        "Vụ Pháp chế", "Vụ Kế hoạch - Tài chính", "Văn phòng Bộ", "Vụ Khoa học và Công nghệ",
        "Cục Chuyển đổi số", "Vụ Tổ chức cán bộ", "Cục Thông tin khoa học",
    ]

    static let provincialOwners = [
        "Sở Khoa học và Công nghệ", "Sở Nội vụ", "Sở Tài chính", "Văn phòng UBND tỉnh", "Sở Tư pháp",
        "Trung tâm Phục vụ hành chính công",
    ]

    static func products(_ kind: TaskKind) -> [String] {
        switch kind {
        case .task: return ["Báo cáo", "Cơ sở dữ liệu", "Hướng dẫn", "Văn bản chỉ đạo"]
        case .plan: return ["Kế hoạch hành động", "Kế hoạch"]
        case .report: return ["Báo cáo", "Báo cáo tổng kết"]
        case .system: return ["Hệ thống thông tin", "Nền tảng số"]
        case .decree: return ["Nghị định"]
        case .law: return ["Dự án Luật"]
        case .decision: return ["Quyết định của Thủ tướng"]
        case .circular: return ["Thông tư"]
        case .resolution: return ["Nghị quyết của Chính phủ"]
        }
    }

    static let progressNotes = [
        "Đã xây dựng dự thảo", "Đang lấy ý kiến các bộ, ngành", "Đã hoàn thành khảo sát hiện trạng",
        "Đã trình lãnh đạo Bộ cho ý kiến", "Đang hoàn thiện hồ sơ", "Đã ký hợp đồng triển khai",
        "Đang chạy thử nghiệm", "Đã tổ chức hội thảo lấy ý kiến chuyên gia",
    ]

    static let obstacles = [
        "Chưa được bố trí kinh phí", "Vướng mắc về thẩm quyền, đề nghị Thủ tướng cho ý kiến",
        "Chờ ý kiến thẩm định của Bộ Tư pháp", "Thiếu nhân lực chuyên môn", "Các bộ chưa thống nhất phương án",
    ]

    static let resolutions = ["Đã được Thủ tướng cho ý kiến", "Đã bố trí kinh phí", "Các bộ đã thống nhất phương án"]

    static let extensionReasons = [
        "Chờ thẩm định của Bộ Tư pháp", "Điều chỉnh phạm vi theo chỉ đạo của Thủ tướng",
        "Cần thêm thời gian lấy ý kiến", "Đồng bộ với tiến độ sửa đổi luật",
    ]

    static let returnNotes = ["Đề nghị bổ sung số liệu", "Chưa đúng yêu cầu, đề nghị hoàn thiện", "Bổ sung đánh giá tác động"]

    static let cancelReasons = [
        "Nhiệm vụ đã được lồng ghép vào nhiệm vụ khác", "Không còn phù hợp sau sắp xếp tổ chức bộ máy",
        "Trùng với nhiệm vụ đã giao",
    ]

    static let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
    static let middleNames = ["Văn", "Thị", "Minh", "Thu", "Đức", "Hữu", "Thanh", "Ngọc", "Quang"]
    static let givenNames = [
        "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Lan", "Linh", "Long",
        "Mai", "Minh", "Nam", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy",
    ]

    static func personName(_ rng: inout SplitMix64) -> String {
        rng.pick(familyNames) + " " + rng.pick(middleNames) + " " + rng.pick(givenNames)
    }
}

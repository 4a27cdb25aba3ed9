import SteerCore

/// How the core's values read on the screen, in either language, and which role colours them.
extension Language {
    func state(_ s: TaskState) -> String {
        switch s {
        case .assigned: return t("assigned", "đã giao")
        case .inProgress: return t("in progress", "đang làm")
        case .blocked: return t("blocked", "vướng mắc")
        case .submitted: return t("submitted", "đã trình")
        case .done: return t("done", "hoàn thành")
        case .cancelled: return t("cancelled", "đã hủy")
        }
    }

    /// Timeliness with its days: "overdue 12d", "5d left", "late 3d".
    func timeliness(_ r: TaskRow) -> String {
        switch r.timeliness {
        case .doneOnTime: return t("on time", "đúng hạn")
        case .doneLate: return r.daysLate.map { t("late \($0)d", "trễ \($0) ngày") } ?? t("late", "trễ hạn")
        case .openInTime:
            guard let left = r.daysLeft else { return t("in time", "trong hạn") }
            return left == 0 ? t("due today", "hạn hôm nay") : t("\(left)d left", "còn \(left) ngày")
        case .openOverdue: return r.daysLate.map { t("overdue \($0)d", "quá \($0) ngày") } ?? t("overdue", "quá hạn")
        case .noDeadline: return t("no deadline", "chưa có hạn")
        case .cancelled: return t("cancelled", "đã hủy")
        }
    }

    func kind(_ k: TaskKind) -> String {
        switch k {
        case .task: return t("task", "nhiệm vụ")
        case .plan: return t("plan", "kế hoạch")
        case .report: return t("report", "báo cáo")
        case .system: return t("system", "hệ thống")
        case .decree: return t("decree", "nghị định")
        case .law: return t("law", "luật")
        case .decision: return t("decision", "quyết định")
        case .circular: return t("circular", "thông tư")
        case .resolution: return t("resolution", "nghị quyết")
        }
    }

    func stage(_ s: Stage?) -> String {
        guard let s else { return t("not started", "chưa bắt đầu") }
        switch s {
        case .drafting: return t("drafting", "soạn thảo")
        case .consultation: return t("consultation", "lấy ý kiến")
        case .appraisal: return t("appraisal", "thẩm định")
        case .submitted: return t("submitted", "đã trình")
        case .issued: return t("issued", "đã ban hành")
        }
    }

    func point(_ p: ClarityPoint) -> String {
        t(p.rawValue, p.vietnamese)
    }

    /// What a failing clarity point needs; the English text is the core's own.
    func requirement(_ p: ClarityPoint) -> String {
        guard self == .vi else { return p.requirement }
        switch p {
        case .person: return "người hoặc đơn vị phụ trách (owner=)"
        case .work: return "tên nhiệm vụ ít nhất hai từ, nói rõ việc phải làm (title=)"
        case .time: return "ngày hạn (due=)"
        case .responsibility: return "đúng một cơ quan chủ trì (lead=), cơ quan phối hợp để riêng (support=)"
        case .result: return "sản phẩm đầu ra (product=)"
        case .authority: return "ai có thẩm quyền quyết định (authority=)"
        }
    }

    func weekday(_ d: CivilDate) -> String {
        let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let vi = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
        return t(en[d.weekday], vi[d.weekday])
    }
}

extension Timestamp {
    /// "2025-06-15 10:02": the moment in the ledger's zone, to the minute, for people.
    func minuteText(inOffset offset: Int) -> String {
        let local = Timestamp(instant: instant, offsetMinutes: offset).description
        return local.prefix(10) + " " + local.dropFirst(11).prefix(5)
    }
}

enum Tone {
    /// Due within this many days counts as "due soon" (yellow).
    static let soonDays = 7

    static func of(_ r: TaskRow) -> Role {
        switch r.timeliness {
        case .openOverdue: return .overdue
        case .doneLate: return .doneLate
        case .doneOnTime: return .done
        case .openInTime: return (r.daysLeft ?? Int.max) <= soonDays ? .dueSoon : .plain
        case .noDeadline, .cancelled: return .dim
        }
    }

    static func of(_ s: TaskState) -> Role {
        switch s {
        case .blocked: return .blocked
        case .done: return .done
        case .cancelled: return .dim
        default: return .plain
        }
    }

    /// Five (or six) dots, one per clarity point in the order of the rule: ● clear, ○ missing.
    static func clarity(_ r: TaskRow, _ p: ClarityPoint) -> Span {
        r.unclear.contains(p) ? Span("○", Style(.overdue)) : Span("●", Style(.plain))
    }
}

/// A run of text in one style; a table cell or a line is a list of spans.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style
    public init(_ text: String, _ style: Style = Style()) { self.text = text; self.style = style }
}

extension Frame {
    /// Draws spans one after another within `limit` cells; returns the x after them.
    @discardableResult
    mutating func put(_ spans: [Span], x: Int, y: Int, limit: Int) -> Int {
        var cx = x
        for s in spans {
            let room = x + limit - cx
            if room <= 0 { break }
            cx = put(s.text, x: cx, y: y, limit: room, style: s.style)
        }
        return cx
    }
}

extension Array where Element == Span {
    var width: Int { reduce(0) { $0 + DisplayWidth.of(Sanitizer.visible($1.text)) } }
}

import SteerCore

/// What a key asks for on the panes or in the detail view. `update` looks keys up in the tables
/// below, and the help screen and the footer are generated from the same tables, so the keys
/// listed are exactly the keys bound.
public enum Command: Hashable, Sendable {
    case down, up, top, bottom, pageDown, pageUp, halfDown, halfUp
    case nextPane, previousPane, pane(Pane)
    case open, back
    case filter, nextMatch, previousMatch
    case sort, reverseSort
    case commandLine, help, redraw, quit
    case act(Action), undo
}

/// Keys while a line of text is being typed (filter, command line, form fields).
public enum EditCommand: Hashable, Sendable {
    case confirm, cancel, left, right, home, end, backspace, delete, killToStart, nextField, previousField
}

/// Keys of the yes/no question asked before a change that cannot be taken back lightly.
public enum ConfirmCommand: Hashable, Sendable {
    case yes, no
}

/// Keys of the help screen.
public enum HelpCommand: Hashable, Sendable {
    case down, up, top, bottom, pageDown, pageUp, close
}

public struct Binding<C: Hashable & Sendable>: Sendable {
    public let keys: [Keystroke]
    public let command: C
    public let phrase: Phrase
    /// The key text and short label shown in the footer; nil keeps the binding out of it.
    public let footer: (keys: String, label: Phrase)?

    init(_ keys: [Keystroke], _ command: C, _ phrase: Phrase, footer: (String, Phrase)? = nil) {
        self.keys = keys
        self.command = command
        self.phrase = phrase
        self.footer = footer.map { (keys: $0.0, label: $0.1) }
    }

    public var keyLabel: String { keys.map(\.label).joined(separator: " ") }
}

public struct KeyTable<C: Hashable & Sendable>: Sendable {
    public let title: Phrase
    public let bindings: [Binding<C>]

    public func command(for key: Keystroke) -> C? {
        bindings.first { $0.keys.contains(key) }?.command
    }
}

public enum KeyMap {
    static func c(_ s: Character) -> Keystroke { .char(s) }

    static let moves: [Binding<Command>] = [
        Binding([c("j"), .down], .down, Phrase("next row", "dòng dưới"), footer: ("j/k", Phrase("move", "chọn"))),
        Binding([c("k"), .up], .up, Phrase("previous row", "dòng trên")),
        Binding([c("g"), .home], .top, Phrase("first row", "dòng đầu")),
        Binding([c("G"), .end], .bottom, Phrase("last row", "dòng cuối")),
        Binding([.pageDown, c(" ")], .pageDown, Phrase("next page", "trang sau")),
        Binding([.pageUp], .pageUp, Phrase("previous page", "trang trước")),
        Binding([.ctrl("d")], .halfDown, Phrase("half a page down", "xuống nửa trang")),
        Binding([.ctrl("u")], .halfUp, Phrase("half a page up", "lên nửa trang")),
    ]

    static let paneSwitching: [Binding<Command>] = [
        Binding([.tab], .nextPane, Phrase("next pane", "khung sau"), footer: ("Tab", Phrase("pane", "khung"))),
        Binding([.backTab], .previousPane, Phrase("previous pane", "khung trước")),
        Binding([c("1")], .pane(.tasks), Phrase("pane 1: tasks", "khung 1: nhiệm vụ")),
        Binding([c("2")], .pane(.deadlines), Phrase("pane 2: deadlines", "khung 2: hạn sắp tới")),
        Binding([c("3")], .pane(.decrees), Phrase("pane 3: overdue decrees", "khung 3: văn bản quá hạn")),
        Binding([c("4")], .pane(.agencies), Phrase("pane 4: agencies", "khung 4: cơ quan")),
        Binding([.enter], .open, Phrase("open the task (an agency: its tasks)", "mở nhiệm vụ (cơ quan: các nhiệm vụ của nó)"),
                footer: ("Enter", Phrase("open", "mở"))),
        Binding([.escape], .back, Phrase("clear the filter", "bỏ lọc")),
        Binding([c("s")], .sort, Phrase("sort tasks by the next key", "đổi khóa sắp xếp"), footer: ("s", Phrase("sort", "xếp"))),
        Binding([c("S")], .reverseSort, Phrase("reverse the sort", "đảo chiều sắp xếp")),
    ]

    static let general: [Binding<Command>] = [
        Binding([c("/")], .filter, Phrase("filter tasks (same query as `steer show --filter`)", "lọc nhiệm vụ (cùng cú pháp `steer show --filter`)"),
                footer: ("/", Phrase("filter", "lọc"))),
        Binding([c("n")], .nextMatch, Phrase("next match", "kết quả sau")),
        Binding([c("N")], .previousMatch, Phrase("previous match", "kết quả trước")),
        Binding([c(":")], .commandLine, Phrase("command line (:q :filter :today :sort :lang :reload :help)", "dòng lệnh (:q :filter :today :sort :lang :reload :help)"),
                footer: (":", Phrase("command", "lệnh"))),
        Binding([c("?")], .help, Phrase("this help", "trợ giúp này"), footer: ("?", Phrase("help", "trợ giúp"))),
        Binding([.ctrl("l")], .redraw, Phrase("redraw the screen", "vẽ lại màn hình")),
        Binding([c("q")], .quit, Phrase("quit", "thoát"), footer: ("q", Phrase("quit", "thoát"))),
    ]

    static let actions: [Binding<Command>] =
        Action.allCases.map { Binding([$0.key], .act($0), $0.phrase) }
        + [Binding([c("u")], .undo, Phrase("undo this session's last change (by a compensating event)", "hoàn tác thay đổi gần nhất của phiên (bằng sự kiện bù)"))]

    public static let panes = KeyTable(title: Phrase("Panes", "Các khung"), bindings: moves + paneSwitching + general)

    public static let detail = KeyTable(title: Phrase("Detail", "Chi tiết"), bindings: [
        Binding([c("j"), .down], .down, Phrase("scroll down", "cuộn xuống"), footer: ("j/k", Phrase("scroll", "cuộn"))),
        Binding([c("k"), .up], .up, Phrase("scroll up", "cuộn lên")),
        Binding([c("g"), .home], .top, Phrase("top", "đầu trang")),
        Binding([c("G"), .end], .bottom, Phrase("bottom", "cuối trang")),
        Binding([.pageDown, c(" ")], .pageDown, Phrase("next page", "trang sau")),
        Binding([.pageUp], .pageUp, Phrase("previous page", "trang trước")),
        Binding([.ctrl("d")], .halfDown, Phrase("half a page down", "xuống nửa trang")),
        Binding([.ctrl("u")], .halfUp, Phrase("half a page up", "lên nửa trang")),
        Binding([.escape, .backspace], .back, Phrase("back to the panes", "quay lại các khung"), footer: ("Esc", Phrase("back", "quay lại"))),
        Binding([c("n")], .nextMatch, Phrase("next task in the list", "nhiệm vụ sau trong danh sách"), footer: ("n/N", Phrase("next/prev", "sau/trước"))),
        Binding([c("N")], .previousMatch, Phrase("previous task in the list", "nhiệm vụ trước trong danh sách")),
    ] + general.filter { $0.command != .nextMatch && $0.command != .previousMatch })

    public static let changes = KeyTable(title: Phrase("Changes to the selected task", "Thay đổi nhiệm vụ đang chọn"), bindings: actions)

    public static let editing = KeyTable<EditCommand>(title: Phrase("Typing (filter, command, forms)", "Khi gõ (lọc, lệnh, biểu mẫu)"), bindings: [
        Binding([.enter], .confirm, Phrase("accept (in a form: next field, then save)", "xác nhận (biểu mẫu: ô sau, rồi lưu)"), footer: ("Enter", Phrase("ok", "đồng ý"))),
        Binding([.escape], .cancel, Phrase("cancel", "hủy"), footer: ("Esc", Phrase("cancel", "hủy"))),
        Binding([.tab, .down], .nextField, Phrase("next field", "ô sau"), footer: ("Tab", Phrase("field", "ô"))),
        Binding([.backTab, .up], .previousField, Phrase("previous field", "ô trước")),
        Binding([.left], .left, Phrase("cursor left", "con trỏ sang trái")),
        Binding([.right], .right, Phrase("cursor right", "con trỏ sang phải")),
        Binding([.home, .ctrl("a")], .home, Phrase("start of the line", "đầu dòng")),
        Binding([.end, .ctrl("e")], .end, Phrase("end of the line", "cuối dòng")),
        Binding([.backspace], .backspace, Phrase("delete the character before the cursor", "xóa ký tự trước con trỏ")),
        Binding([.delete, .ctrl("d")], .delete, Phrase("delete the character under the cursor", "xóa ký tự tại con trỏ")),
        Binding([.ctrl("u")], .killToStart, Phrase("delete to the start of the line", "xóa đến đầu dòng")),
    ])

    public static let confirm = KeyTable<ConfirmCommand>(title: Phrase("Questions", "Câu hỏi xác nhận"), bindings: [
        Binding([c("y")], .yes, Phrase("yes, record it", "có, ghi lại"), footer: ("y", Phrase("yes", "có"))),
        Binding([c("n"), .escape], .no, Phrase("no", "không"), footer: ("n/Esc", Phrase("no", "không"))),
    ])

    public static let help = KeyTable<HelpCommand>(title: Phrase("Help", "Trợ giúp"), bindings: [
        Binding([c("j"), .down], .down, Phrase("scroll down", "cuộn xuống"), footer: ("j/k", Phrase("scroll", "cuộn"))),
        Binding([c("k"), .up], .up, Phrase("scroll up", "cuộn lên")),
        Binding([c("g"), .home], .top, Phrase("top", "đầu")),
        Binding([c("G"), .end], .bottom, Phrase("bottom", "cuối")),
        Binding([.pageDown, c(" ")], .pageDown, Phrase("next page", "trang sau")),
        Binding([.pageUp], .pageUp, Phrase("previous page", "trang trước")),
        Binding([.escape, c("?"), c("q")], .close, Phrase("close the help", "đóng trợ giúp"), footer: ("Esc", Phrase("close", "đóng"))),
    ])

    /// Action keys are looked up on the panes and in the detail view alike.
    static func command(onPanes key: Keystroke) -> Command? { panes.command(for: key) ?? changes.command(for: key) }
    static func command(inDetail key: Keystroke) -> Command? { detail.command(for: key) ?? changes.command(for: key) }
}

/// The changes a user can make to the ledger from the screen; each opens a small form.
public enum Action: String, CaseIterable, Sendable {
    case start, report, block, submit, accept, `return`, extend, cancel, amend, reassign, assign, stage

    public var key: Keystroke {
        switch self {
        case .start: return .char("t")
        case .report: return .char("r")
        case .block: return .char("b")
        case .submit: return .char(">")
        case .accept: return .char("A")
        case .return: return .char("R")
        case .extend: return .char("e")
        case .cancel: return .char("x")
        case .amend: return .char("m")
        case .reassign: return .char("L")
        case .assign: return .char("a")
        case .stage: return .char("D")
        }
    }

    /// The verb it records, of the same name (`block` on a blocked task records `unblock`,
    /// which only the secretariat may: a focal point pressing it there is told so).
    public var verb: Verb { Verb(rawValue: rawValue)! }

    /// One or two words for the status line.
    public var short: Phrase {
        switch self {
        case .start: return Phrase("start", "bắt đầu")
        case .report: return Phrase("report", "báo cáo")
        case .block: return Phrase("block", "vướng")
        case .submit: return Phrase("submit", "trình")
        case .accept: return Phrase("accept", "nhận")
        case .return: return Phrase("return", "trả lại")
        case .extend: return Phrase("extend", "gia hạn")
        case .cancel: return Phrase("cancel", "hủy")
        case .amend: return Phrase("amend", "bổ sung")
        case .reassign: return Phrase("reassign", "giao lại")
        case .assign: return Phrase("assign", "giao")
        case .stage: return Phrase("stage", "bước")
        }
    }

    public var phrase: Phrase {
        switch self {
        case .start: return Phrase("start the task", "bắt đầu thực hiện")
        case .report: return Phrase("report progress (%, note)", "báo cáo tiến độ (%, ghi chú)")
        case .block: return Phrase("block with an obstacle / unblock", "báo vướng mắc / gỡ vướng")
        case .submit: return Phrase("submit the result", "trình kết quả")
        case .accept: return Phrase("accept a submitted task (done)", "chấp nhận kết quả (hoàn thành)")
        case .return: return Phrase("return a submitted task for more work", "trả lại để làm tiếp")
        case .extend: return Phrase("extend the deadline (new date, reason)", "gia hạn (ngày mới, lý do)")
        case .cancel: return Phrase("cancel the task (reason, then confirm)", "hủy nhiệm vụ (lý do, rồi xác nhận)")
        case .amend: return Phrase("amend the clarity fields (5 rõ)", "bổ sung các trường \"5 rõ\"")
        case .reassign: return Phrase("reassign to another lead agency (and its owner)", "giao lại cho cơ quan chủ trì khác (và đơn vị phụ trách)")
        case .assign: return Phrase("assign a new task", "giao nhiệm vụ mới")
        case .stage: return Phrase("move a legal document to its next stage", "chuyển bước xây dựng văn bản")
        }
    }
}

import SteerCore

/// An event the user asked for, before the journal stamps it with the time and the actor.
public struct Draft: Hashable, Sendable {
    public var verb: Verb
    public var id: String
    public var fields: [Field]
    /// For an extension or a reassignment made through a form: the deadline, or the leads, the
    /// form showed. Checked against the board the journal reads under the lock (`event(on:)`):
    /// another user's extension or reassignment written since is not undone by this one.
    public var deadlineShown: CivilDate?
    public var leadsShown: [String]?
    /// For a change asked to be confirmed: how many events the task had when the question was
    /// asked. Checked under the lock too: another user's change since (a resubmission before an
    /// accept, an extension before an undo) is not confirmed unseen, nor set back.
    public var eventsSeen: Int?

    public init(_ verb: Verb, _ id: String, _ fields: [Field] = [], deadlineShown: CivilDate? = nil, leadsShown: [String]? = nil) {
        self.verb = verb
        self.id = id
        self.fields = fields
        self.deadlineShown = deadlineShown
        self.leadsShown = leadsShown
    }

    /// The event to append, stamped `time`, or why not: the deadline or the leads the form
    /// showed are not the task's any more.
    public func event(on board: Board, time: Timestamp, actor: String) throws(Rejection) -> Event {
        try checkShown(against: board)
        return Event(time: time, actor: actor, verb: verb, id: id, fields: fields)
    }

    /// Refuses a draft made from a deadline or leads that `board` no longer gives the task: the
    /// form asks it of the screen's board, the journal of the one it reads under the lock.
    func checkShown(against board: Board) throws(Rejection) {
        if let shown = deadlineShown, let now = board.tasks[id]?.due, now != shown {
            throw Rejection("the deadline of \(id) is now \(now), moved since this form showed \(shown)", hint: "look at it again, then extend it from there")
        }
        if let shown = leadsShown, let now = board.tasks[id]?.leads, now != shown {
            throw Rejection("\(id) is now led by \(now.joined(separator: ",")), changed since this form showed \(shown.joined(separator: ","))",
                            hint: "look at it again, then reassign it from there")
        }
        if let seen = eventsSeen, case let now = board.tasks.history(of: id).count, now != seen {
            throw Rejection("\(id) has changed since you were asked (\(now - seen) later event\(now - seen == 1 ? "" : "s")); nothing was written",
                            hint: "look at it again (Enter), then decide")
        }
    }

    /// The draft as its ledger line would read after the actor, for questions and messages.
    public var line: String {
        ([verb.rawValue, id] + fields.map { $0.key.rawValue + "=" + LedgerPrinter.value($0.value) }).joined(separator: " ")
    }
}

/// Why a form cannot open or be saved, in the user's language.
public struct Refusal: Error, Hashable, Sendable {
    public let text: String
    init(_ text: String) { self.text = text }
}

/// How a change made in this session can be taken back: by a compensating event, or not at all
/// (with the reason, told to the user when they press `u`).
public enum Undo: Hashable, Sendable {
    case by(Draft)
    case impossible(Phrase)
}

/// A yes/no question before writing. `undo` is how to take the change back; nil when the change
/// is itself an undo.
public struct Confirmation: Hashable, Sendable {
    public var question: Phrase
    public var draft: Draft
    public var undo: Undo?
    /// The form the draft came from, which `n` goes back to with what was typed in it.
    public var form: Form? = nil
}

public enum FieldKind: Hashable, Sendable {
    case text, date, percent, newID
    case choice([String])
}

public struct FormField: Hashable, Sendable {
    /// The ledger key the field fills; nil for the id of a new task.
    public let key: Key?
    public let label: Phrase
    public var editor: LineEditor
    public let kind: FieldKind
    public let required: Bool
    /// The value before (amend), so that only what changed is written.
    public let original: String?

    init(_ key: Key?, _ label: Phrase, _ kind: FieldKind = .text, required: Bool = false, value: String? = nil, original: String? = nil) {
        self.key = key
        self.label = label
        // A date or a figure shown is replaced by what is typed over it.
        self.editor = LineEditor(value ?? "", replacedByTyping: kind == .date || kind == .percent)
        self.kind = kind
        self.required = required
        self.original = original
    }

    var hint: Phrase? {
        switch kind {
        case .date: return Phrase("YYYY-MM-DD", "YYYY-MM-DD")
        case .percent: return Phrase("0–100", "0–100")
        case .newID: return Phrase("letters, digits . _ -", "chữ, số . _ -")
        case .choice(let options): return Phrase(options.joined(separator: " | "), options.joined(separator: " | "))
        case .text: return required ? Phrase("required", "bắt buộc") : nil
        }
    }
}

/// The small form an action opens: it asks for exactly what the event needs.
public struct Form: Hashable, Sendable {
    public let action: Action
    public let verb: Verb
    /// The task acted on; empty for `assign`, whose id is a field.
    public let taskID: String
    public let title: Phrase
    public var fields: [FormField]
    public var focus = 0
    public var error: String?
    /// The task's leads when a reassign form opened (`Draft.leadsShown`).
    var leadsAtOpen: [String]?

    public var focused: FormField { fields[focus] }

    mutating func edit(_ change: (inout LineEditor) -> Void) {
        change(&fields[focus].editor)
        error = nil
    }

    /// Opens the form for `action` on the selected task, or says why it cannot be done now:
    /// the change is tried on a copy of the latest board first, so a refused transition is told
    /// before anything is typed.
    static func open(_ action: Action, in s: AppState) -> Result<Form, Refusal> {
        let lang = s.language
        let board = s.ledger.latest
        if action == .assign { return openAssign(s) }
        guard let id = s.selectedTaskID, let task = board.tasks[id] else {
            return .failure(Refusal(lang.t("select a task first", "hãy chọn một nhiệm vụ trước")))
        }
        let verb: Verb
        var fields: [FormField] = []
        let note = Phrase("Note", "Ghi chú")
        switch action {
        case .start: verb = .start; fields = [FormField(.note, note)]
        case .report:
            verb = .report
            // The figure shown is the one read when the form opened: left as it is, it is not
            // written, so that a report another user made meanwhile is not set back.
            let progress = task.progress.map(String.init)
            fields = [FormField(.progress, Phrase("Progress %", "Tiến độ %"), .percent, value: progress, original: progress),
                      FormField(.note, note)]
        case .block:
            if task.state == .blocked {
                verb = .unblock
                fields = [FormField(.note, Phrase("How it was resolved", "Đã gỡ thế nào"))]
            } else {
                verb = .block
                fields = [FormField(.note, Phrase("Obstacle", "Vướng mắc"), required: true)]
            }
        case .submit: verb = .submit; fields = [FormField(.note, note)]
        case .accept: verb = .accept; fields = [FormField(.note, note)]
        case .return: verb = .return; fields = [FormField(.note, Phrase("What is missing", "Còn thiếu gì"), required: true)]
        case .extend:
            verb = .extend
            // The deadline read when the form opened, to be typed over: left as it is, it is
            // refused, not written, so that an extension another user made meanwhile is not
            // taken back.
            let due = task.due?.description
            fields = [FormField(.due, Phrase("New deadline", "Hạn mới"), .date, required: true, value: due, original: due),
                      FormField(.reason, Phrase("Reason", "Lý do"), required: true)]
        case .cancel: verb = .cancel; fields = [FormField(.reason, Phrase("Reason", "Lý do"), required: true)]
        case .amend:
            verb = .amend
            fields = amendFields(task, board)
        case .reassign:
            verb = .reassign
            // The unit in charge was the old lead's: given here, or none until the new lead names it.
            fields = [FormField(.lead, Phrase("New lead agency", "Cơ quan chủ trì mới"), required: true),
                      FormField(.owner, Phrase("Person (owner) there", "Đơn vị phụ trách ở đó")),
                      FormField(.reason, Phrase("Reason", "Lý do"))]
        case .stage:
            verb = .stage
            // A focal point records the stages before issue; the secretariat records the issue.
            let focal = board.members[s.actor]?.role == .focal
            let next = Stage.allCases.filter { (task.stage == nil || $0 > task.stage!) && !(focal && $0 == .issued) }.map(\.rawValue)
            fields = [FormField(.stage, Phrase("Stage", "Bước"), .choice(next), required: true, value: next.first),
                      // Empty: the number of the stage reached is a new one (the decree's, not the
                      // submission's), and one shown here was typed after and recorded as the issue's.
                      FormField(.ref, Phrase("Document number", "Số hiệu văn bản")),
                      FormField(.note, note)]
        case .assign: preconditionFailure("handled above")
        }
        if let refusal = probe(verb, task, s) { return .failure(Refusal(refusal)) }
        var form = Form(action: action, verb: verb, taskID: id, title: Self.title(verb, id), fields: fields)
        if verb == .reassign { form.leadsAtOpen = task.leads }
        return .success(form)
    }

    static func title(_ verb: Verb, _ id: String) -> Phrase {
        let names: [Verb: Phrase] = [
            .start: Phrase("Start", "Bắt đầu"), .report: Phrase("Report progress on", "Báo cáo tiến độ"),
            .block: Phrase("Block", "Báo vướng mắc"), .unblock: Phrase("Unblock", "Gỡ vướng"),
            .submit: Phrase("Submit", "Trình kết quả"), .accept: Phrase("Accept", "Chấp nhận"),
            .return: Phrase("Return", "Trả lại"), .extend: Phrase("Extend", "Gia hạn"),
            .cancel: Phrase("Cancel", "Hủy"), .amend: Phrase("Amend", "Bổ sung"), .reassign: Phrase("Reassign", "Giao lại"),
            .stage: Phrase("Next stage of", "Chuyển bước"), .assign: Phrase("Assign a new task", "Giao nhiệm vụ mới"),
        ]
        let n = names[verb] ?? Phrase(verb.rawValue, verb.rawValue)
        return id.isEmpty ? n : Phrase(n.en + " " + id, n.vi + " " + id)
    }

    static func amendFields(_ t: Assignment, _ board: Board) -> [FormField] {
        func field(_ key: Key, _ label: Phrase, _ value: String?, _ kind: FieldKind = .text) -> FormField {
            FormField(key, label, kind, value: value, original: value ?? "")
        }
        var f = [
            field(.title, Phrase("Work (title)", "Rõ việc (tên)"), t.title),
            field(.owner, Phrase("Person (owner)", "Rõ người (phụ trách)"), t.owner),
            field(.product, Phrase("Result (product)", "Rõ kết quả (sản phẩm)"), t.product),
        ]
        // A deadline or a lead, once set, moves only by extend or reassign.
        if t.due == nil { f.append(field(.due, Phrase("Time (deadline)", "Rõ thời gian (hạn)"), nil, .date)) }
        if t.leads.isEmpty { f.append(field(.lead, Phrase("Responsibility (lead)", "Rõ trách nhiệm (chủ trì)"), nil)) }
        if board.config.authorityRequired || t.authority != nil {
            f.append(field(.authority, Phrase("Authority", "Rõ thẩm quyền"), t.authority))
        }
        f.append(field(.support, Phrase("Support agencies", "Cơ quan phối hợp"), t.support.isEmpty ? nil : t.support.joined(separator: ",")))
        f.append(field(.source, Phrase("Source", "Văn bản giao"), t.source))
        return f
    }

    static func openAssign(_ s: AppState) -> Result<Form, Refusal> {
        let probeID = "steer-probe-" + String(s.ledger.eventCount)
        let board = s.ledger.latest
        let e = Event(time: board.lastTime ?? Timestamp(instant: 0, offsetMinutes: 0), actor: s.actor, verb: .assign, id: probeID)
        do { try board.check(e) } catch { return .failure(Refusal(RefusalText.say(error, s.language))) }
        let fields = [
            FormField(nil, Phrase("Id", "Mã"), .newID, required: true),
            FormField(.title, Phrase("Work (title)", "Rõ việc (tên)")),
            FormField(.lead, Phrase("Responsibility (lead)", "Rõ trách nhiệm (chủ trì)"), value: s.selectedAgencyID),
            FormField(.owner, Phrase("Person (owner)", "Rõ người (phụ trách)")),
            FormField(.due, Phrase("Time (deadline)", "Rõ thời gian (hạn)"), .date),
            FormField(.product, Phrase("Result (product)", "Rõ kết quả (sản phẩm)")),
            FormField(.kind, Phrase("Kind", "Loại"), .choice(TaskKind.allCases.map(\.rawValue)), required: true, value: TaskKind.task.rawValue),
            FormField(.support, Phrase("Support agencies", "Cơ quan phối hợp")),
            FormField(.source, Phrase("Source", "Văn bản giao")),
        ]
        return .success(Form(action: .assign, verb: .assign, taskID: "", title: title(.assign, ""), fields: fields))
    }

    /// Tries the change on a copy of the latest board with stand-in values, to catch a refused
    /// transition or a role that may not record it.
    static func probe(_ verb: Verb, _ task: Assignment, _ s: AppState) -> String? {
        let board = s.ledger.latest
        var fields: [Field] = []
        switch verb {
        case .report: fields = [Field(.progress, "0")]
        case .block, .return: fields = [Field(.note, "-")]
        case .cancel: fields = [Field(.reason, "-")]
        case .extend: fields = [Field(.due, (task.due ?? s.today).adding(days: 1).description), Field(.reason, "-")]
        case .stage: fields = [Field(.stage, Stage.allCases.first { task.stage == nil || $0 > task.stage! }?.rawValue ?? "issued")]
        case .amend: fields = [Field(.title, task.title ?? "-")]
        case .reassign:
            // Any agency that does not lead it now: with none, there is no one to give it to.
            let other = board.agencyOrder.first { board.agencies[$0]?.mergedInto == nil && !task.leads.contains($0) }
            fields = [Field(.lead, other ?? task.leads.joined(separator: ","))]
        default: break
        }
        let e = Event(time: board.lastTime ?? task.assignedAt, actor: s.actor, verb: verb, id: task.id, fields: fields)
        do { try board.check(e) } catch { return RefusalText.say(error, s.language) }
        return nil
    }

    /// The event the filled form asks for, or what is wrong with it (in the user's language).
    func draft(_ lang: Language, board: Board) -> Result<Draft, Refusal> {
        var id = taskID
        var out: [Field] = []
        // A value that must change, left as the form showed it: said once the draft is known
        // not to rest on a deadline or leads another user has changed since.
        var unchanged: String?
        for f in fields {
            var value = NFC.of(f.editor.text.trimmingSpaces())
            let name = lang.say(f.label)
            if value.isEmpty {
                if f.required { return .failure(Refusal(lang.t("\(name) is required", "cần nhập \(name)"))) }
                // A percentage left empty says nothing.
                if case .percent = f.kind { continue }
                // An amended field emptied on purpose is written empty: that is what the user asked.
                guard let original = f.original, !original.isEmpty else { continue }
            }
            switch f.kind {
            case .date where !value.isEmpty:
                guard CivilDate(value) != nil else { return .failure(Refusal(lang.t("\(name): `\(value)` is not a date; write YYYY-MM-DD", "\(name): `\(value)` không phải ngày; viết YYYY-MM-DD"))) }
            case .percent where !value.isEmpty:
                // `95%` as people write it.
                if value.hasSuffix("%") { value = String(value.dropLast()).trimmingSpaces() }
                guard let p = Int(value), (0...100).contains(p) else { return .failure(Refusal(lang.t("\(name): a whole number from 0 to 100", "\(name): số nguyên từ 0 đến 100"))) }
                // As the ledger writes numbers: `050` and `+50` are 50.
                value = String(p)
            case .choice(let options):
                guard options.contains(value) else { return .failure(Refusal(lang.t("\(name): one of ", "\(name): một trong ") + options.joined(separator: ", "))) }
            case .newID:
                guard !value.hasPrefix("-") else { return .failure(Refusal(lang.t("\(name): an id does not start with '-'", "\(name): mã không bắt đầu bằng '-'"))) }
                guard LedgerPrinter.isName(value) else { return .failure(Refusal(lang.t("\(name): letters, digits, '.', '_' and '-' only", "\(name): chỉ chữ, số, '.', '_' và '-'"))) }
                guard board.tasks[value] == nil else { return .failure(Refusal(lang.t("task \(value) already exists", "nhiệm vụ \(value) đã có"))) }
                id = value
                continue
            case .text where f.key == .lead || f.key == .support:
                // A list as people type it, `BTC, BTP`: the ledger's is `BTC,BTP`.
                value = value.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }.joined(separator: ",")
            default: break
            }
            if let original = f.original, original == value {
                if f.required, unchanged == nil { unchanged = lang.t("\(name) is still \(value); type the new one", "\(name) vẫn là \(value); hãy nhập giá trị mới") }
                continue
            }
            if let key = f.key { out.append(Field(key, value)) }
        }
        if verb == .report, out.isEmpty { return .failure(Refusal(lang.t("give a progress figure or a note", "nhập tiến độ hoặc ghi chú"))) }
        if verb == .amend, out.isEmpty { return .failure(Refusal(lang.t("nothing was changed", "chưa thay đổi gì"))) }
        let shown = verb == .extend ? fields.first { $0.key == .due }?.original.flatMap(CivilDate.init) : nil
        let draft = Draft(verb, id, out, deadlineShown: shown, leadsShown: leadsAtOpen)
        do { try draft.checkShown(against: board) } catch { return .failure(Refusal(RefusalText.say(error, lang))) }
        if let unchanged { return .failure(Refusal(unchanged)) }
        return .success(draft)
    }

    /// How to take the change back, judged from the task as it stood before it.
    static func undo(for d: Draft, before task: Assignment?) -> Undo {
        let note = Field(.note, TaskHistory.undoReason)
        switch d.verb {
        case .block: return .by(Draft(.unblock, d.id, [note]))
        case .unblock: return .by(Draft(.block, d.id, [Field(.note, task?.blockedNote ?? TaskHistory.undoReason)]))
        case .submit: return .by(Draft(.return, d.id, [note]))
        case .return: return .by(Draft(.submit, d.id, [note]))
        case .assign: return .by(Draft(.cancel, d.id, [Field(.reason, TaskHistory.undoReason)]))
        case .extend:
            guard let old = task?.due else { return .impossible(Phrase("the task had no deadline to go back to", "nhiệm vụ trước đó không có hạn để quay về")) }
            return .by(Draft(.extend, d.id, [Field(.due, old.description), Field(.reason, TaskHistory.undoReason)]))
        case .amend:
            guard let task, !d.fields.contains(where: { $0.key == .due || $0.key == .lead }) else {
                return .impossible(Phrase("a deadline or lead once set moves only by extend or reassign", "hạn hoặc cơ quan chủ trì đã đặt chỉ đổi bằng gia hạn hoặc giao lại"))
            }
            let back = d.fields.compactMap { f -> Field? in
                switch f.key {
                case .title: return Field(.title, task.title ?? "")
                case .owner: return Field(.owner, task.owner ?? "")
                case .product: return Field(.product, task.product ?? "")
                case .source: return Field(.source, task.source ?? "")
                case .authority: return Field(.authority, task.authority ?? "")
                case .support: return Field(.support, task.support.joined(separator: ","))
                case .kind: return Field(.kind, task.kind.rawValue)
                default: return nil
                }
            }
            return .by(Draft(.amend, d.id, back))
        case .start: return .impossible(Phrase("a start cannot be undone: no event takes a task back to assigned", "không thể hoàn tác việc bắt đầu: không có sự kiện đưa nhiệm vụ về trạng thái đã giao"))
        case .report: return .impossible(Phrase("a report cannot be undone: report the right figure again", "không thể hoàn tác báo cáo: hãy báo cáo lại số đúng"))
        case .accept: return .impossible(Phrase("acceptance closes the task and cannot be undone", "chấp nhận đã đóng nhiệm vụ, không hoàn tác được"))
        case .cancel: return .impossible(Phrase("a cancelled task is closed; assign a new one", "nhiệm vụ đã hủy là đã đóng; hãy giao nhiệm vụ mới"))
        case .stage: return .impossible(Phrase("stages only move forward", "các bước chỉ đi tới"))
        case .reassign:
            guard let task, !task.leads.isEmpty else { return .impossible(Phrase("the task had no lead to go back to", "nhiệm vụ trước đó không có cơ quan chủ trì để quay về")) }
            let newLeads = Board.list(d.fields.first { $0.key == .lead }?.value)
            if task.support.contains(where: newLeads.contains) {
                return .impossible(Phrase("the new lead left the support list, which a reassign back cannot restore; amend support as well",
                                          "cơ quan chủ trì mới đã rời danh sách phối hợp, giao lại không khôi phục được; hãy bổ sung cả cơ quan phối hợp"))
            }
            return .by(Draft(.reassign, d.id, [Field(.lead, task.leads.joined(separator: ","))] + (task.owner.map { [Field(.owner, $0)] } ?? []) + [Field(.reason, TaskHistory.undoReason)]))
        case .config, .agency, .member: return .impossible(Phrase("not a change made from this screen", "không phải thay đổi từ màn hình này"))
        }
    }
}

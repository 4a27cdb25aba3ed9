import SteerCore

/// Turns a task's plan into ledger events, one step at a time.
extension TaskPlan {
    /// How the task stands after its last step that happened.
    struct Outcome {
        var state: TaskState = .assigned
        var leads: [Int]
        var dueDay: Int?
        var closedAt: Timestamp?
    }

    /// The task as it stands before step `k` (all steps, when `k` is nil).
    func outcome(before k: Int? = nil) -> Outcome {
        var o = Outcome(leads: leads, dueDay: dueDay)
        for step in steps.prefix(k ?? steps.count) {
            switch step.action {
            case .assign: break
            case .amend(.due): o.dueDay = amendedDueDay
            case .amend(.lead): o.leads = [amendedLead]
            case .amend: break
            case .reassign(let to): o.leads = [to]
            case .extend(_, let days): o.dueDay = o.dueDay.map { $0 + days }
            case .start, .report, .unblock, .sendBack, .stage(.drafting): if o.state != .blocked || step.action.isUnblock { o.state = .inProgress }
            case .stage(.issued), .accept: o.state = .done; o.closedAt = time(of: step)
            case .stage: break
            case .block: o.state = .blocked
            case .submit: o.state = .submitted
            case .cancel: o.state = .cancelled; o.closedAt = time(of: step)
            }
        }
        return o
    }

    func time(of step: PlannedStep) -> Timestamp { Timeline.timestamp(day: step.day, minute: step.minute) }

    func event(_ k: Int) -> Event {
        let step = steps[k]
        let before = outcome(before: k)
        let actor: String
        if step.action.recorder == .focal, let lead = before.leads.first {
            actor = Declarations.focalLogin(lead)
        } else {
            actor = Declarations.secretariatLogin(task: index, step: k)
        }
        func make(_ verb: Verb, _ fields: [Field] = []) -> Event {
            Event(time: time(of: step), actor: actor, verb: verb, id: id, fields: fields)
        }
        switch step.action {
        case .assign:
            var fields = [Field(.kind, kind.rawValue), Field(.title, title)]
            if !leads.isEmpty { fields.append(Field(.lead, leads.map { Directory.all[$0].id }.joined(separator: ","))) }
            if !support.isEmpty { fields.append(Field(.support, support.map { Directory.all[$0].id }.joined(separator: ","))) }
            if let owner { fields.append(Field(.owner, owner)) }
            if let dueDay { fields.append(Field(.due, Timeline.date(dueDay).description)) }
            if let product { fields.append(Field(.product, product)) }
            fields.append(Field(.source, source))
            return make(.assign, fields)
        case .amend(let key):
            let value: String
            switch key {
            case .due: value = Timeline.date(amendedDueDay).description
            case .lead: value = Directory.all[amendedLead].id
            case .owner: value = Directory.all[before.leads.first ?? 0].isCentral ? "Vụ Pháp chế" : "Sở Khoa học và Công nghệ"
            default: value = Vocabulary.products(kind)[0]
            }
            return make(.amend, [Field(key, value)])
        case .start:
            return make(.start)
        case .report(let progress, let note):
            var fields = [Field(.progress, String(progress))]
            if let note { fields.append(Field(.note, Vocabulary.progressNotes[note])) }
            return make(.report, fields)
        case .block(let note):
            return make(.block, [Field(.note, Vocabulary.obstacles[note])])
        case .unblock(let note):
            return make(.unblock, [Field(.note, Vocabulary.resolutions[note])])
        case .extend(let reason, let days):
            let to = Timeline.date((before.dueDay ?? amendedDueDay) + days)
            return make(.extend, [Field(.due, to.description), Field(.reason, Vocabulary.extensionReasons[reason])])
        case .submit:
            return make(.submit)
        case .accept:
            return make(.accept)
        case .sendBack(let note):
            return make(.return, [Field(.note, Vocabulary.returnNotes[note])])
        case .reassign(let to):
            return make(.reassign, [Field(.lead, Directory.all[to].id), Field(.reason, "Điều chỉnh theo chức năng, nhiệm vụ sau sắp xếp")])
        case .cancel(let reason):
            return make(.cancel, [Field(.reason, Vocabulary.cancelReasons[reason])])
        case .stage(let stage):
            var fields = [Field(.stage, stage.rawValue)]
            if stage == .issued { fields.append(Field(.ref, documentNumber(issuedOn: Timeline.date(step.day)))) }
            return make(.stage, fields)
        }
    }

    /// The number an issued document gets, in the official pattern of its kind.
    func documentNumber(issuedOn date: CivilDate) -> String {
        let n = String(index % 400 + 1)
        let year = String(date.components.year)
        switch kind {
        case .decree: return n + "/" + year + "/NĐ-CP"
        case .decision: return n + "/QĐ-TTg"
        case .circular: return n + "/" + year + "/TT-" + Directory.all[leads.first ?? 0].id.uppercased()
        case .law: return n + "/" + year + "/QH15"
        default: return n + "/NQ-CP"
        }
    }
}

extension StepAction {
    var isUnblock: Bool { if case .unblock = self { return true } else { return false } }
}

import SteerCore

/// The same tasks as a taskwarrior import file (`task import FILE`), so that both tools are
/// timed on the same work: one JSON object per task, in task order.
enum TaskwarriorExport {
    static func object(_ plan: TaskPlan) -> String {
        let o = plan.outcome()
        var s = "{\"description\":" + quoted(plan.title)
        if let lead = o.leads.first { s += ",\"project\":" + quoted(Directory.all[lead].id) }
        s += ",\"entry\":" + quoted(date(plan.time(of: plan.steps[0])))
        if let due = o.dueDay { s += ",\"due\":" + quoted(Timeline.date(due).taskwarriorText) }
        switch o.state {
        case .done: s += ",\"status\":\"completed\""
        case .cancelled: s += ",\"status\":\"deleted\""
        default: s += ",\"status\":\"pending\""
        }
        if let end = o.closedAt { s += ",\"end\":" + quoted(date(end)) }
        var tags = [plan.kind.rawValue]
        if plan.owner == nil || plan.product == nil || plan.dueDay == nil || plan.leads.count != 1 { tags.append("unclear") }
        if o.state == .blocked { tags.append("blocked") }
        s += ",\"tags\":[" + tags.map(quoted).joined(separator: ",") + "]}"
        return s
    }

    /// Taskwarrior's compact UTC form: 20250630T000000Z.
    static func date(_ t: Timestamp) -> String {
        let utc = Timestamp(instant: t.instant, offsetMinutes: 0, hasSeconds: true)
        return String(utc.description.filter { $0 != "-" && $0 != ":" })
    }

    static func quoted(_ text: String) -> String {
        var s = "\""
        for u in text.unicodeScalars {
            switch u {
            case "\"": s += "\\\""
            case "\\": s += "\\\\"
            default:
                if u.value < 0x20 { s += "\\u" + String(u.value, radix: 16).leftPadded(to: 4) } else { s.unicodeScalars.append(u) }
            }
        }
        return s + "\""
    }
}

extension CivilDate {
    var taskwarriorText: String { String(description.filter { $0 != "-" }) + "T000000Z" }
}

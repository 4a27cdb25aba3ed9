/// The reports that `steer show` prints, each the printable twin of a pane.
public enum Report: String, CaseIterable, Sendable {
    case tasks, overdue, deadlines, decrees, agencies

    public func table(_ o: Overview, filter: TaskFilter = .all) -> ReportTable {
        switch self {
        case .tasks: return Self.tasks(o, filter)
        case .overdue: return Self.overdue(o, filter)
        case .deadlines: return Self.deadlines(o, filter)
        case .decrees: return Self.decrees(o, filter)
        case .agencies: return Self.agencies(o)
        }
    }

    /// The deadlines of the open tasks this report can show on `today`, `slack` days wider on
    /// each side (for a caller whose today may be that far from the ledger's); nil for a report
    /// that needs every task. A board holding only the open tasks due within it gives this
    /// report what the whole board gives.
    public func dueWindow(today: CivilDate, slack: Int) -> DueWindow? {
        switch self {
        case .overdue, .decrees: return DueWindow(from: nil, through: today.adding(days: -1 + slack))
        case .deadlines: return DueWindow(from: today.adding(days: -Overview.missedDays - slack), through: today.adding(days: Overview.upcomingDays + slack))
        case .tasks, .agencies: return nil
        }
    }

    static func int(_ n: Int?) -> String? { n.map(String.init) }

    /// The lead agencies as a cell: most tasks have one, which needs no joining; none is no
    /// value (null in JSON, as any field not given), not an empty text.
    static func leads(_ leads: [String]) -> String? {
        switch leads.count {
        case 0: return nil
        case 1: return leads[0]
        default: return leads.joined(separator: ",")
        }
    }

    static func tasks(_ o: Overview, _ f: TaskFilter) -> ReportTable {
        var t = ReportTable(title: "Tasks on \(o.today)", columns: [
            .init("id"), .init("kind"), .init("lead"), .init("title"), .init("owner"), .init("due"),
            .init("state"), .init("progress", numeric: true), .init("timeliness"), .init("days_late", numeric: true), .init("unclear"),
        ])
        // Room for every row at once when every row is printed: grown by doubling, the cells
        // would for a moment take half as much again.
        if f.isEmpty { t.reserve(rows: o.rows.count) }
        for r in o.rows where f.matches(r, in: o) {
            r.withTask { k in
                t.add(k.pointee.id); t.add(k.pointee.kind.rawValue); t.add(Self.leads(k.pointee.leads)); t.add(k.pointee.title)
                t.add(k.pointee.owner); t.add(k.pointee.due?.description); t.add(k.pointee.state.rawValue); t.add(int(k.pointee.progress))
            }
            t.add(r.timeliness.rawValue); t.add(int(r.daysLate)); t.add(r.unclear.map(\.rawValue).joined(separator: ","))
        }
        return t
    }

    static func overdue(_ o: Overview, _ f: TaskFilter) -> ReportTable {
        var t = ReportTable(title: "Overdue on \(o.today)", columns: [
            .init("id"), .init("lead"), .init("title"), .init("due"), .init("days_late", numeric: true), .init("state"), .init("owner"),
        ])
        let overdue = o.overdueRows()
        t.reserve(rows: overdue.count)
        let rows = o.rows
        for i in overdue {
            // The cells read from the row's task where it lies: taken out first, the task was
            // copied, all of its text retained.
            let r = rows[i]
            guard f.matches(r, in: o) else { continue }
            r.withTask { k in
                t.add(k.pointee.id); t.add(Self.leads(k.pointee.leads)); t.add(k.pointee.title); t.add(k.pointee.due?.description)
                t.add(int(r.daysLate)); t.add(k.pointee.state.rawValue); t.add(k.pointee.owner)
            }
        }
        return t
    }

    static func deadlines(_ o: Overview, _ f: TaskFilter) -> ReportTable {
        var t = ReportTable(title: "Deadlines around \(o.today)", columns: [
            .init("when"), .init("due"), .init("days", numeric: true), .init("id"), .init("lead"), .init("title"), .init("state"),
        ])
        let d = o.deadlines()
        // Each row's cells added in turn, its task read where it lies (as `overdue` does).
        func add(_ when: String, _ r: TaskRow) {
            r.withTask { k in
                t.add(when); t.add(k.pointee.due?.description); t.add(int(r.daysLeft)); t.add(k.pointee.id)
                t.add(Self.leads(k.pointee.leads)); t.add(k.pointee.title); t.add(k.pointee.state.rawValue)
            }
        }
        for r in d.missed where f.matches(r, in: o) { add("missed", r) }
        for group in d.upcoming {
            for r in group.rows where f.matches(r, in: o) { add("due", r) }
        }
        return t
    }

    static func decrees(_ o: Overview, _ f: TaskFilter) -> ReportTable {
        var t = ReportTable(title: "Overdue legal documents on \(o.today)", columns: [
            .init("id"), .init("kind"), .init("lead"), .init("title"), .init("due"), .init("days_late", numeric: true), .init("stage"), .init("state"),
        ])
        for r in o.overdueDecrees() where f.matches(r, in: o) {
            r.withTask { k in
                t.add(k.pointee.id); t.add(k.pointee.kind.rawValue); t.add(Self.leads(k.pointee.leads)); t.add(k.pointee.title)
                t.add(k.pointee.due?.description); t.add(int(r.daysLate)); t.add(k.pointee.stage?.rawValue ?? "not started"); t.add(k.pointee.state.rawValue)
            }
        }
        return t
    }

    static func agencies(_ o: Overview) -> ReportTable {
        var t = ReportTable(title: "Agencies on \(o.today)", columns: [
            .init("id"), .init("name"), .init("kind"), .init("done_on_time", numeric: true), .init("done_late", numeric: true),
            .init("open_in_time", numeric: true), .init("open_overdue", numeric: true), .init("no_deadline", numeric: true),
            .init("assignments", numeric: true), .init("clear", numeric: true), .init("clear_pct", numeric: true), .init("fails_most"),
        ])
        let points = o.clarityPoints
        for s in o.agencyStats() {
            let c = s.counts
            t.append([s.agency.id, s.agency.name, s.agency.kind, int(c.doneOnTime), int(c.doneLate), int(c.openInTime),
                           int(c.openOverdue), int(c.noDeadline), int(s.assignments), int(s.clear), int(s.clearPercent),
                           s.worstPoint(points)?.rawValue])
        }
        return t
    }
}

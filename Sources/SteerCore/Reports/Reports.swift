/// The reports that `steer show` prints, each the printable twin of a pane.
public enum Report: String, CaseIterable, Sendable {
    case tasks, overdue, deadlines, decrees, agencies

    /// The report of `board` on `today`. A report of the open tasks due in a window judges
    /// only those, the only tasks it can show (`Overview(board:today:only:)`); the others judge
    /// every task.
    public func table(board: Board, today: CivilDate, filter: TaskFilter = .all) -> ReportTable {
        guard let window = dueWindow(today: today, slack: 0) else { return table(Overview(board: board, today: today), filter: filter) }
        return table(Overview(board: board, today: today) { window.holds($0) }, filter: filter)
    }

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

    static func int(_ n: Int?) -> String? { n.map(SmallASCII.decimal) }

    /// The lead agencies as a cell: most tasks have one, which needs no joining; none is no
    /// value (null in JSON, as any field not given), not an empty text.
    static func leads(_ leads: [String]) -> String? {
        switch leads.count {
        case 0: return nil
        case 1: return leads[0]
        default: return leads.joined(separator: ",")
        }
    }

    /// The rows of `o` that pass `f`, by place, in the order given.
    static func places(_ places: some Sequence<Int>, of o: Overview, passing f: TaskFilter) -> [Int32] {
        let rows = o.rows
        return places.lazy.filter { f.matches(rows[$0], in: o) }.map { Int32($0) }
    }

    /// A report of the rows of `o` at `shown`, which keeps their places and makes a row's cells
    /// each time it is written: `cells` is given the row's number among those shown, the row, and
    /// its task where it lies (taken out first, the task was copied, all of its text retained).
    static func table(_ title: String, _ columns: [ReportTable.Column], rows shown: [Int32], of o: Overview,
                      cells: @escaping @Sendable (Int, TaskRow, UnsafePointer<Assignment>, inout RowCells) -> Void) -> ReportTable {
        ReportTable(title: title, columns: columns, rowCount: shown.count) { n, out in
            let r = o.rows[Int(shown[n])]
            r.withTask { cells(n, r, $0, &out) }
        }
    }

    static func tasks(_ o: Overview, _ f: TaskFilter) -> ReportTable {
        table("Tasks on \(o.today)", [
            .init("id"), .init("kind"), .init("lead"), .init("title"), .init("owner"), .init("due"),
            .init("state"), .init("progress", numeric: true), .init("timeliness"), .init("days_late", numeric: true), .init("unclear"),
        ], rows: places(o.rows.indices, of: o, passing: f), of: o) { _, r, k, t in
            t.append(k.pointee.id); t.append(k.pointee.kind.rawValue); t.append(Self.leads(k.pointee.leads)); t.append(k.pointee.title)
            t.append(k.pointee.owner); t.append(date: k.pointee.due); t.append(k.pointee.state.rawValue); t.append(number: k.pointee.progress)
            t.append(r.timeliness.rawValue); t.append(number: r.daysLate); t.append(r.unclear.map(\.rawValue).joined(separator: ","))
        }
    }

    static func overdue(_ o: Overview, _ f: TaskFilter) -> ReportTable {
        table("Overdue on \(o.today)", [
            .init("id"), .init("lead"), .init("title"), .init("due"), .init("days_late", numeric: true), .init("state"), .init("owner"),
        ], rows: places(o.overdueRows(), of: o, passing: f), of: o) { _, r, k, t in
            t.append(k.pointee.id); t.append(Self.leads(k.pointee.leads)); t.append(k.pointee.title); t.append(date: k.pointee.due)
            t.append(number: r.daysLate); t.append(k.pointee.state.rawValue); t.append(k.pointee.owner)
        }
    }

    static func deadlines(_ o: Overview, _ f: TaskFilter) -> ReportTable {
        let d = o.deadlines()
        let missed = places(d.missed.map(\.place), of: o, passing: f)
        let upcoming = places(d.upcoming.lazy.flatMap(\.rows).map(\.place), of: o, passing: f)
        return table("Deadlines around \(o.today)", [
            .init("when"), .init("due"), .init("days", numeric: true), .init("id"), .init("lead"), .init("title"), .init("state"),
        ], rows: missed + upcoming, of: o) { [missedCount = missed.count] n, r, k, t in
            t.append(n < missedCount ? "missed" : "due"); t.append(date: k.pointee.due); t.append(number: r.daysLeft); t.append(k.pointee.id)
            t.append(Self.leads(k.pointee.leads)); t.append(k.pointee.title); t.append(k.pointee.state.rawValue)
        }
    }

    static func decrees(_ o: Overview, _ f: TaskFilter) -> ReportTable {
        table("Overdue legal documents on \(o.today)", [
            .init("id"), .init("kind"), .init("lead"), .init("title"), .init("due"), .init("days_late", numeric: true), .init("stage"), .init("state"),
        ], rows: places(o.overdueDecrees().map(\.place), of: o, passing: f), of: o) { _, r, k, t in
            t.append(k.pointee.id); t.append(k.pointee.kind.rawValue); t.append(Self.leads(k.pointee.leads)); t.append(k.pointee.title)
            t.append(date: k.pointee.due); t.append(number: r.daysLate); t.append(k.pointee.stage?.rawValue ?? "not started"); t.append(k.pointee.state.rawValue)
        }
    }

    static func agencies(_ o: Overview) -> ReportTable {
        let rows = o.agencyStats().map { s in
            let c = s.counts
            return [s.agency.id, s.agency.name, s.agency.kind, int(c.doneOnTime), int(c.doneLate), int(c.openInTime),
                    int(c.openOverdue), int(c.noDeadline), int(s.assignments), int(s.clear), int(s.clearPercent),
                    s.worstPoint(o.clarityPoints)?.rawValue]
        }
        return ReportTable(title: "Agencies on \(o.today)", columns: [
            .init("id"), .init("name"), .init("kind"), .init("done_on_time", numeric: true), .init("done_late", numeric: true),
            .init("open_in_time", numeric: true), .init("open_overdue", numeric: true), .init("no_deadline", numeric: true),
            .init("assignments", numeric: true), .init("clear", numeric: true), .init("clear_pct", numeric: true), .init("fails_most"),
        ], rows: rows)
    }
}

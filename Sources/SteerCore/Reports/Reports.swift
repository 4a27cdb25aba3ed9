/// The reports that `steer show` prints, each the printable twin of a pane.
public enum Report: String, CaseIterable, Sendable {
    case tasks, overdue, deadlines, decrees, agencies

    /// The report of `board` on `today`. A report of the open tasks due in a window judges
    /// only those, the only tasks it can show (`Overview(board:today:only:)`); the others judge
    /// every task.
    public func table(board: Board, today: CivilDate, filter: TaskFilter = .all) -> ReportTable {
        guard let window = dueWindow(today: today, slack: 0) else { return table(Overview(board: board, today: today), filter: filter) }
        let shown = Overview(board: board, today: today) { t in t.pointee.state.isOpen && t.pointee.due.map(window.contains) ?? false }
        return table(shown, filter: filter)
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

    /// The rows of `o` that pass `f`, by place, in the order given.
    static func places(_ places: some Sequence<Int>, of o: Overview, passing f: TaskFilter) -> [Int32] {
        let rows = o.rows
        return places.lazy.filter { f.matches(rows[$0], in: o) }.map { Int32($0) }
    }

    // Each report keeps the places of its rows and makes a row's cells when it is written, its
    // task read where it lies: taken out first, the task was copied, all of its text retained.

    static func tasks(_ o: Overview, _ f: TaskFilter) -> ReportTable {
        let shown = places(o.rows.indices, of: o, passing: f)
        return ReportTable(title: "Tasks on \(o.today)", columns: [
            .init("id"), .init("kind"), .init("lead"), .init("title"), .init("owner"), .init("due"),
            .init("state"), .init("progress", numeric: true), .init("timeliness"), .init("days_late", numeric: true), .init("unclear"),
        ], rowCount: shown.count) { n, t in
            let r = o.rows[Int(shown[n])]
            r.withTask { k in
                t.append(k.pointee.id); t.append(k.pointee.kind.rawValue); t.append(Self.leads(k.pointee.leads)); t.append(k.pointee.title)
                t.append(k.pointee.owner); t.append(k.pointee.due?.description); t.append(k.pointee.state.rawValue); t.append(int(k.pointee.progress))
            }
            t.append(r.timeliness.rawValue); t.append(int(r.daysLate)); t.append(r.unclear.map(\.rawValue).joined(separator: ","))
        }
    }

    static func overdue(_ o: Overview, _ f: TaskFilter) -> ReportTable {
        let shown = places(o.overdueRows(), of: o, passing: f)
        return ReportTable(title: "Overdue on \(o.today)", columns: [
            .init("id"), .init("lead"), .init("title"), .init("due"), .init("days_late", numeric: true), .init("state"), .init("owner"),
        ], rowCount: shown.count) { n, t in
            let r = o.rows[Int(shown[n])]
            r.withTask { k in
                t.append(k.pointee.id); t.append(Self.leads(k.pointee.leads)); t.append(k.pointee.title); t.append(k.pointee.due?.description)
                t.append(int(r.daysLate)); t.append(k.pointee.state.rawValue); t.append(k.pointee.owner)
            }
        }
    }

    static func deadlines(_ o: Overview, _ f: TaskFilter) -> ReportTable {
        let d = o.deadlines()
        let missed = places(d.missed.map(\.place), of: o, passing: f)
        let shown = missed + places(d.upcoming.lazy.flatMap(\.rows).map(\.place), of: o, passing: f)
        return ReportTable(title: "Deadlines around \(o.today)", columns: [
            .init("when"), .init("due"), .init("days", numeric: true), .init("id"), .init("lead"), .init("title"), .init("state"),
        ], rowCount: shown.count) { n, t in
            let r = o.rows[Int(shown[n])]
            r.withTask { k in
                t.append(n < missed.count ? "missed" : "due"); t.append(k.pointee.due?.description); t.append(int(r.daysLeft)); t.append(k.pointee.id)
                t.append(Self.leads(k.pointee.leads)); t.append(k.pointee.title); t.append(k.pointee.state.rawValue)
            }
        }
    }

    static func decrees(_ o: Overview, _ f: TaskFilter) -> ReportTable {
        let shown = places(o.overdueDecrees().map(\.place), of: o, passing: f)
        return ReportTable(title: "Overdue legal documents on \(o.today)", columns: [
            .init("id"), .init("kind"), .init("lead"), .init("title"), .init("due"), .init("days_late", numeric: true), .init("stage"), .init("state"),
        ], rowCount: shown.count) { n, t in
            let r = o.rows[Int(shown[n])]
            r.withTask { k in
                t.append(k.pointee.id); t.append(k.pointee.kind.rawValue); t.append(Self.leads(k.pointee.leads)); t.append(k.pointee.title)
                t.append(k.pointee.due?.description); t.append(int(r.daysLate)); t.append(k.pointee.stage?.rawValue ?? "not started"); t.append(k.pointee.state.rawValue)
            }
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

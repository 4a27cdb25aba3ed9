import SteerCore

/// A table column. A fixed column is as wide as its widest cell, title included (up to a cap,
/// so that one long value cannot starve the rest); the one flexible column takes every cell the
/// others leave.
struct Column {
    let title: String
    var width: Int
    var flexible = false
    var right = false
    /// A fixed column may be cut to this width (never narrower than its heading), with an
    /// ellipsis, before anything is dropped on its account; the flexible column is given at
    /// least this much while any other column can still be cut or dropped.
    var minimum: Int
    /// When the pane is narrow, the column with the highest `drop` is cut to its minimum, then
    /// dropped, first; `drop` 0 columns always stay.
    var drop = 0

    static func fixed(_ title: String, _ cells: [[Span]], cap: Int = .max, minimum: Int? = nil, right: Bool = false, drop: Int = 0) -> Column {
        fixed(title, widest: cells.reduce(0) { max($0, $1.width) }, cap: cap, minimum: minimum, right: right, drop: drop)
    }

    /// A fixed column whose widest cell is `widest` cells wide.
    static func fixed(_ title: String, widest: Int, cap: Int = .max, minimum: Int? = nil, right: Bool = false, drop: Int = 0) -> Column {
        let heading = DisplayWidth.of(title)
        let width = max(heading, min(cap, widest))
        // A heading is never cut: a column too narrow for it is dropped instead.
        return Column(title: title, width: width, right: right, minimum: max(heading, min(width, minimum ?? width)), drop: drop)
    }

    static func flexible(_ title: String, minimum: Int) -> Column {
        Column(title: title, width: minimum, flexible: true, minimum: minimum)
    }

    /// Places columns in `total` cells with one blank between them. While they do not fit, the
    /// least important column is cut (only as much as needed) or dropped; then the columns that
    /// always stay are cut to their minimum; the flexible column takes what is left.
    static func place(_ columns: [Column], in total: Int) -> [(column: Int, x: Int, width: Int)] {
        var widths = columns.map { $0.flexible ? $0.minimum : $0.width }
        var kept = Array(columns.indices)
        func excess() -> Int { kept.reduce(0) { $0 + widths[$1] } + max(0, kept.count - 1) - total }
        func cut(_ i: Int) { widths[i] = max(columns[i].minimum, widths[i] - max(0, excess())) }
        let expendable = columns.indices.filter { columns[$0].drop > 0 }.sorted { columns[$0].drop > columns[$1].drop }
        for i in expendable where excess() > 0 {
            cut(i)
            if excess() > 0 { kept.removeAll { $0 == i } }
        }
        for i in kept where !columns[i].flexible && excess() > 0 { cut(i) }
        if let flex = kept.first(where: { columns[$0].flexible }) { widths[flex] = max(1, widths[flex] - excess()) }
        var x = 0
        var out: [(column: Int, x: Int, width: Int)] = []
        for i in kept {
            let w = min(widths[i], max(0, total - x))
            out.append((i, x, w))
            x += w + 1
        }
        return out
    }
}

/// Draws the four panes: each is a table of its entries, with headings for grouped lines.
///
/// The selected line is marked by a `>` in a column of its own and its id in reverse video,
/// not by the whole line in reverse: moving the selection then changes a score of cells rather
/// than two whole lines, which is what a keypress costs over a slow link (docs/tui.md).
enum PaneView {
    static let marker = ">"

    static func draw(_ pane: Pane, _ s: AppState, into f: inout Frame, focused: Bool) {
        let layout = Layout(s.size)
        let r = layout.content(of: pane)
        guard r.width > 1, r.height > 0 else { return }
        let lang = s.language
        let list = s.entries(pane)
        let columns = self.columns(pane, s, widest: widest(pane, s))
        // The table starts after the marker's column.
        let left = r.x + 1
        let placed = Column.place(columns, in: r.width - 1)
        for p in placed {
            let c = columns[p.column]
            f.put(DisplayWidth.fit(c.title, to: p.width, alignRight: c.right), x: left + p.x, y: r.y, limit: p.width, style: Style(.title, bold: true))
        }
        let pos = s.position(pane)
        if list.isEmpty {
            f.put(emptyText(pane, s), x: r.x + 1, y: r.y + 2, limit: r.width - 1, style: Style(.dim))
            return
        }
        let rows = layout.listRows(pane)
        for line in 0..<rows {
            let index = pos.scroll + line
            guard index < list.count else { break }
            let y = r.y + 1 + line
            switch list[index] {
            case .missedHeading(let n):
                f.put(lang.t("Missed in the last 7 days (\(n))", "Lỡ hạn trong 7 ngày qua (\(n))"), x: r.x, y: y, limit: r.width, style: Style(.overdue, bold: true))
            case .dayHeading(let d, let n):
                let days = s.today.days(until: d)
                let when = days == 0 ? lang.t("today", "hôm nay") : lang.t("in \(days) day\(days == 1 ? "" : "s")", "còn \(days) ngày")
                f.put("\(lang.weekday(d)) \(d) · \(when) (\(n))", x: r.x, y: y, limit: r.width, style: Style(days <= Tone.soonDays ? .dueSoon : .title, bold: true))
            case .task, .agency:
                let row = cells(list[index], pane, s)
                for p in placed {
                    var spans = row[p.column]
                    // The id, cut where rows differ: in its middle.
                    if p.column == 0, spans.count == 1, spans.width > p.width {
                        spans[0].text = DisplayWidth.truncateMiddle(Sanitizer.visible(spans[0].text), to: p.width)
                    }
                    let pad = columns[p.column].right ? max(0, p.width - spans.width) : 0
                    f.put(spans, x: left + p.x + pad, y: y, limit: p.width - pad)
                }
                if index == pos.index {
                    f.put(marker, x: r.x, y: y, style: Style(.accent, bold: true))
                    // The id column, whatever pane: the task's or the agency's handle.
                    let idWidth = placed.first?.width ?? 0
                    f.restyle(x: r.x, y: y, count: 1 + idWidth) { style in
                        if focused { style.reverse = true } else { style.bold = true }
                    }
                }
            }
        }
    }

    static func emptyText(_ pane: Pane, _ s: AppState) -> String {
        let lang = s.language
        if !s.filterText.isEmpty, pane != .agencies { return lang.t("nothing matches the filter (Esc clears it)", "không có gì khớp bộ lọc (Esc để bỏ lọc)") }
        switch pane {
        case .tasks: return lang.t("no tasks yet; a assigns one", "chưa có nhiệm vụ; bấm a để giao")
        case .deadlines: return lang.t("nothing falls due in the next 14 days, and nothing was missed in the last 7", "không có hạn nào trong 14 ngày tới và không lỡ hạn trong 7 ngày qua")
        case .decrees: return lang.t("no legal document is overdue", "không có văn bản nào quá hạn")
        case .agencies: return lang.t("no agencies declared", "chưa khai báo cơ quan")
        }
    }

    /// The widest cell of each column of a pane over all its lines, not only those on screen:
    /// kept in `Derived` for the task panes, measured here for the agencies (a few dozen lines).
    static func widest(_ pane: Pane, _ s: AppState) -> [Int] {
        guard pane == .agencies else { return s.derived.widest[pane.rawValue] }
        var out: [Int] = []
        for e in s.entries(pane) {
            let row = cells(e, pane, s)
            if out.isEmpty { out = Array(repeating: 0, count: row.count) }
            for (c, spans) in row.enumerated() { out[c] = max(out[c], spans.width) }
        }
        return out
    }

    /// The columns of a pane, sized to `widest`, the widest cell of each column over its lines.
    /// Title (an agency's name) is the flexible column. Narrow panes lose first what another
    /// column already says: the deadline (the timeliness counts its days), then the bar (the
    /// percentage is shown), then the least needed of the rest.
    static func columns(_ pane: Pane, _ s: AppState, widest: [Int]) -> [Column] {
        let t = s.language.t
        func cells(_ i: Int) -> Int { i < widest.count ? widest[i] : 0 }
        // Ids are the handle of every task: cut only when nothing else can give way.
        func id(_ title: String) -> Column { .fixed(title, widest: cells(0), cap: 16, minimum: 10) }
        let title = Column.flexible(t("Title", "Nhiệm vụ"), minimum: 20)
        switch pane {
        case .tasks:
            return [
                id(t("Id", "Mã")),
                .fixed(t("Lead", "Chủ trì"), widest: cells(1), cap: 10, minimum: 6, drop: 4),
                title,
                .fixed(t("Due", "Hạn"), widest: cells(3), drop: 5),
                .fixed(t("State", "Trạng thái"), widest: cells(4), drop: 2),
                .fixed(t("Timeliness", "Thời hạn"), widest: cells(5)),
                .fixed("5 rõ", widest: cells(6), drop: 3),
            ]
        case .deadlines:
            return [
                id(t("Id", "Mã")),
                .fixed(t("Lead", "Chủ trì"), widest: cells(1), cap: 10, minimum: 6, drop: 4),
                title,
                .fixed(t("State", "Trạng thái"), widest: cells(3), drop: 2),
                .fixed(t("Timeliness", "Thời hạn"), widest: cells(4)),
                .fixed("5 rõ", widest: cells(5), drop: 3),
            ]
        case .decrees:
            return [
                id(t("Id", "Mã")),
                .fixed(t("Kind", "Loại"), widest: cells(1), drop: 3),
                .fixed(t("Lead", "Chủ trì"), widest: cells(2), cap: 10, minimum: 6, drop: 4),
                Column.flexible(t("Title", "Văn bản"), minimum: 20),
                .fixed(t("Due", "Hạn"), widest: cells(4), drop: 5),
                .fixed(t("Late", "Trễ"), widest: cells(5), right: true),
                .fixed(t("Stage", "Bước"), widest: cells(6), drop: 2),
            ]
        case .agencies:
            return [
                .fixed(t("Agency", "Cơ quan"), widest: cells(0), cap: 14, minimum: 8),
                // The id names the agency: its name gives way before a count does.
                Column.flexible(t("Name", "Tên"), minimum: 12),
                .fixed(t("On time", "Đúng hạn"), widest: cells(2), right: true, drop: 3),
                .fixed(t("Late", "Trễ"), widest: cells(3), right: true, drop: 3),
                .fixed(t("In time", "Trong hạn"), widest: cells(4), right: true, drop: 2),
                .fixed(t("Overdue", "Quá hạn"), widest: cells(5), right: true),
                // Outside the 2×2, done or open: DESIGN's "plus no deadline". Gives way before
                // the point that fails most, which the clear share does not already count.
                .fixed(t("No due", "Không hạn"), widest: cells(6), right: true, drop: 5),
                .fixed(t("Clear", "Rõ"), widest: cells(7), right: true),
                .fixed(t("Fails most", "Thiếu nhiều"), widest: cells(8), minimum: 10, drop: 4),
                .fixed("", widest: cells(9), drop: 6),
            ]
        }
    }

    /// Where the flexible column (the title) is among a task pane's cells: it takes whatever
    /// width the others leave, so its cells are never measured.
    static func flexibleColumn(_ pane: Pane) -> Int { pane == .decrees ? 3 : 2 }

    static func cells(_ e: Entry, _ pane: Pane, _ s: AppState) -> [[Span]] { cells(e, pane, s.language, s.overview) }

    static func cells(_ e: Entry, _ pane: Pane, _ lang: Language, _ o: Overview) -> [[Span]] {
        let board = o.board
        switch e {
        case .task(let r):
            var cells = [[Span]](repeating: [], count: CellWidths.stride(pane))
            forEachTaskSpan(r, pane, lang, o) { cells[$0].append($1) }
            return cells
        case .agency(let a):
            let c = a.counts
            func count(_ n: Int, _ role: Role) -> [Span] { [Span(String(n), Style(n == 0 ? .dim : role))] }
            let pct = a.clearPercent
            let worst = a.worstPoint(o.clarityPoints).map { lang.point($0) } ?? "—"
            return [[Span(a.agency.id)], [Span(board.displayName(ofAgency: a.agency.id))],
                    count(c.doneOnTime, .done), count(c.doneLate, .doneLate), count(c.openInTime, .plain), count(c.openOverdue, .overdue),
                    count(c.noDeadline, .plain),
                    [Span(pct.map { "\($0)%" } ?? "—", Style(pct.map(clarityTone) ?? .dim))],
                    [Span(worst, Style(a.worstPoint(o.clarityPoints) == nil ? .dim : .plain))],
                    bar(pct)]
        case .missedHeading, .dayHeading:
            return []
        }
    }

    /// Each span of task row `r`'s cells in `pane`, in column order, handed to `span` with its
    /// column: the one description of a task's line, which `cells` gathers and `TextWidths`
    /// measures without gathering (at a million rows, making the arrays of spans was most of
    /// measuring them). The task is read where it lies (`TaskRow.withTask`).
    static func forEachTaskSpan(_ r: TaskRow, _ pane: Pane, _ lang: Language, _ o: Overview, _ span: (Int, Span) -> Void) {
        r.withTask { t in
            let lead = Span(t.pointee.leads.joined(separator: ","))
            let title = Span(t.pointee.title ?? "—", Style(t.pointee.title == nil ? .dim : .plain))
            let due = Span(t.pointee.due?.description ?? "—")
            span(0, Span(t.pointee.id))
            switch pane {
            case .tasks, .deadlines:
                span(1, lead)
                span(2, title)
                let next = pane == .tasks ? 4 : 3
                if pane == .tasks { span(3, due) }
                let state = t.pointee.state, progress = t.pointee.progress
                span(next, Span(lang.state(state) + (state == .inProgress && progress != nil ? " \(progress!)%" : ""), Style(Tone.of(state))))
                span(next + 1, Span(lang.timeliness(r), Style(Tone.of(r), bold: r.timeliness == .openOverdue)))
                for p in o.clarityPoints { span(next + 2, Tone.clarity(r, p)) }
            default:
                span(1, Span(lang.kind(t.pointee.kind)))
                span(2, lead)
                span(3, title)
                span(4, due)
                span(5, Span(r.daysLate.map { lang.t("\($0)d", "\($0) ng") } ?? "", Style(.overdue, bold: true)))
                span(6, Span(lang.stage(t.pointee.stage)))
            }
        }
    }

    static func clarityTone(_ percent: Int) -> Role {
        percent >= 80 ? .done : percent >= 50 ? .dueSoon : .overdue
    }

    /// A ten-cell bar of the share of clear assignments.
    static func bar(_ percent: Int?) -> [Span] {
        guard let percent else { return [] }
        // Rounded down, as the percentage is: full only when every assignment is clear.
        let filled = percent / 10
        return [Span(String(repeating: "█", count: filled), Style(clarityTone(percent))),
                Span(String(repeating: "░", count: 10 - filled), Style(.dim))]
    }
}

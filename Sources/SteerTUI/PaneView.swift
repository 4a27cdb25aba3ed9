import SteerCore

/// A table column: a fixed width, or the one flexible column that takes the rest. When the
/// pane is narrow, columns with the highest `drop` go first; `drop` 0 columns always stay.
struct Column {
    let title: String
    let width: Int
    var flexible = false
    var right = false
    var drop = 0

    /// Places columns in `total` cells with one blank between them.
    static func place(_ columns: [Column], in total: Int) -> [(column: Int, x: Int, width: Int)] {
        var kept = Array(columns.indices)
        let minimumFlex = 8
        func need(_ ids: [Int]) -> Int {
            ids.reduce(0) { $0 + (columns[$1].flexible ? minimumFlex : columns[$1].width) } + max(0, ids.count - 1)
        }
        while need(kept) > total, let worst = kept.filter({ columns[$0].drop > 0 }).max(by: { columns[$0].drop < columns[$1].drop }) {
            kept.removeAll { $0 == worst }
        }
        let fixed = kept.reduce(0) { $0 + (columns[$1].flexible ? 0 : columns[$1].width) } + max(0, kept.count - 1)
        let flex = max(1, total - fixed)
        var x = 0
        var out: [(column: Int, x: Int, width: Int)] = []
        for i in kept {
            let w = min(columns[i].flexible ? flex : columns[i].width, max(0, total - x))
            out.append((i, x, w))
            x += w + 1
        }
        return out
    }
}

/// Draws the four panes: each is a table of its entries, with headings for grouped lines.
enum PaneView {
    static func draw(_ pane: Pane, _ s: AppState, into f: inout Frame, focused: Bool) {
        let layout = Layout(s.size)
        let r = layout.content(of: pane)
        guard r.width > 0, r.height > 0 else { return }
        let lang = s.language
        let columns = self.columns(pane, s)
        let placed = Column.place(columns, in: r.width)
        for p in placed {
            let c = columns[p.column]
            f.put(DisplayWidth.fit(c.title, to: p.width, alignRight: c.right), x: r.x + p.x, y: r.y, limit: p.width, style: Style(.title, bold: true))
        }
        let list = s.entries(pane)
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
                let cells = self.cells(list[index], pane, s)
                for p in placed {
                    let spans = cells[p.column]
                    let pad = columns[p.column].right ? max(0, p.width - spans.width) : 0
                    f.put(spans, x: r.x + p.x + pad, y: y, limit: p.width - pad)
                }
                if index == pos.index {
                    f.restyle(x: r.x, y: y, count: r.width) { style in
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

    static func idWidth(_ s: AppState, _ pane: Pane) -> Int {
        var w = 2
        for e in s.entries(pane) {
            if let id = e.id { w = max(w, DisplayWidth.of(id)) }
            if w >= 14 { return 14 }
        }
        return w
    }

    static func columns(_ pane: Pane, _ s: AppState) -> [Column] {
        let t = s.language.t
        let points = s.overview.clarityPoints.count
        switch pane {
        case .tasks:
            return [
                Column(title: t("Id", "Mã"), width: idWidth(s, pane)),
                Column(title: t("Lead", "Chủ trì"), width: 8, drop: 3),
                Column(title: t("Title", "Nhiệm vụ"), width: 0, flexible: true),
                Column(title: t("Due", "Hạn"), width: 10, drop: 2),
                Column(title: t("State", "Trạng thái"), width: s.language == .en ? 15 : 12, drop: 4),
                Column(title: t("Timeliness", "Thời hạn"), width: 12),
                Column(title: t("5 rõ", "5 rõ"), width: max(4, points), drop: 1),
            ]
        case .deadlines:
            return [
                Column(title: t("Id", "Mã"), width: idWidth(s, pane)),
                Column(title: t("Lead", "Chủ trì"), width: 8, drop: 2),
                Column(title: t("Title", "Nhiệm vụ"), width: 0, flexible: true),
                Column(title: t("State", "Trạng thái"), width: 11, drop: 3),
                Column(title: t("Timeliness", "Thời hạn"), width: 12),
                Column(title: t("5 rõ", "5 rõ"), width: max(4, points), drop: 1),
            ]
        case .decrees:
            return [
                Column(title: t("Id", "Mã"), width: idWidth(s, pane)),
                Column(title: t("Kind", "Loại"), width: 10, drop: 3),
                Column(title: t("Lead", "Chủ trì"), width: 8, drop: 2),
                Column(title: t("Title", "Văn bản"), width: 0, flexible: true),
                Column(title: t("Due", "Hạn"), width: 10, drop: 1),
                Column(title: t("Late", "Trễ"), width: 6, right: true),
                Column(title: t("Stage", "Bước"), width: 12, drop: 4),
            ]
        case .agencies:
            let n = 8
            return [
                Column(title: t("Agency", "Cơ quan"), width: idWidth(s, pane)),
                Column(title: t("Name", "Tên"), width: 0, flexible: true),
                Column(title: t("On time", "Đúng hạn"), width: n, right: true, drop: 3),
                Column(title: t("Late", "Trễ"), width: 5, right: true, drop: 3),
                Column(title: t("In time", "Trong hạn"), width: 9, right: true, drop: 2),
                Column(title: t("Overdue", "Quá hạn"), width: 7, right: true),
                Column(title: t("Clear", "Rõ"), width: 5, right: true),
                Column(title: t("Fails most", "Thiếu nhiều"), width: 14, drop: 4),
                Column(title: "", width: 10, drop: 5),
            ]
        }
    }

    static func cells(_ e: Entry, _ pane: Pane, _ s: AppState) -> [[Span]] {
        let lang = s.language
        let board = s.overview.board
        switch e {
        case .task(let r):
            let t = r.task
            let lead = [Span(t.leads.joined(separator: ","))]
            let title = [Span(t.title ?? "—", Style(t.title == nil ? .dim : .plain))]
            let state = [Span(lang.state(t.state) + (t.state == .inProgress && t.progress != nil ? " \(t.progress!)%" : ""), Style(Tone.of(t.state)))]
            let timely = [Span(lang.timeliness(r), Style(Tone.of(r), bold: r.timeliness == .openOverdue))]
            let clarity = Tone.clarityMark(r, s.overview.clarityPoints)
            switch pane {
            case .tasks:
                return [[Span(t.id)], lead, title, [Span(t.due?.description ?? "—")], state, timely, clarity]
            case .deadlines:
                return [[Span(t.id)], lead, title, state, timely, clarity]
            default:
                return [[Span(t.id)], [Span(lang.kind(t.kind))], lead, title, [Span(t.due?.description ?? "—")],
                        [Span(r.daysLate.map { lang.t("\($0)d", "\($0) ng") } ?? "", Style(.overdue, bold: true))],
                        [Span(lang.stage(t.stage))]]
            }
        case .agency(let a):
            let c = a.counts
            func count(_ n: Int, _ role: Role) -> [Span] { [Span(String(n), Style(n == 0 ? .dim : role))] }
            let pct = a.clearPercent
            let worst = a.worstPoint(s.overview.clarityPoints).map { lang.point($0) } ?? "—"
            return [[Span(a.agency.id)], [Span(board.displayName(ofAgency: a.agency.id))],
                    count(c.doneOnTime, .done), count(c.doneLate, .doneLate), count(c.openInTime, .plain), count(c.openOverdue, .overdue),
                    [Span(pct.map { "\($0)%" } ?? "—", Style(pct.map(clarityTone) ?? .dim))],
                    [Span(worst, Style(a.worstPoint(s.overview.clarityPoints) == nil ? .dim : .plain))],
                    bar(pct)]
        case .missedHeading, .dayHeading:
            return []
        }
    }

    static func clarityTone(_ percent: Int) -> Role {
        percent >= 80 ? .done : percent >= 50 ? .dueSoon : .overdue
    }

    /// A ten-cell bar of the share of clear assignments.
    static func bar(_ percent: Int?) -> [Span] {
        guard let percent else { return [] }
        let filled = (percent + 5) / 10
        return [Span(String(repeating: "█", count: filled), Style(clarityTone(percent))),
                Span(String(repeating: "░", count: 10 - filled), Style(.dim))]
    }
}

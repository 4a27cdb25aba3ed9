import SteerCore

/// One task in full: every field, the clarity checklist, and its history.
enum DetailView {
    static let labelWidth = 16

    /// The lines of the detail of `id` for a page `width` cells wide. `update` counts them to
    /// bound scrolling; `draw` shows a window of them.
    static func lines(_ s: AppState, id: String, width: Int) -> [[Span]] {
        let lang = s.language
        let board = s.ledger.board
        // The overview judged every task of this board already: its row is read, not made again.
        guard let i = s.overview.rowIndex(of: id) else { return [[Span(lang.t("no task \(id)", "không có nhiệm vụ \(id)"), Style(.error))]] }
        let r = s.overview.rows[i]
        let t = r.task
        let w = max(10, width - 2)
        var out: [[Span]] = []
        func field(_ label: String, _ value: [Span]) {
            let labelSpan = Span(DisplayWidth.fit(label, to: labelWidth), Style(.title))
            let text = value.map(\.text).joined()
            let wrapped = wrap(text, width: max(4, w - labelWidth))
            if wrapped.count <= 1 {
                out.append([labelSpan] + value)
            } else {
                // Long values wrap under the value column; their colour is plain after the first line.
                out.append([labelSpan, Span(wrapped[0], value.first?.style ?? Style())])
                for more in wrapped.dropFirst() { out.append([Span(String(repeating: " ", count: labelWidth)), Span(more)]) }
            }
        }
        func text(_ label: String, _ value: String?) {
            field(label, [Span(value ?? "—", Style(value == nil ? .dim : .plain))])
        }

        out.append([Span(t.id, Style(.title, bold: true)), Span(" · " + lang.kind(t.kind), Style(.dim))])
        for line in wrap(t.title ?? lang.t("(no title)", "(chưa có tên)"), width: w) { out.append([Span(line, Style(.plain, bold: true))]) }
        out.append([])
        var state = [Span(lang.state(t.state), Style(Tone.of(t.state)))]
        // Done is 100%: said by the state alone.
        if let p = t.progress, t.state != .done { state.append(Span(" · \(p)%")) }
        field(lang.t("State", "Trạng thái"), state)
        field(lang.t("Timeliness", "Thời hạn"), [Span(lang.timeliness(r), Style(Tone.of(r), bold: r.timeliness == .openOverdue))])
        // The notes and the deadlines before the one in force are the history's, not the
        // board's: shown once the history is read.
        let history = s.historyShown(of: id)
        var past: TaskHistory?
        if case .events(let events)? = history { past = TaskHistory(events) }
        var due = [Span(t.due?.description ?? "—", Style(t.due == nil ? .dim : .plain))]
        let extended = past?.extensions.count ?? 0
        if extended > 0, let first = past?.firstDeadline {
            due.append(Span(lang.t("  (first \(first), extended \(extended)×)", "  (ban đầu \(first), gia hạn \(extended) lần)"), Style(.dim)))
        }
        field(lang.t("Deadline", "Hạn"), due)
        if t.kind.isLegalDocument {
            text(lang.t("Stage", "Bước"), lang.stage(t.stage) + (t.stageRef.map { " · " + $0 } ?? ""))
        }
        let leads = t.leads.map { "\($0) — \(board.displayName(ofAgency: $0))" }.joined(separator: "; ")
        text(lang.t("Lead", "Chủ trì"), leads.isEmpty ? nil : leads)
        text(lang.t("Support", "Phối hợp"), t.support.isEmpty ? nil : t.support.joined(separator: ", "))
        text(lang.t("Owner", "Phụ trách"), t.owner)
        text(lang.t("Product", "Sản phẩm"), t.product)
        text(lang.t("Source", "Văn bản giao"), t.source)
        if board.config.authorityRequired || t.authority != nil { text(lang.t("Authority", "Thẩm quyền"), t.authority) }
        if let b = t.blockedNote { field(lang.t("Obstacle", "Vướng mắc"), [Span(b, Style(.blocked))]) }
        if let n = past?.lastNote, n != t.blockedNote { text(lang.t("Last note", "Ghi chú cuối"), n) }

        out.append([])
        let points = s.overview.clarityPoints
        let clear = points.count - r.unclear.count
        out.append([Span(lang.t("Clarity (\(points.count) rõ): \(clear) of \(points.count) clear", "Độ rõ (\(points.count) rõ): \(clear)/\(points.count) điểm rõ"), Style(.title, bold: true))])
        for p in points {
            if r.unclear.contains(p) {
                let line = lang.t("○ \(lang.point(p)) — missing: ", "○ \(lang.point(p)) — thiếu: ") + lang.requirement(p)
                for (i, part) in wrap(line, width: w - 2).enumerated() { out.append([Span(i == 0 ? "  " + part : "    " + part, Style(.overdue))]) }
            } else {
                out.append([Span("  ● " + lang.point(p), Style(.done))])
            }
        }

        out.append([])
        let events: [Event]
        switch history {
        case .events(let read):
            events = read
        case .failed(let why):
            out.append([Span(lang.t("History", "Lịch sử"), Style(.title, bold: true))])
            let line = lang.t("could not be read: ", "không đọc được: ") + AppState.oneLine(why)
            for part in wrap(line, width: w - 2) { out.append([Span("  " + part, Style(.overdue))]) }
            return out
        case nil:
            out.append([Span(lang.t("History (reading…)", "Lịch sử (đang đọc…)"), Style(.title, bold: true))])
            return out
        }
        out.append([Span(lang.t("History (\(events.count))", "Lịch sử (\(events.count))"), Style(.title, bold: true))])
        for e in events {
            // In the zone it was recorded in, as the ledger writes it: a later change of the
            // ledger's zone moved an assign at 08:00+07:00 to "20:00" the day before.
            let when = e.time.minuteText(inOffset: e.time.offsetMinutes)
            let what = e.fields.map { "\($0.key.rawValue)=\(LedgerPrinter.value($0.value))" }.joined(separator: " ")
            let head = "  \(when)  @\(e.actor)  "
            let verbText = e.verb.rawValue
            let indent = String(repeating: " ", count: 4)
            let rest = wrap(what, width: max(10, w - 4))
            out.append([Span(head, Style(.dim)), Span(verbText, Style(.accent, bold: true))])
            for part in rest where !part.isEmpty { out.append([Span(indent + part)]) }
        }
        return out
    }

    static func draw(_ s: AppState, id: String, scroll: Int, into f: inout Frame) {
        let page = Layout(s.size).page
        let lines = self.lines(s, id: id, width: page.width)
        let title = s.language.t("Detail — \(id)", "Chi tiết — \(id)")
        f.fill(x: 0, y: page.y, count: page.width, style: Style(.chrome, reverse: true))
        f.put(" " + title, x: 0, y: page.y, limit: page.width, style: Style(.chrome, bold: true, reverse: true))
        let more = lines.count > page.height - 1 ? " \(scroll + 1)–\(min(lines.count, scroll + page.height - 1))/\(lines.count) " : ""
        f.put(more, x: max(0, page.width - DisplayWidth.of(more)), y: page.y, style: Style(.chrome, reverse: true))
        for row in 0..<max(0, page.height - 1) {
            let i = scroll + row
            guard i < lines.count else { break }
            f.put(lines[i], x: 1, y: page.y + 1 + row, limit: page.width - 2)
        }
    }
}

/// Wraps text at spaces to lines of at most `width` cells; a word longer than a line is cut
/// on character boundaries.
func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    var current = ""
    var used = 0
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
        var w = String(word)
        var ww = DisplayWidth.of(w)
        if used > 0, used + 1 + ww <= width {
            current += " " + w
            used += 1 + ww
            continue
        }
        if used > 0 { lines.append(current); current = ""; used = 0 }
        while ww > width {
            var head = ""
            var hw = 0
            for c in w {
                let cw = DisplayWidth.of(c)
                if hw + cw > width { break }
                head.append(c)
                hw += cw
            }
            if head.isEmpty { break }
            lines.append(head)
            w = String(w.dropFirst(head.count))
            ww = DisplayWidth.of(w)
        }
        current = w
        used = ww
    }
    if used > 0 || lines.isEmpty { lines.append(current) }
    return lines
}

import SteerCore

extension App {
    /// Draws the whole screen for `state` on a terminal of `size`. Pure: the same state and size
    /// always give the same frame, which is what the snapshot tests compare.
    public static func view(_ state: AppState, size: Size) -> Frame {
        var s = state
        if s.size != size { _ = s.receive(.resize(size)) }
        var f = Frame(size)
        let layout = Layout(size)
        if layout.tooSmall {
            drawTooSmall(s, into: &f)
            return f
        }
        drawHeader(s, into: &f)
        switch s.screen {
        case .panes:
            if layout.tiled {
                for p in Pane.allCases { drawBox(p, s, into: &f) }
            } else {
                drawTabs(s, into: &f)
                PaneView.draw(s.pane, s, into: &f, focused: true)
            }
        case .detail(let id, let scroll):
            DetailView.draw(s, id: id, scroll: scroll, into: &f)
        }
        switch s.overlay {
        case .help(let scroll): HelpView.draw(s, scroll: scroll, into: &f)
        case .form(let form): FormView.draw(form, s, into: &f)
        case .confirm(let c): FormView.drawQuestion(c, s, into: &f)
        default: break
        }
        drawFooter(s, into: &f)
        return f
    }

    static func drawTooSmall(_ s: AppState, into f: inout Frame) {
        let m = Layout.minimum
        let text = s.language.t("Terminal too small (\(f.width)×\(f.height)); steer needs at least \(m.width)×\(m.height). Keys are ignored until it is larger; Ctrl-C quits.",
                                "Cửa sổ quá nhỏ (\(f.width)×\(f.height)); steer cần ít nhất \(m.width)×\(m.height). Phím bị bỏ qua cho đến khi cửa sổ lớn hơn; Ctrl-C để thoát.")
        for (i, line) in wrap(text, width: f.width).enumerated() where i < f.height {
            f.put(line, x: 0, y: i)
        }
    }

    static func drawHeader(_ s: AppState, into f: inout Frame) {
        let lang = s.language
        let chrome = Style(.chrome, reverse: true)
        f.fill(x: 0, y: 0, count: f.width, style: chrome)
        var x = f.put(" steer ", x: 0, y: 0, style: Style(.chrome, bold: true, reverse: true))
        x = f.put("· \(s.ledgerName) · " + lang.t("today ", "hôm nay ") + s.today.description + " · @\(s.actor) ", x: x, y: 0, style: chrome)
        if s.isReadOnly {
            let ro = lang.t(" READ-ONLY ", " CHỈ ĐỌC ")
            f.put(ro, x: max(x, f.width - DisplayWidth.of(ro)), y: 0, style: Style(.error, bold: true, reverse: true))
        }
        let c = s.derived.totals.counts
        let t = s.derived.totals
        let percent = t.clearPercent.map { "\($0)%" } ?? "—"
        let points = s.overview.clarityPoints.count
        // Numbers before their words, so that the line fits in 80 cells with four-digit counts.
        var spans: [Span] = [
            Span(lang.t("Done ", "Xong ")), Span("\(c.doneOnTime)", Style(.done, bold: true)), Span(lang.t(" on time · ", " đúng hạn · ")),
            Span("\(c.doneLate)", Style(.doneLate, bold: true)), Span(lang.t(" late", " trễ")),
            Span(" │ ", Style(.dim)),
            Span(lang.t("Open ", "Đang ")), Span("\(c.openInTime)", Style(.plain, bold: true)), Span(lang.t(" in time · ", " trong hạn · ")),
            Span("\(c.openOverdue)", Style(.overdue, bold: true)), Span(lang.t(" overdue", " quá hạn")),
            Span(" │ ", Style(.dim)),
            Span(lang.t("Clear ", "\(points) rõ ")), Span(percent, Style(.accent, bold: true)),
        ]
        // Tasks without a deadline are outside the 2×2, done or open: counted after it when the
        // line has room for the whole count (the Agencies pane always has a column for it).
        if c.noDeadline > 0 {
            let undated: [Span] = [Span(" │ ", Style(.dim)), Span("\(c.noDeadline)", Style(.plain, bold: true)),
                                   Span(lang.t(" no deadline", " không hạn"))]
            if spans.width + undated.width <= f.width - 1 { spans += undated }
        }
        f.put(spans, x: 1, y: 1, limit: f.width - 1)
    }

    static func count(_ p: Pane, _ s: AppState) -> Int { s.derived.counts[p.rawValue] }

    static func drawTabs(_ s: AppState, into f: inout Frame) {
        var x = 0
        for p in Pane.allCases {
            let label = " \(p.number) \(s.language.say(p.phrase)) \(count(p, s)) "
            let style = p == s.pane ? Style(.chrome, bold: true, reverse: true) : Style(.dim)
            x = f.put(label, x: x, y: 2, style: style) + 1
        }
        let right = indicators(s)
        let w = DisplayWidth.of(right)
        if x + w < f.width { f.put(right, x: f.width - w, y: 2, style: Style(.accent)) }
    }

    /// The filter and the sort in force, shown by the tab bar or the tiled panes' titles.
    static func indicators(_ s: AppState) -> String {
        var parts: [String] = []
        if !s.filterText.isEmpty { parts.append("/" + s.filterText) }
        if s.sort != .urgency || s.sortReversed {
            parts.append(s.language.t("sort: ", "xếp: ") + s.language.say(s.sort.phrase) + (s.sortReversed ? " ↓" : " ↑"))
        }
        return parts.joined(separator: " · ") + (parts.isEmpty ? "" : " ")
    }

    static func drawBox(_ p: Pane, _ s: AppState, into f: inout Frame) {
        let r = Layout(s.size).frame(of: p)
        guard r.width >= 2, r.height >= 2 else { return }
        let focused = p == s.pane
        let border = Style(focused ? .accent : .dim, bold: focused)
        f.put("┌" + String(repeating: "─", count: r.width - 2) + "┐", x: r.x, y: r.y, style: border)
        for y in (r.y + 1)..<(r.maxY - 1) {
            f.put("│", x: r.x, y: y, style: border)
            f.put("│", x: r.x + r.width - 1, y: y, style: border)
        }
        f.put("└" + String(repeating: "─", count: r.width - 2) + "┘", x: r.x, y: r.maxY - 1, style: border)
        let title = " \(p.number) \(s.language.say(p.phrase)) \(count(p, s)) "
        let end = f.put(title, x: r.x + 2, y: r.y, limit: r.width - 4, style: Style(focused ? .chrome : .title, bold: true, reverse: focused))
        if p == .tasks {
            let ind = indicators(s)
            if !ind.isEmpty { f.put(" " + ind, x: end + 1, y: r.y, limit: r.x + r.width - 2 - end - 1, style: Style(.accent)) }
        }
        PaneView.draw(p, s, into: &f, focused: focused)
    }

    static func drawFooter(_ s: AppState, into f: inout Frame) {
        let layout = Layout(s.size)
        let lang = s.language
        let row = layout.statusRow
        switch s.overlay {
        case .filter(let editor, _):
            let field = editLine("/", editor, row: row, s, into: &f)
            if let problem = s.filterProblem {
                drawFilterProblem(problem, editor, field, row: layout.keysRow, s, into: &f)
                return
            }
        case .command(let editor):
            editLine(":", editor, row: row, s, into: &f)
        default:
            if let st = s.status, st.isError, DisplayWidth.of(st.text) > f.width - 2 {
                // Why a change was refused, in full: it takes the keys' line, and the last lines
                // of the pane above if it must (up to four in all), until the next key.
                let lines = min(4, wrap(st.text, width: f.width - 2).count), top = layout.keysRow - lines + 1
                for y in top..<(top + lines) { f.fill(x: 0, y: y, count: f.width) }
                putError(st.text, x: 1, y: top, width: f.width - 2, lines: lines, into: &f)
                return
            }
            if let st = s.status {
                f.put(st.text, x: 1, y: row, limit: f.width - 2, style: Style(st.isError ? .error : .accent, bold: st.isError))
            } else {
                var hints: [Hint] = []
                if case .panes = s.screen {
                    let shown = lang.t("\(count(s.pane, s)) shown", "\(count(s.pane, s)) dòng") + (s.filterText.isEmpty ? "" : lang.t(", filtered", ", đã lọc"))
                    hints.append(Hint([Span(shown + (s.isReadOnly ? "" : " · "), Style(.dim))], required: true))
                }
                // The change keys, so that they are found without the help; the help has them all.
                if !s.isReadOnly {
                    for a in Action.allCases where s.footerOffers(a) {
                        hints.append(Hint([Span(a.key.label, Style(.accent)), Span(" " + lang.say(a.short) + "  ", Style(.dim))]))
                    }
                }
                f.put(Hint.fit(hints, in: f.width - 2), x: 1, y: row, limit: f.width - 2)
            }
        }
        var hints: [Hint] = []
        // The way to the help is never crowded out: it lists everything the footer has no room for.
        func add(_ keys: String, _ label: Phrase) {
            hints.append(Hint([Span(" " + keys, Style(.accent, bold: true)), Span(" " + lang.say(label) + " ")], required: keys == "?"))
        }
        switch s.overlay {
        case .help: for b in KeyMap.help.bindings { if let ft = b.footer { add(ft.keys, ft.label) } }
        case .form: for b in KeyMap.editing.bindings { if let ft = b.footer { add(ft.keys, ft.label) } }
        case .filter, .command:
            for b in KeyMap.editing.bindings where b.command != .nextField { if let ft = b.footer { add(ft.keys, ft.label) } }
        case .confirm: for b in KeyMap.confirm.bindings { if let ft = b.footer { add(ft.keys, ft.label) } }
        case .none:
            let table: KeyTable<Command>
            if case .detail = s.screen { table = KeyMap.detail } else { table = KeyMap.panes }
            for b in table.bindings { if let ft = b.footer { add(ft.keys, ft.label) } }
        }
        f.put(Hint.fit(hints, in: f.width), x: 0, y: layout.keysRow, limit: f.width)
    }

    /// An error wrapped to `width` on `lines` rows from `y` down; what does not fit ends the
    /// last row, cut.
    static func putError(_ text: String, x: Int, y: Int, width: Int, lines: Int, into f: inout Frame) {
        let wrapped = wrap(text, width: width)
        var rows = Array(wrapped.prefix(lines))
        if rows.count == lines { rows[lines - 1] = wrapped.dropFirst(lines - 1).joined(separator: " ") }
        for (i, row) in rows.enumerated() { f.put(row, x: x, y: y + i, limit: width, style: Style(.error, bold: true)) }
    }

    /// Draws a line being typed after its prompt; returns where the text starts and how wide
    /// its field is, for pointing at a column of it.
    @discardableResult
    static func editLine(_ prompt: String, _ editor: LineEditor, row: Int, _ s: AppState, into f: inout Frame) -> (x: Int, width: Int) {
        let room = f.width - 2 - DisplayWidth.of(prompt)
        let errorText = s.status.map { "  " + $0.text } ?? ""
        let width = max(1, room - min(DisplayWidth.of(errorText), room / 2))
        let shown = editor.visible(width: width)
        var x = f.put(prompt, x: 1, y: row, style: Style(.accent, bold: true))
        let start = x
        x = f.put(shown.text, x: x, y: row)
        if let st = s.status { f.put("  " + st.text, x: x, y: row, limit: f.width - x - 1, style: Style(st.isError ? .error : .dim)) }
        f.cursor = Point(x: start + shown.cursorColumn, y: row)
        return (start, width)
    }

    /// Under the filter being typed, a caret at the column that does not parse and what is wrong
    /// there: after the caret when it is in the left half of the line, else before it.
    static func drawFilterProblem(_ problem: TaskFilter.ParseError, _ editor: LineEditor, _ field: (x: Int, width: Int),
                                  row: Int, _ s: AppState, into f: inout Frame) {
        let style = Style(.error, bold: true)
        let text = FilterErrorText.line(problem, s.language)
        guard let column = editor.column(ofCharacter: problem.column - 1, width: field.width) else {
            f.put(text, x: 1, y: row, limit: f.width - 2, style: style)
            return
        }
        let caret = field.x + column
        if caret <= f.width / 2 {
            f.put("^ " + text, x: caret, y: row, limit: f.width - caret - 1, style: style)
        } else {
            f.put(text, x: 1, y: row, limit: caret - 2, style: style)
            f.put("^", x: caret, y: row, style: style)
        }
    }
}

/// One key and what it does, in the footer. A footer shows its hints whole or not at all.
struct Hint {
    let spans: [Span]
    /// Shown whatever the width (the count of lines, the key of the help).
    var required = false

    init(_ spans: [Span], required: Bool = false) {
        self.spans = spans
        self.required = required
    }

    /// The hints that fit in `width` cells, in their order: every required one, and of the
    /// others as many as fit from the left. The blanks after the last one are left out, so
    /// that they cannot push it over the edge.
    static func fit(_ hints: [Hint], in width: Int) -> [Span] {
        var left = width - hints.filter(\.required).reduce(0) { $0 + $1.spans.width }
        var full = false
        var out: [Span] = []
        for h in hints {
            if !h.required {
                full = full || h.spans.width - h.trailingBlanks > left
                if full { continue }
                left -= h.spans.width
            }
            out += h.spans
        }
        if var last = out.popLast() {
            while last.text.hasSuffix(" ") { last.text.removeLast() }
            out.append(last)
        }
        return out
    }

    var trailingBlanks: Int { spans.last?.text.reversed().prefix { $0 == " " }.count ?? 0 }
}

/// Forms and questions are boxes over the middle of the screen.
enum FormView {
    static func box(_ s: AppState, width: Int, height: Int, title: String, into f: inout Frame) -> Rect {
        let w = min(width, f.width - 2)
        let h = min(height, f.height - 4)
        let r = Rect(x: (f.width - w) / 2, y: max(2, (f.height - h) / 2), width: w, height: h)
        let border = Style(.accent, bold: true)
        for y in r.y..<r.maxY { f.fill(x: r.x, y: y, count: r.width) }
        f.put("┌" + String(repeating: "─", count: max(0, w - 2)) + "┐", x: r.x, y: r.y, style: border)
        for y in (r.y + 1)..<max(r.y + 1, r.maxY - 1) {
            f.put("│", x: r.x, y: y, style: border)
            f.put("│", x: r.x + w - 1, y: y, style: border)
        }
        f.put("└" + String(repeating: "─", count: max(0, w - 2)) + "┘", x: r.x, y: r.maxY - 1, style: border)
        f.put(" " + title + " ", x: r.x + 2, y: r.y, limit: w - 4, style: Style(.title, bold: true))
        return Rect(x: r.x + 2, y: r.y + 1, width: max(0, w - 4), height: max(0, h - 2))
    }

    static func draw(_ form: Form, _ s: AppState, into f: inout Frame) {
        let lang = s.language
        let labelWidth = min(28, (form.fields.map { DisplayWidth.of(lang.say($0.label)) }.max() ?? 10) + 5)
        let inner = box(s, width: 76, height: form.fields.count + 5, title: lang.say(form.title), into: &f)
        guard inner.height >= 3 else { return }
        // On a short terminal the fields scroll so that the focused one stays in view.
        let visible = max(1, inner.height - 3)
        let first = max(0, min(form.focus - visible + 1, form.fields.count - visible))
        let valueWidth = max(1, inner.width - labelWidth)
        for (row, i) in (first..<min(form.fields.count, first + visible)).enumerated() {
            let field = form.fields[i]
            let y = inner.y + row
            let focused = i == form.focus
            f.put((focused ? "› " : "  ") + lang.say(field.label) + (field.required ? " *" : ""), x: inner.x, y: y, limit: labelWidth - 1,
                  style: Style(focused ? .accent : .title, bold: focused))
            let shown = field.editor.visible(width: valueWidth)
            f.fill(x: inner.x + labelWidth, y: y, count: valueWidth, style: Style(.dim, reverse: focused))
            f.put(shown.text, x: inner.x + labelWidth, y: y, limit: valueWidth, style: Style(.plain, reverse: focused))
            if focused { f.cursor = Point(x: inner.x + labelWidth + shown.cursorColumn, y: y) }
        }
        let infoRow = inner.y + inner.height - 2
        if let e = form.error, DisplayWidth.of(e) > inner.width {
            // Said over the line of keys too (Esc and Enter are still what they were); the
            // footer below says it whole.
            App.putError(e, x: inner.x, y: infoRow, width: inner.width, lines: 2, into: &f)
            return
        }
        if let e = form.error {
            f.put(e, x: inner.x, y: infoRow, limit: inner.width, style: Style(.error, bold: true))
        } else if let hint = form.focused.hint {
            f.put(lang.say(hint), x: inner.x, y: infoRow, limit: inner.width, style: Style(.dim))
        }
        let keys = lang.t("Enter: next field, save on the last · Tab: field · Esc: cancel", "Enter: ô sau, lưu ở ô cuối · Tab: chuyển ô · Esc: hủy")
        f.put(keys, x: inner.x, y: inner.y + inner.height - 1, limit: inner.width, style: Style(.dim))
    }

    static func drawQuestion(_ c: Confirmation, _ s: AppState, into f: inout Frame) {
        let lang = s.language
        let lines = wrap(lang.say(c.question), width: min(68, f.width - 8))
        let inner = box(s, width: 72, height: lines.count + 5, title: lang.t("Confirm", "Xác nhận"), into: &f)
        for (i, line) in lines.enumerated() where i < inner.height - 2 {
            f.put(line, x: inner.x, y: inner.y + i, limit: inner.width, style: Style(.plain, bold: true))
        }
        f.put(c.draft.line, x: inner.x, y: inner.y + inner.height - 2, limit: inner.width, style: Style(.dim))
        f.put(lang.t("y: yes, record it · n or Esc: no", "y: có, ghi lại · n hoặc Esc: không"), x: inner.x, y: inner.y + inner.height - 1,
              limit: inner.width, style: Style(.accent, bold: true))
    }
}

import SteerCore

/// The help screen, generated from the key tables `update` uses and from the `:` commands.
enum HelpView {
    static func lines(_ lang: Language, readOnly: Bool) -> [[Span]] {
        var out: [[Span]] = []
        func section<C>(_ table: KeyTable<C>, note: String? = nil) {
            if !out.isEmpty { out.append([]) }
            out.append([Span(lang.say(table.title) + (note.map { "  " + $0 } ?? ""), Style(.title, bold: true))])
            for b in table.bindings {
                out.append([Span("  " + DisplayWidth.fit(b.keyLabel, to: 18), Style(.accent, bold: true)), Span(lang.say(b.phrase))])
            }
        }
        section(KeyMap.panes)
        section(KeyMap.detail)
        section(KeyMap.changes, note: readOnly ? lang.t("(off: read-only)", "(tắt: chỉ đọc)") : nil)
        section(KeyMap.editing)
        out.append([Span("  " + DisplayWidth.fit("← →", to: 18), Style(.accent, bold: true)),
                    Span(lang.t("in a field with choices: previous / next choice", "ở ô có lựa chọn: lựa chọn trước / sau"))])
        section(KeyMap.confirm)
        section(KeyMap.help)
        out.append([])
        out.append([Span(lang.t("Commands", "Lệnh"), Style(.title, bold: true))])
        let usageWidth = CommandLine.allCases.map { DisplayWidth.of($0.usage) }.max() ?? 0
        for c in CommandLine.allCases {
            out.append([Span("  " + DisplayWidth.fit(c.usage, to: usageWidth + 2), Style(.accent, bold: true)), Span(lang.say(c.phrase))])
        }
        out.append([])
        out.append([Span(lang.t("Filter", "Bộ lọc"), Style(.title, bold: true))])
        let filterHelp = [
            ("dong nai", lang.t("free words, without diacritics: id, title, owner, product, source, lead", "từ tự do, không dấu: mã, tên, phụ trách, sản phẩm, nguồn, chủ trì")),
            ("lead:BKHCN", lang.t("led by; also support:, agency:, owner:, id:", "do … chủ trì; cũng có support:, agency:, owner:, id:")),
            ("state:blocked", lang.t("assigned in_progress blocked submitted done cancelled open closed", "trạng thái: assigned in_progress blocked submitted done cancelled open closed")),
            ("kind:decree", lang.t("task kinds; kind:legal for every legal document", "loại; kind:legal cho mọi văn bản pháp luật")),
            ("due<2025-06-30", lang.t("deadline before; also <= > >= =", "hạn trước ngày; cũng có <= > >= =")),
            ("overdue late unclear", lang.t("open past the deadline; done late; unclear on any point", "quá hạn; xong trễ; chưa rõ điểm nào đó")),
            ("unclear:result", lang.t("fails that clarity point", "thiếu điểm rõ đó")),
            ("-state:done", lang.t("a leading - negates a term; terms combine with AND", "dấu - đứng trước để phủ định; các điều kiện kết hợp AND")),
        ]
        for (example, meaning) in filterHelp {
            out.append([Span("  " + DisplayWidth.fit(example, to: 22), Style(.accent, bold: true)), Span(meaning)])
        }
        return out
    }

    static func draw(_ s: AppState, scroll: Int, into f: inout Frame) {
        let page = Layout(s.size).page
        for y in page.y..<page.maxY { f.fill(x: 0, y: y, count: page.width) }
        f.fill(x: 0, y: page.y, count: page.width, style: Style(.chrome, reverse: true))
        f.put(" " + s.language.t("Help — the keys bound in steer", "Trợ giúp — các phím của steer"), x: 0, y: page.y, limit: page.width,
              style: Style(.chrome, bold: true, reverse: true))
        let lines = self.lines(s.language, readOnly: s.isReadOnly)
        for row in 0..<max(0, page.height - 1) {
            let i = scroll + row
            guard i < lines.count else { break }
            f.put(lines[i], x: 1, y: page.y + 1 + row, limit: page.width - 2)
        }
    }
}

import Foundation
import Testing
@testable import SteerCore

@Suite struct ReportTests {
    static let hostile = "Tiêu đề \u{1b}]52;c;aGk=\u{7} \u{9b}31m \u{202e}ngược\u{7f}"

    func table() -> ReportTable {
        ReportTable(title: "T", columns: [.init("id"), .init("title"), .init("n", numeric: true)],
                    rows: [["A", "Đồng Nai", "5"], ["B-2", "中文标题", "12"], ["C", Self.hostile, nil], ["D", "a, \"b\"\nc", "0"]])
    }

    @Test func alignsTableColumnsByDisplayWidth() {
        let lines = table().render(.table).split(separator: "\n").map(String.init)
        // Every data row ends its title column at the same cell, wide characters or not.
        let widths = lines.prefix(3).map { DisplayWidth.of($0) }
        #expect(Set(widths).count == 1, "\(lines)")
        #expect(lines[2].hasPrefix("A    Đồng Nai"))
        #expect(lines[3].hasPrefix("B-2  中文标题"))
    }

    /// Dates and numbers appended by value read as their texts, whether a row repeats the row
    /// before's (a text kept from it) or not, none among them (an empty cell), and negatives.
    @Test func datesAndNumbersByValueAreTheirTexts() {
        let d1 = CivilDate("2025-04-10")!, d2 = CivilDate("2026-01-02")!
        let rows: [(CivilDate?, Int?)] = [(d1, 606), (d1, 606), (d2, -3), (nil, nil), (d1, 606), (d2, 0), (d2, 0)]
        let byValue = ReportTable(title: "T", columns: [.init("due"), .init("days", numeric: true)], rowCount: rows.count) { r, cells in
            cells.append(date: rows[r].0)
            cells.append(number: rows[r].1)
        }
        let byText = ReportTable(title: "T", columns: [.init("due"), .init("days", numeric: true)],
                                 rows: rows.map { [$0.0?.description, $0.1.map(String.init)] })
        for format in ReportTable.Format.allCases { #expect(byValue.render(format) == byText.render(format), "\(format)") }
        #expect(byValue.render(.csv).contains("2025-04-10,606\r\n2025-04-10,606\r\n2026-01-02,-3\r\n,\r\n2025-04-10,606"))
    }

    /// A cell wider than the 65,535 columns a kept width holds is measured again when written:
    /// the rows still line up after it.
    @Test func aCellWiderThanAKeptWidthStillAligns() {
        let wide = String(repeating: "Đ", count: 70_000)
        let t = ReportTable(title: "T", columns: [.init("title"), .init("n", numeric: true)], rows: [[wide, "1"], ["short", "22"]])
        let lines = t.render(.table).split(separator: "\n").map(String.init)
        #expect(lines.count == 4 && lines[2].hasSuffix(" 1") && lines[3].hasSuffix("22"))
        #expect(DisplayWidth.of(lines[2]) == 70_004 && DisplayWidth.of(lines[3]) == 70_004)
    }

    /// A long table is handed on in chunks that join to the table: its head (the column names
    /// and the rule), then blocks of rows, written on every core and handed on in order;
    /// writing stops at the first chunk not taken and says why.
    @Test func aLongTableIsWrittenInChunksOfWholeRows() {
        // Unsafe titles here and there, in blocks measured apart: each shown safe, and aligned.
        let rows = (0..<4000).map { i -> [String?] in
            ["T-\(i)", i % 700 == 0 ? Self.hostile : "Nhiệm vụ số \(i) của chương trình chuyển đổi số", i % 3 == 0 ? nil : "\(i)"]
        }
        let t = ReportTable(title: "T", columns: [.init("id"), .init("title"), .init("n", numeric: true)], rows: rows)
        var chunks: [[UInt8]] = []
        #expect(t.write(.table) { chunks.append(Array($0)); return nil } == nil)
        #expect(chunks.count > 2 && chunks.allSatisfy { $0.last == UInt8(ascii: "\n") })
        #expect(chunks.count == 1 + (4000 + ReportTable.blockRows - 1) / ReportTable.blockRows)
        #expect(chunks.dropFirst().dropLast().allSatisfy { $0.count(where: { $0 == UInt8(ascii: "\n") }) == ReportTable.blockRows })
        #expect(String(decoding: chunks[1], as: UTF8.self).hasPrefix("T-0 ") && String(decoding: chunks.last!, as: UTF8.self).hasPrefix("T-\(4000 / ReportTable.blockRows * ReportTable.blockRows) "))
        #expect(String(decoding: chunks.joined(), as: UTF8.self) == t.render(.table))
        // In the rows' order, whichever core wrote each block: checked against the rows
        // themselves, as `render` writes through the same blocks.
        let ids = String(decoding: chunks.dropFirst().joined(), as: UTF8.self).split(separator: "\n").map { $0.prefix { $0 != " " } }
        #expect(ids == rows.map { $0[0]![...] })
        let lines = t.render(.table).split(separator: "\n")
        #expect(lines.count == 4002 && Set(lines.map { DisplayWidth.of(String($0)) }).count == 1)
        #expect(!lines.contains { $0.unicodeScalars.contains(where: Sanitizer.isUnsafe) } && lines[2 + 2100].contains("␛]52;c;aGk=␇"))
        var offered = 0
        #expect(t.write(.table) { _ in offered += 1; return offered == 2 ? EPIPE : nil } == EPIPE)
        #expect(offered == 2, "nothing more is offered once a chunk is refused")
        var csv: [UInt8] = []
        #expect(t.write(.csv) { csv.append(contentsOf: $0); return nil } == nil && String(decoding: csv, as: UTF8.self) == t.render(.csv))
    }

    @Test func terminalFormatsNeverCarryControlCharacters() {
        for format in [ReportTable.Format.table, .markdown] {
            let out = table().render(format)
            #expect(!out.unicodeScalars.contains { Sanitizer.isUnsafe($0) && $0 != "\n" }, "\(format)")
            #expect(out.contains("␛]52;c;aGk=␇"))
            #expect(out.contains("\\u{202E}"))
        }
    }

    @Test func csvFollowsRFC4180AndEscapesControls() {
        let csv = table().render(.csv)
        #expect(csv.hasPrefix("id,title,n\r\n"))
        #expect(csv.contains("D,\"a, \"\"b\"\"\\nc\",0\r\n"), "a line break written as the ledger writes it: a row is one line")
        #expect(csv.contains("\\u{1b}]52;c;aGk=\\u{7}"))
        #expect(csv.split(separator: "\r\n").allSatisfy { !$0.unicodeScalars.contains { Sanitizer.isUnsafe($0) } })
        let back = try! CSVReader.read(csv)
        #expect(back[4].fields == ["D", "a, \"b\"\\nc", "0"])
    }

    @Test func jsonIsAnArrayOfObjectsThatDecodesToTheSameText() throws {
        let json = table().render(.json)
        #expect(!json.unicodeScalars.contains { Sanitizer.isUnsafe($0) && $0 != "\n" })
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
        #expect(decoded.count == 4)
        #expect(decoded[2]["title"] as? String == Self.hostile)
        #expect(decoded[2]["n"] is NSNull)
        #expect(decoded[1]["n"] as? Int == 12)
    }

    /// The tag characters that spell a flag emoji's region (U+E0067…) are unsafe, and past the
    /// 16-bit range JSON's `\\u` escapes: each is written as its surrogate pair.
    @Test func jsonEscapesScalarsPastTheBasicPlaneAsSurrogatePairs() throws {
        let flag = "Scotland 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"
        let json = ReportTable(title: "T", columns: [.init("title")], rows: [[flag]]).render(.json)
        #expect(json.contains("\\udb40\\udc67"))
        #expect(!json.unicodeScalars.contains { Sanitizer.isUnsafe($0) && $0 != "\n" })
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
        #expect(decoded[0]["title"] as? String == flag)
    }

    @Test func markdownEscapesPipes() {
        let t = ReportTable(title: "M", columns: [.init("a")], rows: [["x|y"]])
        #expect(t.render(.markdown).contains("| x\\|y |"))
    }

    /// A quote that a mark joins (a combining or a spacing mark) is text to the CSV writer and
    /// to `CSVReader` alike, so the field reads back exactly.
    @Test func csvReadsBackQuotesThatMarksJoin() throws {
        let cells = ["x,\"\u{301}y", "x,\"\u{903}y", "x,\"\"\u{301}"]
        let t = ReportTable(title: "M", columns: [.init("a")], rows: cells.map { [$0] })
        let csv = t.render(.csv)
        let back = try CSVReader.read(csv).dropFirst().map { $0.fields.map { Array($0.utf8) } }
        #expect(back == cells.map { [Array($0.utf8)] })
        // As a spreadsheet reads bytes: every quote doubled, each field one quoted cell.
        #expect(Array(csv.utf8) == Array("a\r\n\"x,\"\"\u{301}y\"\r\n\"x,\"\"\u{903}y\"\r\n\"x,\"\"\"\"\u{301}\"\r\n".utf8))
        #expect(ReportTable(title: "M", columns: [.init("a")], rows: [["p|\u{301}q"]]).render(.markdown).contains("p\\|\u{301}q"))
    }

    @Test func everyReportRendersInEveryFormat() throws {
        let o = Overview(board: ledger(QueryTests.text).board, today: date("2025-04-06"))
        for report in Report.allCases {
            for format in ReportTable.Format.allCases {
                let out = report.table(o).render(format)
                #expect(!out.isEmpty)
                if format == .json { _ = try JSONSerialization.jsonObject(with: Data(out.utf8)) }
            }
        }
        func firstCells(_ t: ReportTable) -> [String?] { (0..<t.rowCount).map { t.row($0).first! } }
        #expect(firstCells(Report.overdue.table(o)) == ["OVER"])
        #expect(firstCells(Report.deadlines.table(o)) == ["missed", "due"])
        #expect(Report.agencies.table(o).rowCount == 4)
    }

    /// The reports of a due window judge only the tasks they can show: on the nq57 ledger, on
    /// days before, during and after its deadlines and with filters of every kind, each prints
    /// in every format what it prints from an overview of every task.
    @Test func aWindowReportPrintsWhatTheWholeOverviewPrints() throws {
        let text = try String(contentsOf: fixture("Fixtures/nq57.ledger"), encoding: .utf8)
        let board = ledger(text).board
        let filters = try ["", "lead:BKHCN", "kind:decree", "unclear:person", "state:in_progress", "số", "due<2025-09-01"].map { try TaskFilter($0) }
        for day in ["2025-03-01", "2025-06-15", "2025-09-30", "2026-12-31"].map(date) {
            let whole = Overview(board: board, today: day)
            for report in Report.allCases where report.dueWindow(today: day, slack: 0) != nil {
                for f in filters {
                    let shown = report.table(board: board, today: day, filter: f)
                    for format in ReportTable.Format.allCases {
                        #expect(shown.render(format) == report.table(whole, filter: f).render(format), "\(report) on \(day), \(format)")
                    }
                }
            }
        }
    }

    /// An overview of some tasks finds its rows by id and numbers them as its own.
    @Test func anOverviewOfSomeTasksNumbersItsOwnRows() {
        let board = ledger(QueryTests.text).board
        let some = Overview(board: board, today: date("2025-04-06")) { $0.pointee.id != board.tasks.inOrder[0].id }
        #expect(some.rows.count == board.tasks.count - 1)
        #expect(some.rowIndex(of: board.tasks.inOrder[0].id) == nil)
        for (i, t) in board.tasks.inOrder.dropFirst().enumerated() {
            #expect(some.rowIndex(of: t.id) == i && some.rows[i].task.id == t.id && some.rows[i].place == i)
        }
    }

    @Test func truncatesOnCharacterBoundaries() {
        #expect(DisplayWidth.truncate("Nghị định", to: 6) == "Nghị …")
        #expect(DisplayWidth.truncate("中文标题", to: 5) == "中文…")
        let nfd = "Nghị định".decomposedStringWithCanonicalMapping
        #expect(DisplayWidth.of(nfd) == 9)
        #expect(DisplayWidth.fit("ab", to: 4) == "ab  ")
        #expect(DisplayWidth.of("👩‍💻") == 2)
    }

    /// The byte-level fast paths agree with judging scalar by scalar and character by
    /// character, around every range they treat specially, at the start, middle and end of text.
    @Test func fastPathsAgreeWithTheScalarByScalarRules() {
        let ranges: [ClosedRange<UInt32>] = [0...0x2FF, 0x300...0x3A0, 0x5F0...0x640, 0x1150...0x1170, 0x17F0...0x1810, 0x1DF0...0x1F10, 0x1FF0...0x2080,
                                             0x2590...0x2610, 0x3160...0x3170, 0xFE00...0xFE10, 0xFEF0...0xFF00, 0xFF90...0xFFFF, 0xE0000...0xE0080]
        for v in ranges.joined() {
            guard let u = Unicode.Scalar(v) else { continue }
            for text in [String(u), "a" + String(u), "Việc " + String(u) + " 2025–2030", String(u) + "\u{0301}x"] {
                let unsafe = text.unicodeScalars.contains(where: Sanitizer.isUnsafe)
                #expect(!unsafe || Sanitizer.mayHoldUnsafe(text), "an unsafe U+\(String(v, radix: 16)) is never let through")
                if !Sanitizer.mayHoldUnsafe(text) { #expect(Sanitizer.visible(text) == text) }
                if DisplayWidth.ofCommonUTF8(text) != nil { #expect(!unsafe, "measured in one pass, U+\(String(v, radix: 16)) must be safe") }
                #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) }, "width with U+\(String(v, radix: 16)) in \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        // The marks of U+2000–U+206F are caught, their neighbours (dashes, quotes) are not.
        #expect(Sanitizer.mayHoldUnsafe("a\u{202E}b") && Sanitizer.mayHoldUnsafe("\u{2066}") && Sanitizer.mayHoldUnsafe("x\u{85}"))
        #expect(!Sanitizer.mayHoldUnsafe("Giai đoạn 2025–2030 “số hóa”…") && !Sanitizer.mayHoldUnsafe("©½ء"))
    }

    /// Text that draws as nothing is shown as its escape: a title or an owner that differs from
    /// another by a zero-width space, a soft hyphen or a tag character does not look the same.
    /// The joiners that shape emoji and the variation selectors are left as they are.
    @Test func invisibleCharactersAreShown() {
        for v: UInt32 in [0xAD, 0x115F, 0x1160, 0x180E, 0x200B, 0x2060, 0x2064, 0x206A, 0x206F, 0x3164, 0xFEFF, 0xFFA0, 0xFFF9, 0xFFFB, 0xE0001, 0xE0041, 0xE007F] {
            let text = "Vụ\(Character(Unicode.Scalar(v)!))Pháp chế"
            #expect(Sanitizer.visible(text) == "Vụ\\u{\(String(v, radix: 16, uppercase: true))}Pháp chế")
        }
        for kept in ["👩\u{200D}💻", "a\u{200C}b", "☺\u{FE0F}", "Nghị\u{00A0}định", "Quy\u{2011}chế"] { #expect(Sanitizer.visible(kept) == kept) }
        let t = ReportTable(title: "T", columns: [.init("owner")], rows: [["Vụ\u{200B}Pháp chế"]])
        #expect(t.render(.table).contains("Vụ\\u{200B}Pháp chế") && t.render(.csv).contains("Vụ\\u{200b}Pháp chế"))
        #expect(t.render(.markdown).contains("Vụ\\u{200B}Pháp chế"), "a backslash before a letter shows as itself")
    }

    @Test func datesPrintAsTheLedgerWritesThem() {
        for text in ["0001-01-01", "1970-01-01", "2025-02-28", "2028-02-29", "9999-12-31"] { #expect(date(text).description == text) }
        #expect(CivilDate(year: -1, month: 3, day: 1)!.description == "00-1-03-01", "outside 0…9999 as before")
    }

    @Test func foldsVietnameseWithoutDiacritics() {
        #expect(Fold.fold("Tỉnh Đồng Nai") == "tinh dong nai")
        #expect(Fold.fold("NGHỊ ĐỊNH".decomposedStringWithCanonicalMapping) == "nghi dinh")
    }
}

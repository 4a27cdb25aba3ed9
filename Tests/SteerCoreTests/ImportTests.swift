import Foundation
import Testing
@testable import SteerCore

@Suite struct ImportTests {
    static let declared = agencies + """
    2025-01-02T08:00+07:00 @vpcp agency BCA kind=ministry name="Bộ Công an"
    2025-01-02T08:00+07:00 @vpcp agency VPCP kind=ministerial_agency name="Văn phòng Chính phủ"
    2025-01-02T08:00+07:00 @vpcp agency BQP kind=ministry name="Bộ Quốc phòng"

    """
    let time = Timestamp.parse("2025-11-29T09:00+07:00")!

    @Test func importsASpreadsheetExport() throws {
        let text = try String(contentsOf: fixture("Fixtures/import/programme.csv"), encoding: .utf8)
        let board = ledger(Self.declared).board
        let events = try ActionProgrammeImport(file: "programme.csv", idPrefix: "CT").events(from: text, board: board, time: time, actor: "vpcp")
        #expect(events.map(\.id) == ["CT-1", "CT-2", "CT-3", "CT-4"])
        #expect(events[0][.title] == "Xây dựng Nghị định về dữ liệu mở, dùng chung")
        #expect(events[0][.lead] == "BCA")
        #expect(events[0][.support] == "BKHCN,BTC")
        #expect(events[0][.due] == "2025-09-30")
        #expect(events[0][.kind] == "decree")
        #expect(events[1][.due] == "2025-12-31")
        #expect(events[2][.title] == "Báo cáo \"5 rõ\" về tiến độ")
        #expect(events[2][.lead] == "VPCP")
        #expect(events[2][.due] == "2025-10-31")
        #expect(events[2][.owner] == nil)
        #expect(events[3][.support] == "BQP,BCA")
    }

    /// A programme with no kind column: each deliverable names its kind, and work done all along
    /// ("Thường xuyên") has no deadline rather than stopping the import.
    @Test func theDeliverableNamesTheKindAndOngoingWorkHasNoDeadline() throws {
        let text = """
        STT,Nhiệm vụ,Cơ quan chủ trì,Sản phẩm,Thời hạn
        1,Xây dựng Nghị định về dữ liệu mở,BCA,Nghị định của Chính phủ,Quý II/2025
        2,Trình Luật Khoa học,BKHCN,Dự án Luật,Tháng 5/2025
        3,Ban hành kế hoạch,BTC,Kế hoạch hành động,Năm 2025
        4,Vận hành cổng dữ liệu,BCA,Cơ sở dữ liệu,Thường xuyên
        5,Ban hành thông tư hướng dẫn,BTP,Thông tư,30/06/2025

        """
        let events = try ActionProgrammeImport(file: "p.csv", idPrefix: "P").events(from: text, board: ledger(Self.declared).board, time: time, actor: "vpcp")
        #expect(events.map { $0[.kind] } == ["decree", "law", "plan", nil, "circular"])
        #expect(events[3][.due] == nil)
        #expect(events[4][.due] == "2025-06-30")
    }

    @Test func aBadRowStopsTheImportWithItsRowAndColumn() throws {
        let text = try String(contentsOf: fixture("Fixtures/import/bad-agency.csv"), encoding: .utf8)
        let board = ledger(Self.declared + "2025-01-02T08:00+07:00 @vpcp agency BNNMT kind=ministry name=\"Bộ Nông nghiệp và Môi trường\"\n").board
        #expect {
            try ActionProgrammeImport(file: "bad-agency.csv", idPrefix: "X").events(from: text, board: board, time: time, actor: "vpcp")
        } throws: { error in
            let d = error as! Diagnostic
            return d.line == 3 && d.column == 28 && d.message == "no agency `Bộ Không Tồn Tại` is declared in the ledger"
        }
    }

    /// Tables as sheets export them: a header wrapped onto two lines or named another common
    /// way, an agency whose name holds a comma, a line break inside a cell of a CRLF file, rows
    /// of empty cells; and the columns steer does not read, named.
    @Test func importsWhatSheetsWrite() throws {
        let board = ledger(Self.declared + "2025-01-02T08:00+07:00 @vpcp agency BVHTTDL kind=ministry name=\"Bộ Văn hóa, Thể thao và Du lịch\"\n").board
        let text = "Nhiệm vụ,\"Cơ quan\r\nchủ trì\",Phối hợp,\"Thời hạn\nhoàn thành\",Tiến độ\r\n"
            + "Xây dựng đề án,\"Bộ Văn hóa, Thể thao và Du lịch\",\"BCA,\r\nBQP\",Quý I - II/2026,x\r\n"
            + ",,,,\r\n"
            + "Ban hành kế hoạch,BCA,\"Bộ Văn hóa, Thể thao và Du lịch; BTC\",Quý IV năm 2025,\r\n"
            + " , ,,,\r\n"
        let importer = ActionProgrammeImport(file: "sheet.csv", idPrefix: "S")
        let events = try importer.events(from: text, board: board, time: time, actor: "vpcp")
        #expect(events.map(\.id) == ["S-1", "S-3"], "row numbers, past the blank row")
        #expect(events[0][.lead] == "BVHTTDL" && events[0][.support] == "BCA,BQP" && events[0][.due] == "2026-06-30")
        #expect(events[1][.support] == "BVHTTDL,BTC" && events[1][.due] == "2025-12-31")
        #expect(try importer.read(text).ignoredColumns == ["Tiến độ"])
        #expect(try importer.read(text).ignoredColumnsWithData == ["Tiến độ"])
        // An ordinal column beside the ids gives way to them; rows keep their numbers past blank ones.
        let numbered = "STT,Mã nhiệm vụ,Nhiệm vụ\n1,NV-A,Việc một\n2,NV-B,Việc hai\n"
        #expect(try importer.events(from: numbered, board: board, time: time, actor: "vpcp").map(\.id) == ["NV-A", "NV-B"])
        let gaps = "Nhiệm vụ\nViệc một\n,\nViệc ba\n"
        #expect(try importer.events(from: gaps, board: board, time: time, actor: "vpcp").map(\.id) == ["S-1", "S-3"])
        let other = "Nhiệm vụ,Hạn hoàn thành\nViệc một,Quý I và II/2026\n"
        #expect(try importer.events(from: other, board: board, time: time, actor: "vpcp").first?[.due] == "2026-06-30")
        #expect {
            try importer.events(from: "Nhiệm vụ,Thời hạn,Deadline\nViệc,06/2025,07/2025\n", board: board, time: time, actor: "vpcp")
        } throws: { error in
            (error as? Diagnostic)?.message == "columns 2 and 3 are both read as `due`"
        }
    }

    /// Headers as programmes name them: "… thực hiện", a format note in brackets, punctuation;
    /// a notes column is the assignment's note.
    @Test func readsHeadersWithTheirUsualWordingAndNotes() throws {
        let text = "STT,Nhiệm vụ,Cơ quan chủ trì thực hiện,\"Cơ quan, đơn vị phối hợp\",Thời hạn hoàn thành (dd/mm/yyyy),Ghi chú\r\n"
            + "1.,Xây dựng Nghị định về dữ liệu,BCA,BQP,30/06/2025,gấp\r\n"
        let importer = ActionProgrammeImport(file: "p.csv", idPrefix: "NQ57-")
        let table = try importer.read(text)
        #expect(table.ignoredColumns.isEmpty)
        let e = try importer.events(from: table, board: ledger(Self.declared).board, time: time, actor: "vpcp")
        #expect(e.map(\.id) == ["NQ57-1"])
        #expect(e[0][.lead] == "BCA" && e[0][.support] == "BQP" && e[0][.due] == "2025-06-30" && e[0][.note] == "gấp")
    }

    /// Rows a sheet has besides tasks: a section's heading (numbered I, II or A, B, with only a
    /// title) is passed over and named; a row without a title, an unnumbered row among numbered
    /// ones and a row with more cells than the header stop the import at that row.
    @Test func headingsArePassedOverAndRowsThatAreNoTaskRefused() throws {
        let importer = ActionProgrammeImport(file: "p.csv", idPrefix: "P")
        let board = ledger(Self.declared).board
        let sections = "STT,Nhiệm vụ,Cơ quan chủ trì\nI,NHIỆM VỤ CHUNG,\n1,Xây dựng đề án,BCA\nB.,Các bộ,\n2,Ban hành kế hoạch,BQP\n"
        let table = try importer.read(sections)
        #expect(try importer.events(from: table, board: board, time: time, actor: "vpcp").map(\.id) == ["P-1", "P-2"])
        #expect(importer.sectionHeadings(in: table).map(\.line) == [2, 4])
        func refusal(_ text: String) -> Diagnostic? {
            do { _ = try importer.events(from: text, board: board, time: time, actor: "vpcp"); return nil } catch { return error }
        }
        let untitled = refusal("STT,Nhiệm vụ,Cơ quan chủ trì,Thời hạn\n1,Xây dựng đề án,BCA,\n2,,,\n")
        #expect(untitled?.message == "this row has no task title" && untitled?.line == 3 && untitled?.column == 3)
        let unnumbered = refusal("STT,Nhiệm vụ,Cơ quan chủ trì\n1,Xây dựng đề án,BCA\n,Báo cáo thêm,BCA\n2,Ban hành,BCA\n")
        #expect(unnumbered?.message == "this row has no number, where the other rows have one" && unnumbered?.line == 3)
        let shifted = refusal("STT,Nhiệm vụ,Sản phẩm\n1,Xây dựng, ban hành Nghị định,Nghị định\n")
        #expect(shifted?.message == "this row has a cell in column 4, where the header names 3 columns" && shifted?.column == 32)
    }

    /// Excel in a Vietnamese locale separates cells with `;`; a quoting mistake is shown on its
    /// own line with the caret under it, and a cell after a line break inside quotes on the line
    /// it is on.
    @Test func semicolonsAndWhereQuotingGoesWrong() throws {
        let records = try CSVReader.read("\u{FEFF}STT;Nhiệm vụ;\"Cơ quan; chủ trì\"\r\n1;\"Việc \"\"một\"\"\";BCA, BQP\r\n")
        #expect(records.map(\.fields) == [["STT", "Nhiệm vụ", "Cơ quan; chủ trì"], ["1", "Việc \"một\"", "BCA, BQP"]])
        #expect {
            try CSVReader.read("a,b\n1,Việc (\"có\") dấu\n")
        } throws: { error in
            let f = error as! CSVReader.Failure
            return f.line == 2 && f.column == 9 && f.lineText == "1,Việc (\"có\") dấu"
        }
        #expect {
            try CSVReader.read("a,b\n1,\"Việc\n")
        } throws: { error in
            let f = error as! CSVReader.Failure
            return f.message == "a quoted field is never closed" && f.line == 2 && f.column == 3 && f.lineText == "1,\"Việc"
        }
        let split = try CSVReader.read("a,b,c\r\n1,\"hai\r\ndòng\",x\r\n")[1]
        #expect(split.lines == [2, 2, 3] && split.columns == [1, 3, 7] && split.text(ofLine: 3) == "dòng\",x")
    }

    /// A field's column counts Characters, as the caret under the line does: a joined emoji, a
    /// flag and a letter with its mark are one each; so is a quote, and a comma, inside quotes.
    @Test func columnsCountCharacters() throws {
        let records = try CSVReader.read("👩‍💻,🇻🇳,e\u{301},\"a,\"\"b\",x\n\"two\nlines\",y\n")
        #expect(records.map(\.columns) == [[1, 3, 5, 7, 15], [1, 8]])
        #expect {
            try CSVReader.read("👩‍💻🇻🇳,a\"b\n")
        } throws: { error in
            (error as? CSVReader.Failure)?.column == 5
        }
    }

    @Test(arguments: [
        ("2025-06-30", "2025-06-30"), ("30/06/2025", "2025-06-30"), ("06/2025", "2025-06-30"),
        ("Tháng 2/2024", "2024-02-29"), ("Quý II/2025", "2025-06-30"), ("Quý IV/2025", "2025-12-31"), ("Năm 2025", "2025-12-31"),
        ("Quý 3/2025", "2025-09-30"), ("Tháng 6-7/2025", "2025-07-31"), ("Quý 2-3/2025", "2025-09-30"), ("1/2/2025", "2025-02-01"),
    ])
    func readsDeadlinesAsProgrammesWriteThem(_ text: String, _ expected: String) {
        #expect(ActionProgrammeImport.deadline(text)?.description == expected)
    }

    @Test func refusesDeadlinesItCannotRead() {
        #expect(ActionProgrammeImport.deadline("sớm nhất có thể") == nil)
        #expect(ActionProgrammeImport.deadline("31/02/2025") == nil)
        // Not a deadline steer can be sure of: a year cut short, a span that runs backwards or
        // past the year's months or quarters, a range of days.
        for text in ["1/2/25", "06/25", "Tháng 6/25", "Tháng 7-6/2025", "Tháng 12-13/2025", "Quý 3-5/2025", "Quý 5/2025",
                     "Năm 25", "Năm 2025-2026", "6-7/2025", "Tháng 1-2-3/2025", "15-20/06/2025", "½/½/2025",
                     "99999999999999999999/99999999999999999999/2025", "99999999999999999999/2025"] {
            #expect(ActionProgrammeImport.deadline(text) == nil, "\(text)")
        }
    }

    func importing(_ text: String, _ extra: String = "") throws(Diagnostic) -> [Event] {
        try ActionProgrammeImport(file: "p.csv", idPrefix: "P").events(from: text, board: ledger(Self.declared + extra).board, time: time, actor: "vpcp")
    }

    func refusal(_ text: String) -> Diagnostic? {
        do { _ = try importing(text); return nil } catch { return error }
    }

    /// What a sheet holds beside its tasks is no task: headings, totals, footnotes, the
    /// sign-off block of an unnumbered sheet; a group row above its numbered tasks.
    @Test func headingsTotalsAndGroupRowsAreNoTasks() throws {
        let unnumbered = "Nhiệm vụ,Cơ quan chủ trì,Thời hạn\nI. HOÀN THIỆN THỂ CHẾ,,\nTrình Luật Khoa học,BKHCN,31/05/2025\n"
        #expect(try importing(unnumbered).map { $0[.title] } == ["Trình Luật Khoa học"])
        let total = refusal(unnumbered + "Tổng cộng: 1 nhiệm vụ,,\n")
        #expect(total?.line == 4 && total?.message.hasPrefix("this row has a title and nothing else") == true)
        let grouped = "STT,Nhiệm vụ,Cơ quan chủ trì,Thời hạn\n1,Nhóm nhiệm vụ về dữ liệu,,\n1.1,Cơ sở dữ liệu A,BKHCN,30/06/2025\n1.2,Cơ sở dữ liệu B,BTC,30/06/2025\n"
        #expect(try importing(grouped).map(\.id) == ["P-1.1", "P-1.2"])
        let headingWithALead = refusal(grouped + "II,NHIỆM VỤ CỦA BỘ CÔNG AN,BCA,\n")
        #expect(headingWithALead?.message == "`II` numbers a section heading, but this row has more than a title")
        let mergedAcross = "STT,Nhiệm vụ,Cơ quan chủ trì\nI. THỂ CHẾ,,\n1,Việc một,BTC\n"
        #expect(try importing(mergedAcross).map(\.id) == ["P-1"])
    }

    /// Cells a sheet left out of the header, or a deadline that recurs, are not dropped.
    @Test func nothingIsDroppedInSilence() throws {
        let importer = ActionProgrammeImport(file: "p.csv", idPrefix: "P")
        let unnamed = "STT,Nhiệm vụ,,Cơ quan chủ trì\n1,Việc một,Kinh phí 1.500 triệu đồng,BTC\n"
        #expect(try importer.read(unnamed).ignoredColumnsWithData == ["column 3, which has no header"])
        #expect(try importer.read("STT,Nhiệm vụ,\n1,Việc một,\n").ignoredColumns.isEmpty, "an empty column without a header is nothing")
        for recurring in ["Năm 2025 và các năm tiếp theo", "Tháng 6/2025 và hằng năm", "Năm 2025 x"] {
            #expect(refusal("Nhiệm vụ,Thời hạn\nViệc một,\(recurring)\n")?.message == "`\(recurring)` is not a deadline steer understands")
        }
        #expect(try importing("Nhiệm vụ,Thời hạn\nViệc một,Năm 2025.\n").first?[.due] == "2025-12-31")
        let merged = "Nhiệm vụ,Cơ quan chủ trì,Thời hạn\nViệc một,BCA,30/06/2025\nViệc hai,,\nViệc ba,,\n"
        #expect(importer.linesLackingLeadAndDeadline(in: try importer.read(merged)) == [3, 4])
        #expect(importer.linesLackingLeadAndDeadline(in: try importer.read("Nhiệm vụ,Cơ quan chủ trì\nViệc một,\n")).isEmpty)
    }

    /// Agencies as sheets write them: a no-break space or two spaces, a province's people's
    /// committee, an en dash, two agencies joined by "và"; a `;` sheet with a comma in a header.
    @Test func agenciesAsSheetsWriteThem() throws {
        let extra = "2025-01-02T08:00+07:00 @vpcp agency brvt kind=province name=\"Tỉnh Bà Rịa - Vũng Tàu\"\n"
        let text = "Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp\n"
            + "Việc một,Bộ\u{A0}Tài chính,\"UBND tỉnh Đồng Nai, Bộ  Công an\"\n"
            + "Việc hai,Tỉnh Bà Rịa – Vũng Tàu,Bộ Tài chính và Bộ Tư pháp\n"
        let events = try importing(text, extra)
        #expect(events.map { $0[.lead] } == ["BTC", "brvt"])
        #expect(events.map { $0[.support] } == ["dongnai,BCA", "BTC,BTP"])
        // A cell of a dash names no agency, not one whose name was left blank.
        let blank = "2025-01-02T08:00+07:00 @vpcp agency TMP kind=other name=\"   \"\n"
        #expect(throws: Diagnostic.self) { try importing("Nhiệm vụ,Cơ quan chủ trì\nViệc một,-\n", blank) }
        let tied = "Nhiệm vụ;Cơ quan, đơn vị chủ trì;Cơ quan, đơn vị phối hợp\nViệc một;BTC;BTP\n"
        #expect(try importing(tied).first?[.support] == "BTP", "as many commas as semicolons: the separator that finds a title")
        let semicolons = "STT;Nhiệm vụ;Cơ quan chủ trì;Ghi chú, kiến nghị\n1;Việc một;BTC;\n"
        #expect(try importing(semicolons).first?[.lead] == "BTC")
    }
}

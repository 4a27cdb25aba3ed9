import Testing
@testable import SteerCore
@testable import SteerTUI

@Suite struct LineEditorTests {
    @Test func combiningMarksJoinTheirLetter() {
        var e = LineEditor()
        for s in ["D", "o\u{0302}", "\u{0300}", "n", "g"] { e.insert(Character(s)) }
        #expect(e.characters.count == 4)
        #expect(e.text.precomposedStringWithCanonicalMapping == "Dồng")
        e.left(); e.left()
        e.backspace()
        #expect(e.text == "Dng", "Backspace deletes the letter with both its marks")
    }

    @Test func wideCharactersScrollByCells() {
        var e = LineEditor("漢字テスト")
        #expect(e.visible(width: 5) == ("スト", 4))
        e.home()
        #expect(e.visible(width: 5) == ("漢字", 0))
        e.right()
        #expect(e.visible(width: 5).cursorColumn == 2)
    }
}

/// A control kept in a field's text shows as its escape, and the cursor counts its cells.
@Suite struct LineEditorEscapeTests {
    @Test func theCursorIsPlacedAfterAnEscapeShown() {
        var e = LineEditor("Số \u{85} hiệu")
        e.home()
        for _ in 0..<5 { e.right() }
        #expect(e.visible(width: 30).cursorColumn == 10, "after `Số \\u{85} `: 3 + 6 + 1 cells, then h")
    }
}

@Suite struct IdCutTests {
    /// Ids that share their start are cut in their middle, so that narrow rows still differ.
    @Test func idsAreCutInTheirMiddle() {
        #expect(DisplayWidth.truncateMiddle("KH57-quangninh", to: 10) == "KH57…gninh")
        #expect(DisplayWidth.truncateMiddle("KH57-quangbinh", to: 10) == "KH57…gbinh")
        #expect(DisplayWidth.truncateMiddle("NQ57-BKHCN-01", to: 13) == "NQ57-BKHCN-01")
        #expect(DisplayWidth.truncateMiddle("NQ57-BKHCN-01", to: 1) == "…")
    }
}

@Suite struct FrameTests {
    @Test func wideCharactersTakeTwoCellsAndAreCutWhole() {
        var f = Frame(Size(width: 6, height: 1))
        f.put("日本語です", x: 0, y: 0)
        #expect(f.lines == ["日本…"])
        f.put("ab", x: 1, y: 0)
        #expect(f.lines == [" ab …"], "overwriting half of a wide character blanks the other half")
    }

    @Test func ledgerTextCannotReachTheTerminalAsControls() {
        var f = Frame(Size(width: 20, height: 1))
        f.put("a\u{1B}[2Jb\u{202E}c", x: 0, y: 0)
        #expect(f.lines == ["a␛[2Jb\\u{202E}c"])
    }

    @Test func combiningMarksStayWithTheirLetter() {
        var f = Frame(Size(width: 10, height: 1))
        f.put("Đo\u{0302}\u{0300}ng Nai", x: 0, y: 0)
        #expect(f.lines[0].precomposedStringWithCanonicalMapping == "Đồng Nai")
        #expect(f[1, 0].text == "o\u{0302}\u{0300}")
    }

    /// A flag, a joined emoji or one given a skin tone is more than a cell holds: it is shown
    /// as unshowable, in its own width, never as its first part alone (🇻 for 🇻🇳).
    @Test func whatACellCannotHoldIsShownAsUnshowable() {
        var f = Frame(Size(width: 20, height: 1))
        f.put("a🇻🇳b👩\u{200D}💻c👍🏽d❤\u{FE0F}", x: 0, y: 0)
        #expect(f.lines == ["a\u{FFFD} b\u{FFFD} c\u{FFFD} d❤\u{FE0F}"], "a flag is two cells wide, as terminals draw it")
    }

    @Test func noCrashAtAnySize() {
        var base = Driver(TestLedger.state())
        base.press(.char("e"))
        let withForm = base.state
        for w in stride(from: 0, through: 210, by: 13) {
            for h in stride(from: 0, through: 64, by: 7) {
                let size = Size(width: w, height: h)
                for state in [TestLedger.state(size: size), withForm] {
                    var d = Driver(state)
                    d.send(.resize(size))
                    for k: Keystroke in [.char("j"), .enter, .char("G"), .escape, .char("?"), .char("G"), .escape, .char("2"), .char("G"), .char("4"), .char("G")] {
                        d.press(k)
                        #expect(d.frame.size == size)
                    }
                }
            }
        }
    }

    @Test func tilesFromLargeTerminals() {
        #expect(!Layout(Size(width: 80, height: 24)).tiled)
        #expect(Layout(Size(width: 160, height: 40)).tiled)
        #expect(Layout(Size(width: 39, height: 24)).tooSmall)
        #expect(Layout(Size(width: 40, height: 9)).tooSmall)
        #expect(!Layout(Size(width: 40, height: 10)).tooSmall)
    }
}

@Suite struct LanguageTests {
    @Test func fromTheLocale() {
        #expect(Language.from(environment: ["LANG": "vi_VN.UTF-8"]) == .vi)
        #expect(Language.from(environment: ["LANG": "vi_VN.UTF-8", "LC_ALL": "en_US.UTF-8"]) == .en)
        #expect(Language.from(environment: ["LC_MESSAGES": "vi", "LANG": "C"]) == .vi)
        #expect(Language.from(environment: [:]) == .en)
    }
}

/// Every parse error of the query language reads in Vietnamese on the Vietnamese screen.
@Suite struct FilterErrorTextTests {
    func problem(_ query: String) -> TaskFilter.ParseError? {
        do { _ = try TaskFilter(query); return nil } catch { return error }
    }

    @Test(arguments: [
        ("state:nope", "cột 7: không có trạng thái `nope`; dùng: assigned, in_progress, blocked, submitted, done, cancelled, open, closed"),
        ("kind:memo", "cột 6: không có loại `memo`; dùng: "),
        ("stage:x", "cột 7: không có bước `x`; dùng: drafting, "),
        ("unclear:why", "cột 9: không có điểm rõ `why`; dùng: person, "),
        ("time:soon", "cột 6: không có tình trạng thời hạn `soon`; dùng: "),
        ("colour:red", "cột 1: không có trường `colour:`; các trường: lead, support, "),
        ("dong lead:", "cột 11: `lead:` cần một giá trị"),
        ("due<2025-13-01", "cột 5: `2025-13-01` không phải ngày; viết due<2025-06-30"),
        ("owner:\"Vụ", "cột 7: dấu ngoặc kép chưa đóng"),
    ])
    func vietnamese(query: String, expected: String) throws {
        let e = try #require(problem(query))
        let text = FilterErrorText.line(e, .vi)
        #expect(text.hasPrefix(expected), "\(text)")
        #expect(!text.contains("bộ lọc viết sai"), "a wording of the core not recognised: \(e.message)")
    }

    @Test func anUnknownAgencyIsSaidInVietnamese() {
        let e = TaskFilter.ParseError(message: "no agency `BKHNC` in this ledger; did you mean BKHCN?", column: 6)
        #expect(FilterErrorText.line(e, .vi) == "cột 6: sổ không có cơ quan `BKHNC`; có phải BKHCN?")
    }

    @Test func fieldListEndsInVietnamese() throws {
        let e = try #require(problem("colour:red"))
        #expect(FilterErrorText.line(e, .vi).hasSuffix(", time và due<DATE"))
    }

    @Test func englishIsTheCoresOwn() throws {
        let e = try #require(problem("state:nope"))
        #expect(FilterErrorText.line(e, .en) == "column 7: " + e.message)
    }

    @Test func anUnknownWordingIsKeptBehindAVietnamesePrefix() {
        let e = TaskFilter.ParseError(message: "something new", column: 3)
        #expect(FilterErrorText.line(e, .vi) == "cột 3: bộ lọc viết sai: something new")
    }
}

@Suite struct ColumnTests {
    static let columns: [Column] = [
        .fixed("Id", [[Span("KH57-bariavungtau")], [Span("NV-1")]], cap: 16, minimum: 10),
        .fixed("Lead", [[Span("tuyenquang")]], cap: 10, minimum: 6, drop: 4),
        .flexible("Title", minimum: 20),
        .fixed("Due", [[Span("2025-06-30")]], drop: 5),
        .fixed("State", [[Span("in progress 75%")]], drop: 2),
        .fixed("Timeliness", [[Span("late 108d")]]),
    ]

    func widths(_ total: Int) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: Column.place(Self.columns, in: total).map { (Self.columns[$0.column].title, $0.width) })
    }

    @Test func fixedColumnsAreAsWideAsTheirWidestCellUpToACap() {
        #expect(Self.columns.map(\.width) == [16, 10, 20, 10, 15, 10], "Timeliness keeps its heading's width")
    }

    @Test func titleTakesTheSpareWidth() {
        #expect(widths(120) == ["Id": 16, "Lead": 10, "Title": 54, "Due": 10, "State": 15, "Timeliness": 10])
    }

    @Test func narrowPanesCutOrDropTheLeastNeededFirst() {
        #expect(widths(80) == ["Id": 16, "Lead": 10, "Title": 25, "State": 15, "Timeliness": 10], "the deadline goes first")
        #expect(widths(72) == ["Id": 16, "Lead": 7, "Title": 20, "State": 15, "Timeliness": 10], "then the lead is cut, no more than needed")
        #expect(widths(60) == ["Id": 16, "Title": 32, "Timeliness": 10], "then dropped, then the state")
        #expect(widths(40) == ["Id": 10, "Title": 18, "Timeliness": 10], "ids are cut last, then the title gives way")
    }
}

import Testing
@testable import SteerCore
@testable import SteerTUI

@Suite struct SnapshotTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 48)]

    static func name(_ what: String, _ size: Size) -> String { "\(what)-\(size.width)x\(size.height)" }

    @Test(arguments: sizes)
    func panes(size: Size) {
        var d = Driver(TestLedger.state(size: size))
        for p in Pane.allCases {
            d.press(.char(Character(String(p.number))))
            expectSnapshot(d.frame, Self.name("pane\(p.number)-\(p)", size))
        }
    }

    @Test(arguments: sizes)
    func tasksInEnglish(size: Size) {
        let d = Driver(TestLedger.state(.en, size: size))
        expectSnapshot(d.frame, Self.name("pane1-tasks-en", size))
    }

    @Test(arguments: sizes)
    func detail(size: Size) {
        var d = Driver(TestLedger.state(size: size))
        d.press(.enter)
        expectSnapshot(d.frame, Self.name("detail", size))
        var unclear = Driver(TestLedger.state(.en, size: size))
        unclear.press(.char("G"), .char("k"), .enter)
        expectSnapshot(unclear.frame, Self.name("detail-unclear-en", size))
    }

    @Test(arguments: sizes)
    func help(size: Size) {
        var d = Driver(TestLedger.state(size: size))
        d.press(.char("?"))
        expectSnapshot(d.frame, Self.name("help", size))
    }

    @Test(arguments: sizes)
    func extendForm(size: Size) {
        var d = Driver(TestLedger.state(size: size))
        d.press(.char("e"), .ctrl("u"))
        d.type("2025-07-01")
        d.press(.enter)
        d.type("Chờ thẩm định")
        expectSnapshot(d.frame, Self.name("form-extend", size))
    }

    @Test(arguments: sizes)
    func filterWithError(size: Size) {
        var d = Driver(TestLedger.state(size: size))
        d.press(.char("/"))
        d.type("dong nai state:nope")
        expectSnapshot(d.frame, Self.name("filter-error", size))
    }

    @Test func tooSmall() {
        let d = Driver(TestLedger.state(size: Size(width: 39, height: 12)))
        expectSnapshot(d.frame, "too-small-39x12")
    }
}

/// The header and the footer say everything they show whole, at any width the screen allows.
@Suite struct ChromeTests {
    @Test(arguments: Language.allCases)
    func totalsFitIn80Columns(language: Language) {
        let d = Driver(TestLedger.state(language))
        let totals = d.frame.lines[1]
        #expect(!totals.contains("…"), "\(totals)")
        // The 2×2 and the clear share always; the count of tasks without a deadline (one here)
        // after them only where it fits whole: in Vietnamese at 80 columns, not in English.
        #expect(totals.hasSuffix(language == .en ? "Clear 62%" : "5 rõ 62% │ 1 không hạn"), "\(totals)")
    }

    @Test func tasksWithoutADeadlineAreCountedBesideThe2x2() {
        let d = Driver(TestLedger.state(.en, size: Size(width: 160, height: 48)))
        #expect(d.frame.lines[1].hasSuffix("Clear 62% │ 1 no deadline"), "\(d.frame.lines[1])")
        // The Agencies pane counts them per agency where it has room: dongnai's one task
        // without a deadline.
        var wide = Driver(TestLedger.state(.en, size: Size(width: 110, height: 30)))
        wide.press(.char("4"))
        let heading = wide.frame.lines.first { $0.contains("Agency") } ?? ""
        let dongnai = wide.frame.lines.first { $0.contains("dongnai") } ?? ""
        #expect(heading.contains("No due"), "\(heading)")
        let column = heading.range(of: "No due")!.upperBound.utf16Offset(in: heading)
        #expect(Array(dongnai.utf16)[column - 1] == UInt16(UInt8(ascii: "1")), "\(dongnai)")
    }

    @Test(arguments: Language.allCases)
    func footerKeysAreWholeAndTheHelpAlwaysThere(language: Language) {
        for width in [40, 50, 60, 70, 80, 100] {
            var d = Driver(TestLedger.state(language, size: Size(width: width, height: 24)))
            for screen in [false, true] {
                if screen { d.press(.enter) }
                let footer = d.frame.lines.suffix(2)
                #expect(!footer.joined().contains("…"), "at \(width): \(footer)")
                #expect(footer.last?.contains(language == .en ? "? help" : "? trợ giúp") == true, "at \(width): \(footer)")
            }
        }
    }
}

/// The selection is a marker and the id in reverse video, so that moving it changes few cells.
@Suite struct SelectionTests {
    @Test func markerAndIdInReverse() {
        let f = Driver(TestLedger.state()).frame
        #expect(f[0, 4].text == ">")
        #expect((0..<f.width).filter { f[$0, 4].style.reverse } == Array(0...7), "> and NQ03-12")
    }

    @Test func jChangesOnlyTheMarkersAndIds() {
        var d = Driver(TestLedger.state())
        let before = d.frame
        d.press(.char("j"))
        let after = d.frame
        let changed = (0..<after.height).flatMap { y in (0..<after.width).filter { before[$0, y] != after[$0, y] }.map { Point(x: $0, y: y) } }
        #expect(Set(changed.map(\.y)) == [4, 5])
        #expect(changed.allSatisfy { $0.x <= 7 })
    }
}

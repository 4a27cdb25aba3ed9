import Foundation
import Testing
@testable import SteerCore

@Suite struct ParserTests {
    @Test func readsEventsWithQuotedAndBareValues() throws {
        let l = ledger(agencies + """
        2025-01-09T08:00+07:00 @vpcp assign NQ03-12 kind=decree title="Nghị định hướng dẫn \\"193\\"" lead=BKHCN support=BTC,BTP due=2025-03-31
        # a comment

        2025-03-16T16:30:05+07:00 @lan report NQ03-12 progress=70 note="Đã gửi\\nlấy ý kiến"

        """)
        #expect(l.isClean)
        #expect(l.events.count == 6)
        let e = l.events[4].event
        #expect(e.verb == .assign)
        #expect(e[.title] == "Nghị định hướng dẫn \"193\"")
        #expect(e[.support] == "BTC,BTP")
        #expect(l.events[5].line == 9)
        #expect(l.events[5].event[.note] == "Đã gửi\nlấy ý kiến")
        #expect(l.events[5].event.time.description == "2025-03-16T16:30:05+07:00")
    }

    /// The events of a parse share one array of fields: a line refused after some of its
    /// fields were read (a bad key, a missing required key, a bad value) leaves none of them
    /// to the events after it.
    @Test func aRefusedLineLeavesNoFieldsBehind() throws {
        let text = """
        steer-ledger 1
        2025-01-02T08:00+07:00 @vpcp report T-1 progress=10 note="first" colour=red
        2025-01-02T08:01+07:00 @vpcp extend T-1 due=2025-03-01
        2025-01-02T08:02+07:00 @vpcp report T-1 progress=20 note="second
        2025-01-02T08:03+07:00 @vpcp block T-1 note="kept"
        2025-01-02T08:04+07:00 @vpcp submit T-1

        """
        let out = LedgerParser(file: "f").parse(Array(text.utf8))
        #expect(out.diagnostics.map(\.line) == [2, 3, 4])
        try #require(out.events.count == 2)
        #expect(out.events.map(\.event) == [
            Event(time: out.events[0].event.time, actor: "vpcp", verb: .block, id: "T-1", fields: [Field(.note, "kept")]),
            Event(time: out.events[1].event.time, actor: "vpcp", verb: .submit, id: "T-1"),
        ])
        #expect(out.fields.count == 1)
        #expect(out.texts == ["kept"])
    }

    /// A piece holds a text of up to 15 ASCII bytes as the words of its String, any other in
    /// its list of texts (`PieceText`): both read back as the line wrote them, and a board
    /// keeping a value of a spent piece takes it out of the list.
    @Test func textsHeldInlineOrInTheListReadBackAlike() throws {
        let text = """
        steer-ledger 1
        2025-01-02T08:00+07:00 @focal.point.of.hanoi report NQ57-BKHCN-0001-A progress=10 note="x"
        2025-01-02T08:01+07:00 @lan amend T-1 owner=Đồng due=2025-03-01 product=a-bare-value-of-24-bytes

        """
        let out = LedgerParser(file: "f").parse(Array(text.utf8))
        #expect(out.diagnostics.isEmpty)
        try #require(out.events.count == 2)
        let time = { (i: Int) in out.events[i].event.time }
        #expect(out.events.map(\.event) == [
            Event(time: time(0), actor: "focal.point.of.hanoi", verb: .report, id: "NQ57-BKHCN-0001-A", fields: [Field(.progress, "10"), Field(.note, "x")]),
            Event(time: time(1), actor: "lan", verb: .amend, id: "T-1",
                  fields: [Field(.owner, "Đồng"), Field(.due, "2025-03-01"), Field(.product, "a-bare-value-of-24-bytes")]),
        ])
        if SmallASCII.isLaidOutAsExpected {
            #expect(Set(out.texts) == ["focal.point.of.hanoi", "NQ57-BKHCN-0001-A", "x", "Đồng", "a-bare-value-of-24-bytes"])
            #expect(out.texts.count == 5)
        }
        var texts = out.texts
        let (bytes, kept, left) = out.parsed.withUnsafeBufferPointer { events in
            out.fields.withUnsafeBufferPointer { fields in
                texts.withUnsafeMutableBufferPointer { texts in
                    let amend = ParsedEvent.Reading(events, 1, fields: fields, texts: PieceTexts(strings: texts, bytes: UnsafeBufferPointer(start: nil, count: 0)), spends: true)
                    let bytes = [Key.owner, .due, .product, .title].map { amend.withValueBytes($0) { String(decoding: $0, as: UTF8.self) } }
                    return (bytes, (0..<3).map { amend.keptValue(at: $0) }, amend.fields.map(\.value))
                }
            }
        }
        // Read as bytes, a value held inline or in the list is its text; a key not given, nil.
        #expect(bytes == ["Đồng", "2025-03-01", "a-bare-value-of-24-bytes", nil])
        #expect(kept == ["Đồng", "2025-03-01", "a-bare-value-of-24-bytes"])
        // Taken, the texts of the list are gone from it; those held inline are where they were.
        #expect(left == (SmallASCII.isLaidOutAsExpected ? ["", "2025-03-01", ""] : ["", "", ""]))
    }

    /// Values no task shares, left in the parsed bytes until read, read back as the values the
    /// parser makes at once: quoted or bare, escaped, in NFD (stored as NFC), not ASCII; and a
    /// required one of spaces alone is refused all the same.
    @Test func valuesLeftInTheInputReadAsTheValuesMadeAtOnce() throws {
        let nfd = "Đã gửi lấy ý kiến".decomposedStringWithCanonicalMapping
        let text = """
        steer-ledger 1
        2025-01-02T08:00+07:00 @vpcp assign T-1 title="Xây dựng Nghị định về dữ liệu" lead=BKHCN owner="Vụ Pháp chế" due=2025-03-01
        2025-01-02T08:01+07:00 @vpcp report T-1 note="\(nfd)"
        2025-01-02T08:02+07:00 @vpcp report T-1 note="say \\"yes\\"\\u{1F600}" progress=10
        2025-01-02T08:03+07:00 @vpcp stage T-1 stage=drafting ref=a-bare-reference-of-28-bytes note=a-bare-note-of-23-bytes
        2025-01-02T08:04+07:00 @vpcp extend T-1 due=2025-04-01 reason=Đồng
        2025-01-02T08:05+07:00 @vpcp cancel T-1 reason="\\u{a0}\\t"
        2025-01-02T08:06+07:00 @vpcp cancel T-1 reason=" "
        2025-01-02T08:07+07:00 @vpcp cancel T-1 reason="\u{a0}"

        """
        let bytes = Array(text.utf8)
        let parser = LedgerParser(file: "f")
        let atOnce = parser.parse(bytes)
        var memory = LineParser.Memory()
        var left = bytes.withUnsafeBufferPointer {
            parser.parse($0, firstLine: 1, expectHeader: true, into: .init(), remembering: &memory, leavingTexts: true)
        }
        #expect(left.holdsSlices && !atOnce.holdsSlices)
        #expect(left.diagnostics.map(\.line) == [7, 8, 9] && atOnce.diagnostics.map(\.line) == [7, 8, 9])
        #expect(left.diagnostics.map(\.message) == atOnce.diagnostics.map(\.message))
        // Made at once: the title, owner and reference, which tasks share, and the note decoded
        // from its escapes (the actor and ids are inline).
        if SmallASCII.isLaidOutAsExpected {
            #expect(left.texts == ["Xây dựng Nghị định về dữ liệu", "Vụ Pháp chế", "say \"yes\"😀", "a-bare-reference-of-28-bytes"])
        }
        let events = left.parsed.withUnsafeBufferPointer { events in
            left.fields.withUnsafeBufferPointer { fields in
                left.texts.withUnsafeMutableBufferPointer { texts in
                    bytes.withUnsafeBufferPointer { input in
                        events.indices.map { i in
                            let e = ParsedEvent.Reading(events, i, fields: fields, texts: PieceTexts(strings: texts, bytes: input), spends: true)
                            let note = e.withValueBytes(.note) { String(decoding: $0, as: UTF8.self) }
                            return (e.event, note, e.fields.indices.map { e.keptValue(at: $0) })
                        }
                    }
                }
            }
        }
        try #require(events.count == 5)
        #expect(events.map(\.0) == atOnce.events.map(\.event))
        #expect(events[1].0[.note] == "Đã gửi lấy ý kiến", "stored as NFC")
        #expect(events.map(\.1) == [nil, "Đã gửi lấy ý kiến", "say \"yes\"😀", "a-bare-note-of-23-bytes", nil])
        #expect(events[4].0[.reason] == "Đồng")
        #expect(events.map(\.2) == atOnce.events.map { $0.event.fields.map(\.value) })
    }

    /// A comment is held to the bytes every line is: grep, cat and editors read it too.
    @Test func aCommentWithRawControlsOrBadUTF8IsRefused() {
        var bytes = Array("steer-ledger 1\n# ok: Đồng Nai\n# \u{1b}[31mred\n".utf8)
        bytes += [35, 32, 0xFF, 10] + Array("#\u{0}\n   # fine\n".utf8)
        let out = LedgerParser(file: "f").parse(bytes)
        #expect(out.diagnostics.map(\.line) == [3, 4, 5])
        #expect(out.diagnostics.first?.message.contains("raw control character (0x1B)") == true)
        #expect(out.diagnostics[1].message.contains("invalid UTF-8") && out.diagnostics[2].message.contains("NUL"))
        #expect(out.sawHeader)
    }

    /// A required value of spaces alone says no more than an empty one; an optional one is kept.
    @Test func aRequiredValueOfSpacesIsEmpty() {
        let text = """
        steer-ledger 1
        2025-01-02T08:00+07:00 @vpcp block T-1 note=" "
        2025-01-02T08:01+07:00 @vpcp cancel T-1 reason="\u{a0}\t"
        2025-01-02T08:02+07:00 @vpcp report T-1 note=" "

        """
        let out = LedgerParser(file: "f").parse(Array(text.utf8))
        #expect(out.diagnostics.map(\.line) == [2, 3])
        #expect(out.diagnostics.allSatisfy { $0.message.contains("cannot be empty") })
        #expect(out.events.map(\.event.verb) == [.report])
    }

    @Test func acceptsBOMAndCRLFAndStoresNFDAsNFC() {
        let nfd = "Tỉnh Đồng Nai".decomposedStringWithCanonicalMapping
        #expect(Array(nfd.utf8) != Array("Tỉnh Đồng Nai".utf8))
        let text = "\u{FEFF}steer-ledger 1\r\n2025-01-02T08:00+07:00 @vpcp agency dongnai kind=province name=\"\(nfd)\"\r\n"
        let l = Ledger.load(Array(text.utf8), file: "crlf.ledger")
        #expect(l.isClean)
        let name = l.board.agencies["dongnai"]?.name ?? ""
        #expect(Array(name.utf8) == Array("Tỉnh Đồng Nai".utf8), "stored as NFC bytes")
    }

    @Test func tornLastLineIsReportedAndNotParsed() {
        let l = ledger(agencies + "2025-01-09T08:00+07:00 @vpcp agency BNV kind=ministry name=\"Bộ Nội vụ\"")
        #expect(l.board.agencies["BNV"] == nil)
        #expect(l.tornTail != nil)
        #expect(!l.isClean)
        #expect(l.tornDiagnostic?.message.contains("interrupted write") == true)
    }

    @Test func onlyTheVersionLineCutShortIsATornFirstLine() {
        for cut in ["s", "steer-led", "steer-ledger 1"] {
            let l = Ledger.load(Array(cut.utf8), file: "x")
            #expect(l.tornDiagnostic?.message.contains("interrupted write") == true, "\(cut)")
        }
        for other in ["hello world", "steer-ledger 1\r2025-01-02T08:00+07:00 @vpcp agency B kind=other name=b\r", "\u{FEFF}steer-ledger 10"] {
            let l = Ledger.load(Array(other.utf8), file: "x")
            #expect(l.tornTail != nil && !l.isClean, "its bytes are not taken as a line")
            #expect(l.tornDiagnostic?.message.contains("`\(LedgerHeader.text)`") == true, "\(other)")
        }
    }

    /// Comments alone, the last without its newline, are no ledger and no torn write: the hint
    /// says to end the line. With CR line ends, the comment on top does not hide them.
    @Test func commentsWithoutTheirNewlineAreToldToEndIt() {
        let comments = Ledger.load(Array("# a\n# b".utf8), file: "x")
        #expect(comments.tornDiagnostic?.hint?.hasPrefix("end it with a newline") == true)
        let mac = Ledger.load(Array("# note\rsteer-ledger 1\r".utf8), file: "x")
        #expect(mac.tornDiagnostic?.hint?.contains("carriage return alone") == true)
    }

    @Test func aPathInAHintIsOneShellWord() {
        #expect(ShellWord.quoted("/srv/steer/nq57.ledger") == "/srv/steer/nq57.ledger")
        #expect(ShellWord.quoted("Sổ NQ57.ledger") == "'Sổ NQ57.ledger'")
        #expect(ShellWord.quoted("x'$(touch PWNED)'.ledger") == #"'x'\''$(touch PWNED)'\''.ledger'"#)
        #expect(ShellWord.quoted("") == "''")
        #expect(ShellWord.quoted("-w.ledger") == "./-w.ledger", "not taken for an option")
    }

    @Test func keepsGoingAfterAnError() {
        let l = ledger(agencies + """
        2025-01-09T08:00+07:00 @vpcp frobnicate X
        2025-01-09T08:00+07:00 @vpcp assign A title="Việc một" lead=NOPE
        2025-01-09T08:00+07:00 @vpcp assign B title="Việc hai" lead=BKHCN

        """)
        #expect(l.errors.map(\.line) == [6, 7])
        #expect(l.board.tasks["B"] != nil)
    }

    @Test func incrementalIngestEqualsWholeLoad() {
        let text = "steer-ledger 1\n" + agencies + "2025-01-09T08:00+07:00 @vpcp assign A title=\"Việc một\" lead=BKHCN\n2025-01-10T08:00+07:00 @lan start A\n"
        let bytes = Array(text.utf8)
        let whole = Ledger.load(bytes, file: "f")
        for cut in stride(from: 1, to: bytes.count, by: 7) {
            var l = Ledger(file: "f")
            l.ingest(Array(bytes[..<cut]))
            l.ingest(Array(bytes[l.consumed...]))
            #expect(l.events == whole.events, "cut at \(cut)")
            #expect(l.isClean)
        }
    }

    @Test func printsEveryEventToOneLineThatParsesBack() {
        var rng = SplitMix64(seed: 57)
        let alphabet: [String] = ["a", "Z", "0", " ", "\"", "\\", "\n", "\r", "\t", "=", "#", "@", ",", "{", "}",
                                  "Đ", "ệ", "ữ", "e\u{301}", "中", "文", "😀", "👩‍💻", "\u{1b}", "\u{7}", "\u{0}", "\u{7f}", "\u{9b}",
                                  "\u{202e}", "\u{2028}", "\\u{41}", "\u{10FFFF}", "\u{FEFF}"]
        var cases = 0
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &rng) { text += alphabet.randomElement(using: &rng)! }
            let instant = Int.random(in: 1_700_000_000...1_800_000_000, using: &rng)
            let e = Event(time: Timestamp(instant: instant, offsetMinutes: [0, 420, -300, 345].randomElement(using: &rng)!),
                          actor: "lan", verb: .report, id: "T-\(cases)", fields: [Field(.note, text), Field(.progress, "5")])
            let line = LedgerPrinter.line(e)
            #expect(!line.contains("\n") && !line.unicodeScalars.contains(where: { Sanitizer.isUnsafe($0) }), "one safe line")
            let out = LedgerParser(file: "p").parse(Array(("steer-ledger 1\n" + line + "\n").utf8))
            #expect(out.diagnostics.isEmpty, "\(line)")
            #expect(out.events.first?.event == e, "round trip of \(line.debugDescription)")
            cases += 1
        }
        #expect(cases == 3000)
    }

    @Test func timestampsKeepTheirOffsetAndPrecision() throws {
        for text in ["2025-03-14T08:00+07:00", "2025-03-14T08:00:59Z", "1999-12-31T23:59-05:30"] {
            #expect(Timestamp.parse(text)?.description == text)
        }
        #expect(Timestamp.parse("2025-02-29T08:00Z") == nil)
        #expect(Timestamp.parse("2025-03-14T24:00Z") == nil)
        #expect(CivilDate("2024-02-29") != nil)
        #expect(CivilDate("2025-02-29") == nil)
        #expect(CivilDate("2025-03-31")!.adding(days: 1).description == "2025-04-01")
    }

    /// A parser that remembers the last date and zone it read reads every timestamp as one that
    /// does not: the same date and zone again (the remembered ones), a date or a zone one byte
    /// away from them, a date off the calendar, a time or zone out of range, or malformed after
    /// a good one, seconds before the same zone, and the good one after those.
    @Test func aRememberedDateReadsAsAFreshOne() {
        let texts = ["2025-03-14T08:00+07:00", "2025-03-14T17:45:10Z", "2025-03-15T08:00+07:00", "2025-03-14T08:00-05:00",
                     "2025-03-24T08:00+07:00", "2025-02-30T08:00+07:00", "2025-02-30T09:00+07:00", "2025-02-28T08:00+07:00",
                     "2025-02-28T24:00+07:00", "2025-02-2xT08:00+07:00", "2025-02-28T08:00+07:00", "2024-02-28T08:00+07:00",
                     "2025/02/28T08:00+07:00", "2025-02-28T08:00Z", "2025-02-28T08:00+07:00", "2025-02-28T08:60+07:00",
                     "2025-02-28T08:0x+07:00", "2025-02-28T08:00:05+07:00", "2025-02-28T08:00+07:30", "2025-02-28T09:15+07:30",
                     "2025-02-28T09:15+15:00", "2025-02-28T09:15+07:3x", "2025-02-28T09:15 07:30", "2025-02-28T23:59+07:30",
                     "2025-02-28T23:59-07:30"]
        var memo = Timestamp.DayMemo()
        for text in texts {
            let bytes = Array(text.utf8)
            let remembering = bytes.withUnsafeBufferPointer { Timestamp.parse($0, rememberingDay: &memo) }
            #expect(remembering == Timestamp.parse(bytes[...]), "\(text)")
        }
        // The same timestamp again, then one byte changed, at each of its 22 places in turn,
        // the good one read between: a timestamp remembered whole is compared whole.
        let good = Array("2025-03-14T08:05+07:00".utf8)
        for place in good.indices {
            for other in [UInt8(ascii: "1"), UInt8(ascii: "x")] where good[place] != other {
                var changed = good
                changed[place] = other
                for bytes in [good, good, changed] {
                    let remembering = bytes.withUnsafeBufferPointer { Timestamp.parse($0, rememberingDay: &memo) }
                    #expect(remembering == Timestamp.parse(bytes[...]), "\(String(decoding: bytes, as: UTF8.self))")
                }
            }
        }
    }

    /// Every verb and key of the format is recognised, and nothing else: not a prefix, not a
    /// longer word, not a word of another case, not the other table's words.
    @Test func theLexiconKnowsExactlyTheFormatsWords() {
        // Each token is looked up alone and inside lines, where its first eight bytes are read
        // as one word: both must agree.
        func lookup<T: Equatable>(_ t: String, _ find: (UnsafeBufferPointer<UInt8>, Range<Int>) -> T?) -> T? {
            let alone = Array(t.utf8).withUnsafeBufferPointer { find($0, 0..<$0.count) }
            for (before, after) in [("", ""), (" ", "=value and more"), ("@", " T-1"), ("", " tail"), ("x", "")] {
                let line = Array((before + t + after).utf8)
                let found = line.withUnsafeBufferPointer { find($0, before.utf8.count..<(before.utf8.count + t.utf8.count)) }
                #expect(found == alone, "`\(t)` in `\(before + t + after)`")
            }
            return alone
        }
        func verb(_ t: String) -> Verb? { lookup(t) { Lexicon.words.verb(in: $0, $1)?.verb } }
        func key(_ t: String) -> Key? { lookup(t) { Lexicon.words.key(in: $0, $1)?.key } }
        for v in Verb.allCases {
            #expect(verb(v.rawValue) == v)
            #expect(verb(v.rawValue + "s") == nil)
            #expect(verb(String(v.rawValue.dropLast())) == nil)
            #expect(verb(v.rawValue.uppercased()) == nil)
        }
        for k in Key.allCases {
            #expect(key(k.rawValue) == k)
            #expect(key(k.rawValue + "x") == nil)
            #expect(key(String(k.rawValue.dropLast())) == nil)
            // Words of both tables (`stage`, `agency`) are found in each; no other key is a verb.
            #expect(verb(k.rawValue) == Verb(rawValue: k.rawValue))
        }
        for v in Verb.allCases {
            #expect(key(v.rawValue) == Key(rawValue: v.rawValue))
        }
        for t in ["", "authorities", "authoritx", "progres", "assign ", "start\t"] {
            #expect(key(t) == nil && verb(t) == nil)
        }
    }

    /// A verb or a key read from the two words at its start (`Lexicon.Words.word`, no search
    /// for its end) is the word its token is: for every verb and key, for words that are not
    /// one, and for tokens with a blank or a stop inside, with the line ending right after the
    /// stop or running on. Where fewer than 16 bytes of the line are left, or the stop comes
    /// after nine bytes, it is left to the long way (nil).
    @Test func aWordReadFromItsWordsIsItsTokensWord() {
        let tokens = Verb.allCases.map(\.rawValue) + Key.allCases.map(\.rawValue)
            + ["", "a", "progres", "authoritx", "authorities", "sta ge", "sta\tge", "stage ", "x=y", "reassigns"]
        for token in tokens {
            for (stop, after) in [(" ", ""), (" ", "T-1 note=\"more than enough\""), ("=", ""), ("=", "\"Bộ Tài chính\" lead=BTC")] {
                let line = Array((token + stop + after).utf8)
                let stopByte = Character(stop).asciiValue!
                let found = line.withUnsafeBufferPointer { Lexicon.Words.word(at: 0, in: $0, endingAt: stopByte) }
                // The token up to its first stop, which may come inside it.
                let stopsAt = line.firstIndex(of: stopByte)!
                let word = String(decoding: line[..<stopsAt], as: UTF8.self)
                if line.count >= 16, stopsAt > 0, stopsAt <= 9 {
                    #expect(found?.1 == stopsAt, "`\(token)` before `\(stop)`")
                    #expect(found?.0 == Lexicon.PackedWord(word), "`\(token)` before `\(stop)`")
                } else {
                    #expect(found == nil, "`\(token)` before `\(stop)`")
                }
                // The lookups give the word before the line's first space or `=`, or nil for the
                // long way; never another.
                func before(_ b: UInt8) -> (word: String, at: Int)? {
                    line.firstIndex(of: b).map { (String(decoding: line[..<$0], as: UTF8.self), $0) }
                }
                let verb = line.withUnsafeBufferPointer { Lexicon.words.verbBeforeSpace(in: $0, at: 0) }
                let key = line.withUnsafeBufferPointer { Lexicon.words.keyBeforeEquals(in: $0, at: 0) }
                if let verb { #expect(verb.verb.verb.rawValue == before(32)?.word && verb.space == before(32)?.at) }
                if let key { #expect(key.key.key.rawValue == before(61)?.word && key.equals == before(61)?.at) }
                if line.count >= 16, let (w, _) = before(32), let v = Verb(rawValue: w) { #expect(verb?.verb.verb == v, "`\(w)`") }
                if line.count >= 16, let (w, _) = before(61), let k = Key(rawValue: w) { #expect(key?.key.key == k, "`\(w)`") }
            }
        }
    }

    /// A line stamped as the line before it is read from the stamp remembered when a space
    /// follows the stamp (`DayMemo.timestamp(startingAt:in:)`); after a tab, it is read afresh,
    /// to the same time; with a byte more, it is refused as any other malformed stamp.
    @Test func aLineStampedAsTheOneBeforeReadsAlike() throws {
        let stamp = "2025-03-14T08:05+07:00"
        let text = "steer-ledger 1\n"
            + "\(stamp) @vpcp agency A kind=ministry name=\"Bộ A\"\n"
            + "\(stamp) @vpcp agency B kind=ministry name=\"Bộ B\"\n"
            + "\(stamp)\t@vpcp agency C kind=ministry name=\"Bộ C\"\n"
            + "\(stamp)1 @vpcp agency D kind=ministry name=\"Bộ D\"\n"
            + "\(stamp) @vpcp agency E kind=ministry name=\"Bộ E\"\n"
        let out = LedgerParser(file: "f").parse(Array(text.utf8))
        let time = try #require(Timestamp.parse(stamp))
        #expect(out.events.map(\.event.id) == ["A", "B", "C", "E"])
        #expect(out.events.allSatisfy { $0.event.time == time })
        #expect(out.diagnostics.map(\.line) == [5])
        #expect(out.diagnostics.first?.message.hasPrefix("expected a timestamp like") == true)
    }

    /// The search for a token's, a key's or a value's end finds the first of its four bytes,
    /// wherever it lies in lines shorter than, as long as and longer than the 16 bytes tested
    /// at once, from every start before it, and the first of two.
    @Test func theFirstOfFourBytesIsFound() {
        for length in [1, 5, 15, 16, 17, 31, 32, 40] {
            for at in 0..<length {
                for c in [UInt8(ascii: "="), 32, 9, UInt8(ascii: "\\"), 0, 0x80, 0xFF, UInt8(ascii: "a")] {
                    var line = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
                    line[at] = c
                    let stops = c == UInt8(ascii: "=") || c == 32 || c == 9 || c == UInt8(ascii: "\\")
                    line.withUnsafeBufferPointer { b in
                        for from in [0, max(0, at - 1), at, min(length - 1, at + 1)] {
                            let expected = from <= at && stops ? at : length
                            let found = LineParser.find(UInt8(ascii: "="), 32, 9, UInt8(ascii: "\\"), in: b, from: from)
                            if found != expected { Issue.record("byte \(c) at \(at) of \(length), from \(from): \(found)") }
                        }
                        // From the end, and with a byte given twice (as the quote is).
                        #expect(LineParser.find(UInt8(ascii: "="), 32, 9, UInt8(ascii: "\\"), in: b, from: length) == length)
                        let twice = LineParser.find(c, 32, c, c, in: b, from: 0)
                        #expect(twice == (c == UInt8(ascii: "a") ? 0 : at), "\(c) twice, at \(at) of \(length)")
                        if at + 1 < length {
                            var two = Array(b)
                            two[at + 1] = 9
                            let found = two.withUnsafeBufferPointer { LineParser.find(UInt8(ascii: "="), 32, 9, UInt8(ascii: "\\"), in: $0, from: 0) }
                            if found != (stops ? at : at + 1) { Issue.record("two stops at \(at) of \(length): \(found)") }
                        }
                    }
                }
            }
        }
    }

    /// A name ends at the first byte that is not a letter, digit, '.', '_' or '-': for every
    /// byte, at every place in lines shorter than, as long as and longer than the 16 bytes
    /// tested at once, from every start before it.
    @Test func aNameEndsAtItsFirstOtherByte() {
        func isName(_ c: UInt8) -> Bool {
            (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c) || c == 46 || c == 95 || c == 45
        }
        #expect((UInt8.min...UInt8.max).count(where: isName) == 65)
        for length in [1, 5, 15, 16, 17, 31, 32, 40] {
            for at in 0..<length {
                for c in UInt8.min...UInt8.max {
                    var line = Array("Ab9.-_zZ0".utf8)
                    line = (0..<length).map { line[$0 % line.count] }
                    line[at] = c
                    let expectedEnd = isName(c) ? length : at
                    line.withUnsafeBufferPointer { b in
                        for from in [0, max(0, at - 1), at, min(length - 1, at + 1)] {
                            let expected = from > at ? length : expectedEnd
                            if LineParser.nameEnd(b, from: from) != expected {
                                Issue.record("byte \(c) at \(at) of \(length), from \(from): \(LineParser.nameEnd(b, from: from))")
                            }
                        }
                    }
                }
            }
        }
    }

    /// Quotes, escapes, spaces and tabs are found wherever they fall in the eight-byte words a
    /// value or a token is skimmed by.
    @Test func delimitersAreFoundAtEveryOffset() {
        let parser = LedgerParser(file: "x")
        for k in 0..<20 {
            let a = String(repeating: "a", count: k)
            let line = "2025-01-02T08:00+07:00 @vpcp report T-\(a)\tnote=\"\(a)\\\"bcd\\\\e\(a)\" progress=\(k)"
            let out = parser.parse(Array(("steer-ledger 1\n" + line + "\n").utf8))
            #expect(out.diagnostics.isEmpty, "offset \(k)")
            let e = out.events.first?.event
            #expect(e?.id == "T-\(a)" && e?[.note] == "\(a)\"bcd\\e\(a)" && e?[.progress] == "\(k)", "offset \(k)")
            let bad = "2025-01-02T08:00+07:00 @vpcp report T-1 note=\"\(a)\"x"
            let refused = parser.parse(Array(("steer-ledger 1\n" + bad + "\n").utf8))
            #expect(refused.diagnostics.first?.message == "expected a space after the closing quote", "offset \(k)")
            #expect(refused.diagnostics.first?.column == 48 + k, "offset \(k)")
            // A bare value (one that does not start with a quote) is refused at its first quote
            // or backslash, wherever it falls, and not for those of a quoted value after it.
            for stray in ["\"", "\\"] {
                let bare = "2025-01-02T08:00+07:00 @vpcp report T-1 note=x\(a)\(stray)b\(a) progress=5"
                let refused = parser.parse(Array(("steer-ledger 1\n" + bare + "\n").utf8))
                #expect(refused.diagnostics.first?.message == "a bare value cannot contain quotes or backslashes", "\(stray) at offset \(k)")
                #expect(refused.diagnostics.first?.column == 47 + k, "\(stray) at offset \(k)")
            }
            let beforeQuoted = "2025-01-02T08:00+07:00 @vpcp report T-1 progress=\(k) note=\"\(a)\\\"\\\\\""
            let accepted = parser.parse(Array(("steer-ledger 1\n" + beforeQuoted + "\n").utf8))
            #expect(accepted.diagnostics.isEmpty && accepted.events.first?.event[.note] == "\(a)\"\\", "offset \(k)")
        }
    }
}

import Crypto
import Foundation
import Glibc
import Testing
@testable import SteerCore

/// The fingerprint of `bytes`, all of them a ledger's first bytes, as one segment.
func fingerprint(_ bytes: UnsafeRawBufferPointer) -> PrefixFingerprint {
    var hasher = SegmentHasher()
    hasher.add(bytes)
    return PrefixFingerprint(segments: []).extended(by: hasher)
}

/// A snapshot must give back exactly the board a replay gives, and must be refused whenever it
/// cannot be trusted: damaged, of another file, stale, someone else's.
@Suite struct SnapshotTests {
    static let fixtureBytes: [UInt8] = [UInt8](try! Data(contentsOf: fixture("Fixtures/nq57.ledger")))

    static func snapshot(of bytes: [UInt8], retention: EventRetention = .boardOnly) -> Snapshot? {
        let l = Ledger.load(bytes, file: "f.ledger", retention: retention)
        return bytes.withUnsafeBytes { Snapshot(of: l, prefix: fingerprint(UnsafeRawBufferPointer(rebasing: $0[0..<l.consumed]))) }
    }

    static func decode(_ bytes: [UInt8]) -> Snapshot? { file(bytes)?.whole() }

    /// A reader of `bytes` as a snapshot file; nil when it refuses them.
    static func file(_ bytes: [UInt8]) -> SnapshotFile? {
        let path = NSTemporaryDirectory() + "steer-snapshot-\(UUID().uuidString)"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { unlink(path) }
        let fd = Glibc.open(path, O_RDONLY)
        guard let file = SnapshotFile(fd: fd) else {
            close(fd)
            return nil
        }
        return file
    }

    static func expectSameBoard(_ a: Board, _ b: Board, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.tasks.inOrder == b.tasks.inOrder, sourceLocation: sourceLocation)
        #expect(a.agencies == b.agencies && a.agencyOrder == b.agencyOrder, sourceLocation: sourceLocation)
        #expect(a.members == b.members && a.config == b.config && a.lastTime == b.lastTime, sourceLocation: sourceLocation)
        #expect(a.tasks.inOrder.allSatisfy { b.tasks[$0.id] == $0 }, "found by id", sourceLocation: sourceLocation)
    }

    @Test func aSnapshotReadsBackAsTheBoardItWasMadeFrom() throws {
        let replayed = Ledger.load(Self.fixtureBytes, file: "f.ledger")
        let s = try #require(Self.snapshot(of: Self.fixtureBytes))
        let bytes = s.encoded()
        #expect(bytes == s.encoded(), "the same board always gives the same bytes")
        let back = try #require(Self.decode(bytes))
        #expect(back.prefix == s.prefix && back.lineCount == replayed.lineCount && back.eventCount == replayed.eventCount)
        Self.expectSameBoard(back.board, replayed.latest)
        let restored = try #require(Ledger(restoring: back, file: "f.ledger"))
        #expect(restored.consumed == replayed.consumed && restored.isClean && !restored.expectsHeader)
    }

    /// Tasks are written in runs decoded on every core: many runs, the last one short, come back
    /// in order, with lists of agencies of none, one and two.
    @Test func aBoardOfManyRunsReadsBackInOrder() throws {
        var text = """
            steer-ledger 1
            2025-01-02T08:00+07:00 @vpcp agency BKHCN kind=ministry name="Bộ Khoa học và Công nghệ"
            2025-01-02T08:00+07:00 @vpcp agency BTC kind=ministry name="Bộ Tài chính"\n
            """
        let agencies = ["lead=BKHCN", "lead=BKHCN,BTC", "lead=BTC support=BKHCN", ""]
        for i in 0..<(2 * SnapshotFile.tasksPerRun + 17) {
            text += "2025-01-03T08:00+07:00 @vpcp assign T-\(i) title=\"Việc số \(i)\" \(agencies[i % agencies.count]) due=2025-03-\(10 + i % 18)\n"
        }
        let bytes = Array(text.utf8)
        let replayed = Ledger.load(bytes, file: "f.ledger")
        let snapshot = try #require(Self.snapshot(of: bytes))
        let back = try #require(Self.decode(snapshot.encoded()))
        #expect(back.board.tasks.count == 2 * SnapshotFile.tasksPerRun + 17)
        Self.expectSameBoard(back.board, replayed.latest)
        // A list of one agency is one list, whichever run its tasks were decoded from.
        let lists = Set(back.board.tasks.inOrder.filter { $0.leads == ["BKHCN"] }.map { $0.leads.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } })
        #expect(lists.count == 1)
    }

    /// Replaying the lines after a snapshot gives what replaying the whole file gives, line
    /// numbers of later errors included.
    @Test func replayingTheTailAfterASnapshotEqualsReplayingTheWhole() throws {
        let bytes = Self.fixtureBytes
        let cut = bytes.indices.filter { bytes[$0] == 10 }[2000] + 1
        let head = Array(bytes[0..<cut])
        let tail = Array(bytes[cut...]) + Array("2025-12-31T08:00+07:00 @vpcp frobnicate X\n".utf8)
        let s = try #require(Self.snapshot(of: head))
        let decoded = try #require(Self.decode(s.encoded()))
        var resumed = try #require(Ledger(restoring: decoded, file: "f.ledger"))
        resumed.ingest(tail)
        let whole = Ledger.load(head + tail, file: "f.ledger")
        Self.expectSameBoard(resumed.latest, whole.latest)
        #expect(resumed.eventCount == whole.eventCount && resumed.lineCount == whole.lineCount)
        #expect(resumed.allDiagnostics.map { $0.rendered() } == whole.allDiagnostics.map { $0.rendered() })
        #expect(resumed.allDiagnostics.count == 1)
    }

    @Test func onlyACleanLedgerGivesASnapshot() {
        #expect(Self.snapshot(of: Array("steer-ledger 1\n2025-01-02T08:00+07:00 @vpcp frobnicate X\n".utf8)) == nil)
        #expect(Self.snapshot(of: Array("steer-ledger 1\n2025-01-02T08:00+07:00 @vpcp start X".utf8)) == nil, "a torn tail")
        #expect(Self.snapshot(of: Array("# nothing yet\n".utf8)) == nil, "no version line")
    }

    /// A board as of a day before the snapshot's last event cannot start from it.
    @Test func aSnapshotPastTheDayAskedForIsNotUsed() throws {
        let s = try #require(Self.snapshot(of: Self.fixtureBytes))
        let last = try #require(s.lastDay)
        #expect(last == date("2025-12-31"))
        #expect(Ledger(restoring: s, file: "f", asOf: CivilDate(daysSinceEpoch: last.daysSinceEpoch - 1)) == nil)
        #expect(Ledger(restoring: s, file: "f", asOf: last) != nil)
    }

    /// Each event's day is judged in the zone in force before it, as replay judges it: after the
    /// zone moves west, the last event can fall on an earlier day than one before it, and the
    /// snapshot must still not serve a day the earlier event is past.
    @Test func aZoneChangeDoesNotLetASnapshotServeADayItIsPast() throws {
        let text = """
            steer-ledger 1
            2026-03-01T08:00+07:00 @vpcp agency BKHCN kind=ministry name="Bộ Khoa học và Công nghệ"
            2026-03-02T00:30+07:00 @vpcp assign T1 title="Việc" lead=BKHCN
            2026-03-02T00:31+07:00 @vpcp config ledger tz=+00:00

            """
        let bytes = Array(text.utf8)
        let s = try #require(Self.snapshot(of: bytes))
        #expect(s.lastDay == date("2026-03-02"))
        #expect(Ledger(restoring: s, file: "f", asOf: date("2026-03-01")) == nil)
        let asOfFirst = Ledger.load(bytes, file: "f", asOf: date("2026-03-01"))
        #expect(asOfFirst.board.tasks["T1"] == nil, "T1 came after the end of 1 March in +07:00")
    }

    /// The screen's snapshot keeps where each task's event lines start; the reports' does not.
    @Test func aSnapshotKeepsTheHistoriesWhenTheLedgerKeptThemOnTheFile() throws {
        let onFile = Ledger.load(Self.fixtureBytes, file: "f.ledger", retention: .historiesOnFile)
        let s = try #require(Self.snapshot(of: Self.fixtureBytes, retention: .historiesOnFile))
        #expect(s.hasHistories)
        let bytes = s.encoded()
        #expect(bytes == s.encoded(), "the same histories always give the same bytes")
        let back = try #require(Self.decode(bytes))
        #expect(back.hasHistories)
        Self.expectSameBoard(back.board, onFile.latest)
        for t in onFile.latest.tasks.inOrder {
            #expect(back.board.tasks.history(of: t.id) == onFile.historyPlaces(of: t.id), "\(t.id)")
        }
        let restored = try #require(Ledger(restoring: back, file: "f.ledger"))
        #expect(restored.retention == .historiesOnFile && restored.eventsFrom == onFile.eventCount)

        let boardOnly = try #require(Self.snapshot(of: Self.fixtureBytes))
        let reports = try #require(Self.decode(boardOnly.encoded()))
        #expect(!reports.hasHistories && !reports.board.tasks.keepsHistories, "a board-only snapshot has no histories to give")
        #expect(try #require(Ledger(restoring: reports, file: "f.ledger")).retention == .boardOnly)
        // Events kept in memory are numbered, not placed in the file: such numbers are not kept.
        #expect(try #require(Self.snapshot(of: Self.fixtureBytes, retention: .everyEvent)).hasHistories == false)
    }

    /// A histories block whose digest matches but whose numbers do not hold together (written
    /// on purpose) is refused: marks past the ledger's prefix or out of file order, more events
    /// than the ledger had, bytes left over.
    @Test func historiesThatDoNotHoldTogetherAreRefused() {
        func decode(tasks: Int = 2, prefix: Int = 1000, events: Int = 5, _ write: (inout SnapshotWriter) -> Void) -> Histories? {
            var w = SnapshotWriter()
            write(&w)
            return w.bytes.withUnsafeBytes { b in
                var r = SnapshotReader(b)
                return try? Histories(decoding: &r, tasks: tasks, prefix: prefix, events: events)
            }
        }
        func counts(_ marks: [[Int]]) -> (inout SnapshotWriter) -> Void {
            { w in
                for task in marks {
                    w.count(task.count)
                    var before = 0
                    for m in task { w.count(m - before); before = m }
                }
            }
        }
        let good = decode(counts([[15, 400, 900], [20, 30]]))
        #expect(good?.marks(of: 0) == [15, 400, 900] && good?.marks(of: 1) == [20, 30])
        #expect(decode(counts([[15, 1000], [20]])) == nil, "a line starting past the prefix")
        #expect(decode(counts([[15, 15], [20]])) == nil, "two events of one line")
        #expect(decode(events: 4, counts([[15, 400, 900], [20, 30]])) == nil, "more events than the ledger had")
        #expect(decode(counts([[15]])) == nil, "a task missing")
        #expect(decode(counts([[15, 400], []])) == nil, "a task without its assignment")
        #expect(decode(counts([[20, 400], [15]])) == nil, "tasks out of the order of their assignments")
        #expect(decode { w in counts([[15], [20]])(&w); w.count(0) } == nil, "bytes left over")
        #expect(decode { w in w.count(1); w.count(1 << 62) } == nil, "a distance past any prefix")
    }

    /// Every cut and every changed byte is refused; none crashes the reader.
    @Test(arguments: [EventRetention.boardOnly, .historiesOnFile])
    func aDamagedSnapshotIsRefused(_ retention: EventRetention) throws {
        let small = Array("""
            steer-ledger 1
            2025-01-02T08:00+07:00 @vpcp agency BKHCN kind=ministry name="Bộ Khoa học và Công nghệ"
            2025-01-03T08:00+07:00 @vpcp assign T-1 title="Kế hoạch" lead=BKHCN due=2025-03-31
            2025-01-04T08:00+07:00 @vpcp extend T-1 due=2025-04-30 reason="Chờ ý kiến"

            """.utf8)
        let bytes = try #require(Self.snapshot(of: small, retention: retention)).encoded()
        #expect(Self.decode(bytes)?.hasHistories == (retention == .historiesOnFile))
        for n in 0..<bytes.count { #expect(Self.decode(Array(bytes[0..<n])) == nil) }
        for i in bytes.indices {
            var flipped = bytes
            flipped[i] ^= 0x20
            #expect(Self.decode(flipped) == nil, "byte \(i)")
        }
        #expect(Self.decode(bytes + [0]) == nil, "trailing bytes")
    }

    /// A snapshot's texts are read as the standard library would read them: the same String for
    /// UTF-8 (control bytes, which the fast check leaves to it, included), nil for anything
    /// else, at every length around the check's 16- and 32-byte blocks, with more of the file
    /// after the text (short ones are read a word at a time) and without.
    @Test func aSnapshotsTextIsReadAsTheStandardLibraryReadsIt() {
        var random = SplitMix64(seed: 61)
        let pieces: [[UInt8]] = ["Kế hoạch", "Bộ Khoa học và Công nghệ", "x", "\t", "\u{1b}[2J", "😀", "e\u{0301}"].map { Array($0.utf8) }
            + [[0x80], [0xE1, 0xBA], [0xED, 0xA0, 0x80], [0x7F], [0x00], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xFF]]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                bytes += Int.random(in: 0..<6, using: &random) == 0 ? pieces.randomElement(using: &random)! : pieces.prefix(3).randomElement(using: &random)!
            }
            let expected = bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
            let followed = bytes + Array(repeating: 0xFF, count: 16)
            for read in [bytes.withUnsafeBufferPointer { SnapshotReader.text($0, 0..<bytes.count) },
                         followed.withUnsafeBufferPointer { SnapshotReader.text($0, 0..<bytes.count) }] {
                #expect(read.map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "\(bytes)")
                #expect(read == expected)
            }
        }
    }

    /// A file written on purpose, its digests made to match, is refused all the same: text that
    /// is not UTF-8, and numbers that no arithmetic may be done with.
    @Test func aSnapshotWrittenOnPurposeIsRefusedNotTrusted() throws {
        let small = Array("steer-ledger 1\n2025-01-02T08:00+07:00 @vpcp agency BKHCN kind=ministry name=\"Bộ\"\n2025-01-03T08:00+07:00 @vpcp assign T-1 title=\"Kế hoạch ZZZZ\" lead=BKHCN\n".utf8)
        var bytes = try #require(Self.snapshot(of: small)).encoded()
        #expect(Self.decode(bytes) != nil)
        // Invalid UTF-8 in the title, the run's digest and the head's made again.
        let located: (Int, Int)? = bytes.withUnsafeBytes { b in
            var r = SnapshotReader(b)
            do throws(SnapshotReader.Damaged) {
                _ = try r.raw(Snapshot.magic.count)
                _ = try r.count()
                let length = try r.count()
                return (r.position, length)
            } catch {
                return nil
            }
        }
        let (digestAt, headLength) = try #require(located)
        let headAt = digestAt + 32
        let runAt = headAt + headLength
        let z = try #require(bytes[runAt...].firstRange(of: Array("ZZZZ".utf8)))
        let oldRun = Array(bytes[runAt..<bytes.count - SnapshotFile.idEntryBytes])
        bytes[z.lowerBound] = 0xFF
        let newRun = Array(bytes[runAt..<bytes.count - SnapshotFile.idEntryBytes])
        let oldDigest = Array(SHA256.hash(data: oldRun)), newDigest = Array(SHA256.hash(data: newRun))
        let d = try #require(bytes[headAt..<runAt].firstRange(of: oldDigest))
        bytes.replaceSubrange(d, with: newDigest)
        bytes.replaceSubrange(digestAt..<headAt, with: Array(SHA256.hash(data: Array(bytes[headAt..<runAt]))))
        #expect(Self.file(bytes) != nil, "the head is good")
        #expect(Self.decode(bytes) == nil, "the title is not UTF-8")

        // Heads whose numbers would overflow: a task count, a prefix's length, a line count.
        func head(taskCount: Int, segment: Int, lines: Int) -> [UInt8] {
            var h = SnapshotWriter()
            h.array([segment]) { w, length in w.count(length); w.raw(Array(repeating: UInt8(0), count: 32)) }
            h.count(lines)
            h.count(0)
            h.optional(CivilDate?.none) { _, _ in }
            Board().encodeDeclarations(into: &h)
            h.array([String]()) { w, s in w.string(s) }
            h.count(taskCount)
            h.array([Int]()) { w, v in w.int(v) }
            h.array([[UInt8]]()) { _, _ in }
            var f = SnapshotWriter()
            f.raw(Snapshot.magic)
            f.count(Snapshot.formatVersion)
            f.count(h.bytes.count)
            f.raw(SHA256.hash(data: h.bytes))
            f.raw(h.bytes)
            return f.bytes
        }
        #expect(Self.file(head(taskCount: 0, segment: 0, lines: 0)) == nil, "no id index block")
        #expect(Self.file(head(taskCount: Int.max - 10, segment: 0, lines: 0)) == nil)
        #expect(Self.file(head(taskCount: 0, segment: Int.max - 10, lines: 0)) == nil)
        #expect(Self.file(head(taskCount: 0, segment: 0, lines: Int.max - 10)) == nil)
    }

    /// A fingerprint taken from bytes as they were read, in segments and in pieces of any size,
    /// matches the file that holds them, and no file that differs in any byte of them.
    @Test func aFingerprintMatchesExactlyTheFileItWasTakenFrom() throws {
        let path = NSTemporaryDirectory() + "steer-fp-\(UUID().uuidString)"
        // More than one 4 MiB block, and not a multiple of it.
        let bytes = (0..<(9 << 20) + 123).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 13) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { unlink(path) }
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let whole = bytes.withUnsafeBytes { fingerprint($0) }
        #expect(whole.matches(fd: fd) && whole.length == bytes.count)
        // Two segments, the first fed in uneven pieces that straddle the 4 MiB blocks.
        var first = SegmentHasher(), second = SegmentHasher()
        bytes.withUnsafeBytes { b in
            for cut in stride(from: 0, to: 6 << 20, by: 1_000_003) { first.add(UnsafeRawBufferPointer(rebasing: b[cut..<min(cut + 1_000_003, 6 << 20)])) }
            second.add(UnsafeRawBufferPointer(rebasing: b[(6 << 20)...]))
        }
        let segmented = PrefixFingerprint(segments: []).extended(by: first).extended(by: second)
        #expect(segmented.segments.count == 2 && segmented.length == bytes.count && segmented.matches(fd: fd))
        let prefixOnly = PrefixFingerprint(segments: []).extended(by: first)
        #expect(prefixOnly.matches(fd: fd), "the file may have grown since")
        let longer = bytes.withUnsafeBytes { fingerprint($0) }.extended(by: second)
        #expect(!longer.matches(fd: fd), "past the end of the file")
        var changed = bytes
        changed[5 << 20] ^= 1
        let other = changed.withUnsafeBytes { fingerprint($0) }
        #expect(other != whole && !other.matches(fd: fd))
        #expect(!PrefixFingerprint(segments: [PrefixFingerprint.Segment(length: 10, digest: Array(repeating: 0, count: 32))]).matches(fd: fd))
    }
}

/// The journal starts from a snapshot only when the file still begins with its lines, and the
/// board it shows is always the one a full replay shows.
@Suite struct SnapshotJournalTests {
    let dir = scratchDirectory("snap")
    var path: String { dir + "/t.ledger" }
    var store: SnapshotStore { SnapshotStore(directory: dir + "/cache/steer", refreshAfterBytes: 0) }

    func write(_ bytes: [UInt8]) { #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes))) }
    func append(_ text: String) throws {
        let h = try #require(FileHandle(forWritingAtPath: path))
        h.seekToEndOfFile()
        h.write(Data(text.utf8))
        try h.close()
    }
    func open() throws -> FileJournal { try FileJournal(path: path, retention: .boardOnly, snapshots: store) }
    func replayed() -> Ledger { Ledger.load([UInt8](FileManager.default.contents(atPath: path)!), file: path) }

    @Test func theSecondReaderStartsFromTheFirstOnesSnapshot() throws {
        write(SnapshotTests.fixtureBytes)
        let first = try open()
        #expect(!first.restoredFromSnapshot)
        var st = stat()
        #expect(lstat(dir + "/cache/steer", &st) == 0 && st.st_mode & 0o777 == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/cache/steer")
        #expect(files.count == 1 && files[0].hasSuffix(".snapshot"))
        #expect(lstat(dir + "/cache/steer/" + files[0], &st) == 0 && st.st_mode & 0o777 == 0o600)

        try append("2026-01-05T08:00+07:00 @vpcp assign LATE-1 title=\"Việc mới\" lead=BKHCN due=2026-01-31\n")
        let second = try open()
        #expect(second.restoredFromSnapshot)
        SnapshotTests.expectSameBoard(second.ledger.latest, replayed().latest)
        #expect(second.ledger.latest.tasks["LATE-1"] != nil)
        #expect(second.ledger.eventCount == replayed().eventCount)

        // The second reader left a snapshot of two segments: the first one's and the line after it.
        let snapshot = try #require(store.open(for: path)?.whole())
        #expect(snapshot.prefix.segments.count == 2 && snapshot.prefix.length == second.ledger.consumed)
        // A line this journal appends itself is taken in as written, and fingerprinted with the rest.
        try second.append { _ in [Event(time: Timestamp.parse("2026-01-06T08:00+07:00")!, actor: "vpcp", verb: .start, id: "LATE-1")] }
        try append("2026-01-07T08:00+07:00 @vpcp report LATE-1 progress=10\n")
        try second.refresh()
        let third = try open()
        #expect(third.restoredFromSnapshot)
        SnapshotTests.expectSameBoard(third.ledger.latest, replayed().latest)
        #expect(third.ledger.latest.tasks["LATE-1"]?.progress == 10)
        let last = try #require(store.open(for: path)?.whole())
        #expect(last.prefix.segments.count == 3 && last.prefix.length == third.ledger.consumed)
    }

    /// An edit of a line the snapshot stands for (same size, same file) is seen.
    @Test func anEditedLedgerIsReplayedNotTakenFromTheSnapshot() throws {
        write(SnapshotTests.fixtureBytes)
        _ = try open()
        var bytes = SnapshotTests.fixtureBytes
        // A lower-case ASCII letter of a title half-way down becomes another: a different title.
        let title = try #require(bytes.indices.first { $0 > bytes.count / 2 && bytes[$0...].starts(with: Array("title=\"".utf8)) })
        let at = try #require((title + 7..<bytes.count).first { (97...121).contains(bytes[$0]) })
        bytes[at] += 1
        let fd = Glibc.open(path, O_WRONLY)
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress!, $0.count, 0) }
        close(fd)
        let reader = try open()
        #expect(!reader.restoredFromSnapshot)
        SnapshotTests.expectSameBoard(reader.ledger.latest, replayed().latest)
        #expect(try open().restoredFromSnapshot, "a new snapshot was left for the edited file")
    }

    @Test func aDamagedOrForeignSnapshotIsNotUsed() throws {
        write(SnapshotTests.fixtureBytes)
        _ = try open()
        let file = try #require(store.file(for: path))
        var bytes = try #require(FileManager.default.contents(atPath: file))
        bytes[bytes.count / 2] ^= 1
        try bytes.write(to: URL(fileURLWithPath: file))
        #expect(try !open().restoredFromSnapshot)
        #expect(try open().restoredFromSnapshot, "written again")
        // A directory others may write to is nobody's private cache.
        chmod(dir + "/cache/steer", 0o777)
        #expect(try !open().restoredFromSnapshot)
        chmod(dir + "/cache/steer", 0o700)
        chmod(file, 0o644)
        #expect(try !open().restoredFromSnapshot, "a snapshot others could have replaced")
    }

    /// A temporary file left by a writer killed while saving is removed by the next save; one
    /// of a live process is not.
    @Test func abandonedTemporaryFilesAreRemoved() throws {
        write(SnapshotTests.fixtureBytes)
        _ = try open()
        let file = try #require(store.file(for: path))
        let abandoned = file + ".2147483646.tmp", live = file + ".1.tmp"
        for f in [abandoned, live] { #expect(FileManager.default.createFile(atPath: f, contents: Data([1, 2, 3]))) }
        try append("2026-01-05T08:00+07:00 @vpcp assign LATE-2 title=\"Việc\" lead=BKHCN\n")
        _ = try open()
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: live), "pid 1 is alive")
        #expect(try open().restoredFromSnapshot)
    }

    /// A store whose clock says the ledger's last change is long past.
    var noting: SnapshotStore { SnapshotStore(directory: dir + "/cache/steer", refreshAfterBytes: 0, clock: { Int64.max / 2 }) }

    /// After a check by hashing, a note of the ledger's status lets the next reader skip the
    /// hashing; any write changes the status, and the file is hashed (and refused) again.
    @Test func aNoteOfTheLedgersStatusStandsForTheHashingUntilTheFileChanges() throws {
        write(SnapshotTests.fixtureBytes)
        _ = try FileJournal(path: path, retention: .boardOnly, snapshots: noting)
        let note = try #require(noting.file(for: path)).appending(".checked")
        #expect(!FileManager.default.fileExists(atPath: note), "the writer of a snapshot hashed nothing")
        #expect(try FileJournal(path: path, retention: .boardOnly, snapshots: noting).restoredFromSnapshot)
        let written = try #require(CheckedNote(reading: note))
        let fd = Glibc.open(path, O_RDONLY)
        defer { close(fd) }
        #expect(written.status == FileStatus(fd))
        #expect(try FileJournal(path: path, retention: .boardOnly, snapshots: noting).restoredFromSnapshot)

        // The note is the proof: one naming the file's present status is believed as it is.
        var bytes = SnapshotTests.fixtureBytes
        let at = try #require(bytes.indices.first { $0 > bytes.count / 2 && (97...121).contains(bytes[$0]) })
        bytes[at] += 1
        let writer = Glibc.open(path, O_WRONLY)
        _ = bytes.withUnsafeBytes { pwrite(writer, $0.baseAddress!, $0.count, 0) }
        close(writer)
        let snapshot = try #require(noting.open(for: path))
        #expect(!noting.ledger(fd, at: path, matches: snapshot), "an edit in place changes the status: hashed and refused")
        noting.write(CheckedNote(snapshot: snapshot.headDigest, status: try #require(FileStatus(fd))).bytes, to: note)
        #expect(noting.ledger(fd, at: path, matches: snapshot))
        noting.write(CheckedNote(snapshot: Array(repeating: 0, count: 32), status: try #require(FileStatus(fd))).bytes, to: note)
        #expect(!noting.ledger(fd, at: path, matches: snapshot), "a note of another snapshot")
    }

    /// Something else at the note's path (a FIFO no one writes to) is not read: the check
    /// neither hangs nor believes it, and hashes.
    @Test func aNoteThatIsNotAFileIsIgnored() throws {
        write(SnapshotTests.fixtureBytes)
        _ = try FileJournal(path: path, retention: .boardOnly, snapshots: noting)
        let note = try #require(noting.file(for: path)) + ".checked"
        #expect(mkfifo(note, 0o600) == 0)
        let fd = Glibc.open(path, O_RDONLY)
        defer { close(fd) }
        #expect(noting.ledger(fd, at: path, matches: try #require(noting.open(for: path))))
    }

    /// A file changed within the last seconds is hashed every time: a write in the same tick
    /// of the kernel's clock could leave the same status.
    @Test func aLedgerChangedJustNowGetsNoNote() throws {
        write(SnapshotTests.fixtureBytes)
        let now = SnapshotStore(directory: dir + "/cache/steer", refreshAfterBytes: 0, clock: {
            var t = timespec()
            clock_gettime(CLOCK_REALTIME, &t)
            return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
        })
        _ = try FileJournal(path: path, retention: .boardOnly, snapshots: now)
        #expect(try FileJournal(path: path, retention: .boardOnly, snapshots: now).restoredFromSnapshot)
        #expect(!FileManager.default.fileExists(atPath: try #require(now.file(for: path)) + ".checked"))
    }

    @Test func aBoardAsOfAnEarlierDayIsReplayed() throws {
        write(SnapshotTests.fixtureBytes)
        _ = try open()
        let reader = try FileJournal(path: path, asOf: date("2025-06-15"), retention: .boardOnly, snapshots: store)
        #expect(!reader.restoredFromSnapshot)
        let expected = Ledger.load(SnapshotTests.fixtureBytes, file: path, asOf: date("2025-06-15"))
        SnapshotTests.expectSameBoard(reader.ledger.board, expected.board)
    }

    @Test func aLedgerKeepingEveryEventIgnoresSnapshots() throws {
        write(SnapshotTests.fixtureBytes)
        _ = try open()
        let full = try FileJournal(path: path, retention: .everyEvent, snapshots: store)
        #expect(!full.restoredFromSnapshot && full.ledger.events.count == full.ledger.eventCount)
    }
}

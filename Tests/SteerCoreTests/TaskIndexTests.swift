import Testing
@testable import SteerCore
import CIDHash

/// The task index files ids by hash: ids whose hashes collide, whole or in part, must still be
/// told apart by their bytes, before and after the index grows.
@Suite struct TaskIndexTests {
    static func tasks(_ ids: [String]) -> [Assignment] {
        ids.map { Assignment(id: $0, assignedAt: Timestamp(instant: 0, offsetMinutes: 0)) }
    }

    @Test func idsOfOneHashAreToldApartByTheirBytes() {
        let tasks = Self.tasks(["A", "B", "C"])
        var index = TaskIndex()
        for _ in tasks { index.append(hash: 42) }
        tasks.withUnsafeBufferPointer { t in
            #expect(index.position(of: "A", hash: 42, in: t) == 0)
            #expect(index.position(of: "C", hash: 42, in: t) == 2)
            #expect(index.position(of: "D", hash: 42, in: t) == nil)
        }
        #expect(index.candidate(42) == 0, "the first of the hash, to be confirmed by its id")
        #expect(index.candidate(7) == nil)
    }

    /// Hashes that differ only above the bits that choose the slot share a first slot; hashes
    /// that differ only in those bits share a tag.
    @Test func everyTaskIsFoundAfterTheIndexGrows() {
        let ids = (0..<1000).map { "T-\($0)" }
        let tasks = Self.tasks(ids)
        func hash(_ i: Int) -> Int { i % 2 == 0 ? (i << 40) | 5 : i % 97 }
        var index = TaskIndex()
        for i in ids.indices {
            if index.isFull { index.reserve(i + 1, rehash: hash) }
            index.append(hash: hash(i))
        }
        #expect(index.count == 1000)
        tasks.withUnsafeBufferPointer { t in
            for i in ids.indices { #expect(index.position(of: ids[i], hash: hash(i), in: t) == i) }
            #expect(index.position(of: "T-1000", hash: hash(1000), in: t) == nil)
        }
    }

    /// Hashes that differ only in their top six bits (a slot's tag) share a first slot; each
    /// is the candidate of its own hash, before and after the index grows and places them again
    /// by their hashes taken anew.
    @Test func tagsSurviveTheIndexGrowing() {
        let hashes = (0..<64).map { Int(bitPattern: UInt($0) << 58 | 5) }
        var index = TaskIndex()
        for (i, h) in hashes.enumerated() {
            if index.isFull { index.reserve(i + 1) { hashes[$0] } }
            index.append(hash: h)
        }
        #expect(hashes.indices.allSatisfy { index.candidate(hashes[$0]) == $0 })
        index.reserve(10_000) { hashes[$0] }
        #expect(hashes.indices.allSatisfy { index.candidate(hashes[$0]) == $0 })
        #expect(index.candidate(6) == nil)
    }

    /// Room made ahead, then tasks added one by one past it: every one is found.
    @Test func aReservedTableFindsWhatIsAddedPastItsRoom() {
        var table = TaskTable(keepsHistories: false)
        table.reserve(10)
        let tasks = Self.tasks((0..<300).map { "T-\($0)" })
        for t in tasks { table.add(id: t.id, assignedAt: t.assignedAt, event: 0) }
        #expect(tasks.indices.allSatisfy { table.position(of: tasks[$0].id) == $0 })
        #expect(table.position(of: "T-300") == nil)
    }

    /// Room made for the tasks a ledger's size promises takes the fewest slots that leave a
    /// quarter empty (every slot is resident memory), and holds that many tasks without growing.
    @Test(arguments: [10, 1000, 132_000, 196_608])
    func roomForTasksLeavesAQuarterOfTheSlotsEmpty(tasks: Int) {
        var index = TaskIndex()
        func hash(_ i: Int) -> Int { i == tasks ? -1 : i &* 0x9E37_79B9 }
        index.reserve(tasks, rehash: hash)
        let slots = index.slotCount
        #expect(4 * tasks <= 3 * slots && 4 * tasks > 3 * (slots / 2), "\(slots) slots for \(tasks) tasks")
        for i in 0..<tasks { index.append(hash: hash(i)) }
        #expect(index.slotCount == slots)
        if index.isFull { index.reserve(tasks + 1, rehash: hash) }
        index.append(hash: -1)
        #expect(index.slotCount == slots * 2 || 4 * (tasks + 1) <= 3 * slots)
    }

    /// Ids are their bytes: a Kelvin sign is not a K, though Unicode takes the one for the other.
    @Test func idsAreComparedAsBytes() {
        var table = TaskTable(keepsHistories: false)
        table.add(id: "NQ57-K", assignedAt: Timestamp(instant: 0, offsetMinutes: 0), event: 0)
        #expect(table.position(of: "NQ57-K") == 0)
        #expect(table.position(of: "NQ57-\u{212A}") == nil)
        #expect(!IDHash.same("NQ57-K", "NQ57-\u{212A}") && IDHash.same("NQ57-K", "NQ57-" + "K"))
    }

    /// Replay hands the table a likely position; a wrong or missing one must not mislead it.
    @Test func aWrongCandidateIsCheckedAgainstTheId() throws {
        var table = TaskTable(keepsHistories: false)
        for t in Self.tasks(["A", "B"]) { table.add(id: t.id, assignedAt: t.assignedAt, event: 0) }
        let b = IDHash.of("B")
        #expect(table.position(of: "B", TaskLookup(hash: b, candidate: 0)) == 1)
        #expect(table.position(of: "B", TaskLookup(hash: b, candidate: nil)) == 1)
        #expect(table.position(of: "C", TaskLookup(hash: IDHash.of("C"), candidate: 1)) == nil)
        #expect(table.position(of: "A", nil) == 0)
        #expect(TaskTable(restoring: Self.tasks(["A", "B", "A"])) == nil, "an id twice is refused")
    }

    /// Where the processor has no AES rounds, the id hash is SipHash-1-3: under the key 0, 0 it
    /// gives what CPython's `hash(bytes)` gives with PYTHONHASHSEED=0 (`python3 -c "print(hash(b'a')
    /// & (2**64 - 1))"`); under another key, what the reference algorithm gives, written out in
    /// Python. Lengths below, at and past a word and past two: the tail and the length byte are
    /// where it goes wrong.
    @Test(arguments: [
        ("a", 0, 0, 4644417185603328019 as UInt64),
        ("abcdefgh", 0, 0, 4574395652268504554),
        ("NQ214-0000058", 0, 0, 6237234067740997658),
        ("NQ57-BKHCN-01-extra-long-id", 0, 0, 5158414909911600380),
        ("NQ57-Bộ", 0x0706050403020100, 0x0F0E0D0C0B0A0908, 18058017176464619045),
    ] as [(String, UInt64, UInt64, UInt64)])
    func theFallbackIdHashIsSipHash13(id: String, k0: UInt64, k1: UInt64, expected: UInt64) {
        let hash = Array(id.utf8).withUnsafeBufferPointer { steer_siphash13($0.baseAddress, $0.count, k0, k1) }
        #expect(hash == expected)
    }

    /// An id's hash is of its bytes alone, wherever they lie (here with other bytes around them,
    /// which a read past either end would take in), and every byte, the length and the key
    /// change it: ids of 0 to 48 bytes (below, at and past one and two blocks of 16), each with
    /// every byte changed in turn, each cut one byte short, and each with a zero byte added,
    /// hash apart under one key; and under another key, differently.
    @Test func theIdHashTakesEveryByteAndTheLengthAndNothingElse() {
        let key = ProcessSeed.key, other = (key.0 ^ 1, key.1)
        var random = SplitMix64(seed: 48)
        var seen: [UInt64: [UInt8]] = [:]
        func hash(_ id: [UInt8], _ key: (UInt64, UInt64)) -> UInt64 {
            // Surrounded by bytes of its own, on each side.
            let padded = [0xAA] + id + [0x55, 0xAA, 0x55]
            let h = padded.withUnsafeBufferPointer { IDHash.of(UnsafeBufferPointer(rebasing: $0[1..<(1 + id.count)]), key: key) }
            #expect(h == id.withUnsafeBufferPointer { IDHash.of($0, key: key) }, "the same bytes elsewhere hash alike")
            return UInt64(bitPattern: Int64(h))
        }
        func note(_ id: [UInt8]) {
            let h = hash(id, key)
            if let earlier = seen[h], earlier != id { Issue.record("\(earlier) and \(id) hash alike") }
            seen[h] = id
            #expect(hash(id, other) != h, "the key changes the hash of \(id)")
        }
        for n in 0...48 {
            let id = (0..<n).map { _ in UInt8(random.next() % 256) }
            note(id)
            note(id + [0])
            if n > 0 { note(Array(id.dropLast())) }
            for i in 0..<n {
                var changed = id
                changed[i] ^= UInt8(1 << (i % 8))
                note(changed)
            }
        }
        #expect(seen.count > 1200)
    }
}

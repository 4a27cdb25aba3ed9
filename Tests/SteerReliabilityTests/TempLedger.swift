import Foundation
import SteerCore

/// A ledger file in a fresh temporary directory, removed when the test is done with it.
final class TempLedger {
    let directory: URL
    let path: String

    /// Three agencies, a task in progress and one assigned: enough for every transition tested here.
    static let base = """
        steer-ledger 1
        2025-01-02T08:00+07:00 @vpcp agency BKHCN kind=ministry name="Bộ Khoa học và Công nghệ"
        2025-01-02T08:01+07:00 @vpcp agency BTC kind=ministry name="Bộ Tài chính"
        2025-01-09T08:00+07:00 @vpcp assign T1 title="Nghị định hướng dẫn" lead=BKHCN due=2025-03-31
        2025-01-09T08:01+07:00 @vpcp assign T2 title="Báo cáo tổng kết" lead=BTC due=2025-04-30
        2025-02-01T09:00+07:00 @lan report T1 progress=10 note="Bắt đầu"

        """

    init(_ text: String = TempLedger.base) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("steer-rel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("test.ledger").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var bytes: [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }

    /// The file as text, for comparisons whose failures should read as a diff of lines.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The file replayed from scratch, as the next process to open it would see it.
    var replayed: Ledger { Ledger.load(bytes, file: path) }
}

/// An event at a fixed moment after the base ledger's last one.
func event(_ verb: Verb, _ id: String, _ fields: [Field] = [], actor: String = "lan") -> Event {
    Event(time: Timestamp.parse("2025-03-01T10:00+07:00")!, actor: actor, verb: verb, id: id, fields: fields)
}

import Foundation
import Testing
@testable import SteerCore

/// The repository root, found from this file's path so tests run from any directory.
let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func fixture(_ relative: String) -> URL { repoRoot.appendingPathComponent(relative) }

/// Loads ledger text (the header is added unless the text brings its own).
func ledger(_ body: String, file: String = "test.ledger", asOf: CivilDate? = nil) -> Ledger {
    let text = body.hasPrefix("steer-ledger") ? body : "steer-ledger 1\n" + body
    return Ledger.load(Array(text.utf8), file: file, asOf: asOf)
}

func date(_ s: String) -> CivilDate { CivilDate(s)! }

/// A new empty directory under the system's temporary one, named after `purpose`.
func scratchDirectory(_ purpose: String) -> String {
    let d = NSTemporaryDirectory() + "steer-\(purpose)-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
}

/// Compares text with a recorded file; STEER_RECORD_SNAPSHOTS=1 writes the file instead.
func expectSnapshot(_ actual: String, _ path: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    if ProcessInfo.processInfo.environment["STEER_RECORD_SNAPSHOTS"] == "1" {
        try actual.write(to: path, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: path, encoding: .utf8)
    #expect(actual == expected, "differs from \(path.lastPathComponent); run with STEER_RECORD_SNAPSHOTS=1 to re-record and review the diff", sourceLocation: sourceLocation)
}

let agencies = """
2025-01-02T08:00+07:00 @vpcp agency BKHCN kind=ministry name="Bộ Khoa học và Công nghệ"
2025-01-02T08:00+07:00 @vpcp agency BTC kind=ministry name="Bộ Tài chính"
2025-01-02T08:00+07:00 @vpcp agency BTP kind=ministry name="Bộ Tư pháp"
2025-01-02T08:00+07:00 @vpcp agency dongnai kind=province name="Tỉnh Đồng Nai" gso=75

"""

import Foundation
import Testing
@testable import SteerCore
@testable import SteerTUI

/// A small ledger written here, so that the tests depend on no fixture file: two decrees (one
/// extended), tasks due soon, one blocked, one submitted, one done late, one done on time, and
/// tasks missing clarity points.
enum TestLedger {
    static let text = """
    steer-ledger 1
    2025-01-02T08:00+07:00 @vpcp agency BKHCN kind=ministry name="Bộ Khoa học và Công nghệ" en="Ministry of Science and Technology"
    2025-01-02T08:00+07:00 @vpcp agency BCA kind=ministry name="Bộ Công an"
    2025-01-02T08:00+07:00 @vpcp agency BTC kind=ministry name="Bộ Tài chính"
    2025-01-02T08:00+07:00 @vpcp agency BTP kind=ministry name="Bộ Tư pháp"
    2025-01-02T08:00+07:00 @vpcp agency dongnai kind=province name="Tỉnh Đồng Nai" gso=75
    2025-01-02T08:00+07:00 @vpcp agency hanoi kind=city name="Thành phố Hà Nội" gso=01
    2025-01-09T08:00+07:00 @vpcp assign NQ03-12 kind=decree title="Nghị định hướng dẫn Nghị quyết 193/2025/QH15" lead=BKHCN support=BTC,BTP owner="Vụ Pháp chế" due=2025-03-31 product="Nghị định" source="NQ 03/NQ-CP"
    2025-01-09T08:00+07:00 @vpcp assign NQ03-13 kind=decree title="Nghị định về cơ chế thử nghiệm có kiểm soát" lead=BKHCN owner="Vụ Công nghệ cao" due=2025-05-31 product="Nghị định"
    2025-01-09T08:00+07:00 @vpcp assign DA06-01 title="Làm sạch dữ liệu dân cư tỉnh Đồng Nai" lead=dongnai owner="Công an tỉnh" due=2025-06-20 product="Báo cáo kết quả" source="Đề án 06"
    2025-01-09T08:00+07:00 @vpcp assign DA06-02 title="Kết nối cơ sở dữ liệu dân cư với y tế" lead=BCA owner="Cục C06" due=2025-06-16 product="Hệ thống kết nối"
    2025-01-09T08:00+07:00 @vpcp assign DA06-03 title="Số hóa hồ sơ hộ tịch" lead=hanoi due=2025-06-10
    2025-01-10T08:00+07:00 @vpcp assign KH-07 kind=plan title="Kế hoạch chuyển đổi số năm 2025" lead=BTC,BKHCN owner="Vụ Kế hoạch" due=2025-02-28 product="Kế hoạch"
    2025-01-10T08:00+07:00 @vpcp assign BC-01 kind=report title="Báo cáo" lead=dongnai
    2025-01-10T08:00+07:00 @vpcp assign BC-02 kind=report title="Báo cáo sơ kết quý I" lead=BTP owner="Văn phòng Bộ" due=2025-04-05 product="Báo cáo"
    2025-02-01T09:00+07:00 @lan start NQ03-12
    2025-03-01T10:00+07:00 @minh start KH-07
    2025-03-05T10:00+07:00 @minh submit KH-07
    2025-03-10T10:00+07:00 @vpcp accept KH-07
    2025-03-16T16:30+07:00 @lan report NQ03-12 progress=70 note="Đã gửi lấy ý kiến các bộ, ngành"
    2025-03-20T10:00+07:00 @lan stage NQ03-12 stage=consultation
    2025-03-28T10:00+07:00 @vpcp extend NQ03-12 due=2025-04-15 reason="Chờ thẩm định của Bộ Tư pháp"
    2025-04-01T08:00+07:00 @hoa start DA06-01
    2025-04-01T08:00+07:00 @vpcp start BC-02
    2025-04-02T08:00+07:00 @vpcp submit BC-02
    2025-04-03T08:00+07:00 @vpcp accept BC-02
    2025-04-20T08:00+07:00 @vpcp start DA06-02
    2025-05-02T08:00+07:00 @hoa block DA06-01 note="Thiếu thiết bị đọc căn cước gắn chip"
    2025-05-10T08:00+07:00 @vpcp submit DA06-02

    """

    static let today = CivilDate("2025-06-15")!
    /// When a change written on `today` is stamped.
    static let onTheDay = Timestamp.parse("2025-06-15T10:02+07:00")!

    /// The ledger as `steer tui --today DAY` reads it: up to the end of that day.
    static func ledger(_ extra: String = "", asOf: CivilDate? = today) -> Ledger {
        Ledger.load(Array((text + extra).utf8), file: "test.ledger", asOf: asOf)
    }

    static func state(_ language: Language = .vi, size: Size = Size(width: 80, height: 24), readOnly: Bool = false, extra: String = "") -> AppState {
        AppState(ledger: ledger(extra), clockDay: today, language: language, size: size,
                 actor: "tester", ledgerName: "test.ledger", readOnly: readOnly)
    }
}

extension Driver {
    /// The form open, if one is.
    var form: Form? {
        if case .form(let f) = state.overlay { return f }
        return nil
    }
}

/// Feeds messages to `update`, keeping the effects of the last one.
struct Driver {
    var state: AppState
    var effects: [Effect] = []

    init(_ state: AppState) { self.state = state }

    @discardableResult
    mutating func send(_ msg: Msg) -> [Effect] {
        (state, effects) = App.update(state, msg)
        return effects
    }

    @discardableResult
    mutating func press(_ keys: Keystroke...) -> [Effect] {
        for k in keys { send(.key(k)) }
        return effects
    }

    mutating func type(_ text: String) {
        for c in text { send(.key(.char(c))) }
    }

    /// Tests that walk rows by position read the tasks in the order the ledger assigned them.
    mutating func sortInLedgerOrder() {
        press(.char(":")); type("sort ledger"); press(.enter)
    }

    var frame: Frame { App.view(state, size: state.size) }
    var screen: String { frame.text }
    var selected: String? { state.position(state.pane).selectedID }
}

/// Compares a frame with the plain-text snapshot stored next to the tests; with
/// STEER_RECORD_SNAPSHOTS=1 it writes the snapshot instead.
func expectSnapshot(_ frame: Frame, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = dir.appendingPathComponent(name + ".txt")
    let text = frame.text
    if ProcessInfo.processInfo.environment["STEER_RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? text.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    guard let stored = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("no snapshot \(name).txt; record it with STEER_RECORD_SNAPSHOTS=1 swift test", sourceLocation: sourceLocation)
        return
    }
    #expect(text == stored, "screen differs from __Snapshots__/\(name).txt:\n\(text)", sourceLocation: sourceLocation)
}

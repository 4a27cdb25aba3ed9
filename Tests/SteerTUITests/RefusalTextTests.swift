import Testing
@testable import SteerCore
@testable import SteerTUI

/// The screen says the core's refusals in Vietnamese by recognising their wording; these tests
/// produce each refusal from the real state machine, so a change of wording in the core fails here.
@Suite struct RefusalTextTests {
    static let text = """
    steer-ledger 1
    2025-01-02T08:00+07:00 @vpcp agency BKHCN kind=ministry name="Bộ Khoa học và Công nghệ"
    2025-01-02T08:00+07:00 @vpcp agency BTC kind=ministry name="Bộ Tài chính"
    2025-01-03T08:00+07:00 @vpcp member vpcp role=secretariat
    2025-01-03T08:00+07:00 @vpcp member lan role=focal agency=BTC
    2025-01-03T08:00+07:00 @vpcp member minh role=viewer
    2025-01-09T08:00+07:00 @vpcp assign D kind=decree title="Nghị định hướng dẫn" lead=BKHCN due=2025-03-31
    2025-01-09T08:01+07:00 @vpcp assign T title="Báo cáo quý một" lead=BTC
    2025-01-10T08:00+07:00 @vpcp stage D stage=appraisal

    """

    func refusal(_ actor: String, _ verb: Verb, _ id: String, _ fields: [Field] = []) -> Rejection? {
        let board = Ledger.load(Array(Self.text.utf8), file: "t").board
        let e = Event(time: Timestamp.parse("2025-02-01T08:00+07:00")!, actor: actor, verb: verb, id: id, fields: fields)
        do { try board.check(e); return nil } catch { return error }
    }

    @Test(arguments: [
        ("vpcp", Verb.accept, "D", [Field](), "không thể nhận D: nhiệm vụ đang ở trạng thái đang làm"),
        ("ghost", .report, "D", [Field(.progress, "5")], "@ghost không phải thành viên của sổ này nên không được ghi (thư ký khai báo thành viên bằng `member`)"),
        ("minh", .report, "D", [Field(.progress, "5")], "@minh chỉ được xem, không được ghi"),
        ("lan", .report, "D", [Field(.progress, "5")], "@lan là đầu mối của BTC, không được thay đổi D do BKHCN chủ trì"),
        ("lan", .extend, "D", [Field(.due, "2025-05-01"), Field(.reason, "x")], "đầu mối không được gia hạn; việc này do thư ký ghi"),
        ("vpcp", .amend, "D", [Field(.due, "2025-05-01")], "D đã có hạn (2025-03-31); chỉ đổi hạn bằng gia hạn"),
        ("vpcp", .extend, "D", [Field(.due, "2025-03-31"), Field(.reason, "x")], "hạn đã là 2025-03-31"),
        ("vpcp", .stage, "D", [Field(.stage, "drafting")], "D đã ở bước appraisal; các bước chỉ đi tới"),
        ("vpcp", .start, "X", [Field](), "chưa giao nhiệm vụ X"),
        ("vpcp", .assign, "D", [Field](), "nhiệm vụ D đã được giao"),
        ("vpcp", .assign, "N", [Field(.lead, "BXD")], "không có cơ quan `BXD` (khai báo trước bằng `agency`)"),
        ("vpcp", .reassign, "D", [Field(.lead, "btc")], "không có cơ quan `btc`: ý bạn là BTC? (mã được so đúng như viết, cả chữ hoa)"),
        ("lan", .assign, "N", [Field(.title, "Việc mới")], "đầu mối không được giao nhiệm vụ; việc này do thư ký ghi"),
        ("vpcp", .stage, "T", [Field(.stage, "drafting")], "T là nhiệm vụ, không phải văn bản pháp luật; các bước chỉ dành cho nghị định, luật và văn bản tương tự"),
        ("vpcp", .amend, "D", [Field(.support, "BKHCN")], "BKHCN chủ trì D nên không thể đồng thời là cơ quan phối hợp"),
        ("vpcp", .extend, "T", [Field(.due, "2025-05-01"), Field(.reason, "x")], "T chưa có hạn để gia hạn; đặt hạn đầu tiên bằng bổ sung (m)"),
        ("vpcp", .reassign, "D", [Field(.lead, "BKHCN")], "D đã do BKHCN chủ trì"),
        ("vpcp", .report, "D", [Field(.progress, "120")], "tiến độ là số nguyên từ 0 đến 100, không phải `120`"),
    ])
    func saysKnownRefusalsInVietnamese(_ actor: String, _ verb: Verb, _ id: String, _ fields: [Field], _ expected: String) throws {
        let r = try #require(refusal(actor, verb, id, fields))
        #expect(RefusalText.say(r, .vi) == expected)
        #expect(RefusalText.say(r, .en).hasPrefix(RefusalText.statesSaid(r.message, .en)))
    }

    /// The English screen names states as it shows them, not as the ledger writes them.
    @Test func statesAreNamedAsTheScreenShowsThem() throws {
        let r = try #require(refusal("vpcp", .accept, "D"))
        #expect(RefusalText.say(r, .en).hasPrefix("cannot accept D: it is in progress"))
    }

    @Test func unknownWordingsKeepTheEnglishAfterAVietnamesePrefix() {
        #expect(RefusalText.say("something new", hint: "try again", .vi) == "bị từ chối: something new (try again)")
    }
}

import SteerCore

/// A change the state machine or the roles refused, said in the user's language. The core
/// words its refusals in English; the ones a user meets on the screen have fixed wordings, so
/// the screen recognises them and says them in Vietnamese. A wording it does not know is shown
/// in English after a Vietnamese prefix, so nothing is lost.
enum RefusalText {
    static func say(_ message: String, hint: String?, _ lang: Language) -> String {
        let english = statesSaid(message, lang) + (hint.map { " (" + $0 + ")" } ?? "")
        guard lang == .vi else { return english }
        // A write the journal refused comes as its description: the message, then its hint.
        let said = message.firstRange(of: "\nhint: ").map { String(message[..<$0.lowerBound]) } ?? message
        return vietnamese(said, lang) ?? "bị từ chối: " + english
    }

    /// A task's state as the screen names it (`in progress`), not as the ledger writes it.
    static func statesSaid(_ message: String, _ lang: Language) -> String {
        guard let match = message.wholeMatch(of: #/^(cannot \w+ \S+: it is )(\w+)$/#), let state = TaskState(rawValue: String(match.2)) else { return message }
        return match.1 + lang.state(state)
    }

    static func say(_ r: Rejection, _ lang: Language) -> String { say(r.message, hint: r.hint, lang) }

    static let verbs: [String: String] = [
        "start": "bắt đầu", "report": "báo cáo", "block": "báo vướng", "unblock": "gỡ vướng", "submit": "trình",
        "accept": "nhận", "return": "trả lại", "extend": "gia hạn", "reassign": "giao lại", "cancel": "hủy",
        "stage": "chuyển bước", "amend": "bổ sung", "assign": "giao nhiệm vụ",
    ]

    /// Each known wording (a regular expression, its parts captured), and how to say it in
    /// Vietnamese. Compiled when a refusal is shown, which is rare.
    static let patterns: [(String, @Sendable ([String], Language) -> String?)] = [
        (#"^cannot (\w+) (\S+): it is (\w+)$"#, { p, lang in
            guard let verb = verbs[p[0]], let state = TaskState(rawValue: p[2]) else { return nil }
            return "không thể \(verb) \(p[1]): nhiệm vụ đang ở trạng thái \(lang.state(state))"
        }),
        (#"^(.+) is gone \(removed, or renamed away\) since it was read; nothing is written until it is back$"#, { p, _ in
            "tệp sổ \(p[0]) đã bị xóa hoặc đổi tên sau khi đọc; không ghi gì cho đến khi tệp trở lại (bảng vẫn như lần đọc cuối)"
        }),
        (#"^(.+) is empty now, and held lines when it was read; nothing is written to it$"#, { p, _ in
            "tệp sổ \(p[0]) nay trống rỗng dù khi đọc vẫn có dữ liệu; không ghi gì vào đó (hãy khôi phục sổ từ bản sao; bảng vẫn như lần đọc cuối)"
        }),
        (#"^(.+): another process has held the ledger's lock for (\d+) s; nothing was written$"#, { p, _ in
            "tiến trình khác giữ khóa sổ đã \(p[1]) giây nên chưa ghi gì; hãy thử lại khi khóa được nhả (`fuser -v \(ShellWord.quoted(p[0]))` cho biết ai giữ)"
        }),
        (#"^@(\S+) is not a member of this ledger and may not record events$"#, { p, _ in
            "@\(p[0]) không phải thành viên của sổ này nên không được ghi (thư ký khai báo thành viên bằng `member`)"
        }),
        (#"^@(\S+) is a viewer and may not record events$"#, { p, _ in
            "@\(p[0]) chỉ được xem, không được ghi"
        }),
        (#"^@(\S+) is the focal point of (\S+) and may not change (\S+), which (\S+) leads$"#, { p, _ in
            "@\(p[0]) là đầu mối của \(p[1]), không được thay đổi \(p[2]) do \(p[3]) chủ trì"
        }),
        (#"^@(\S+) is the focal point of (\S+), which was merged into (\S+), and may not change (\S+)$"#, { p, _ in
            "@\(p[0]) là đầu mối của \(p[1]), nay đã sáp nhập vào \(p[2]), nên không được thay đổi \(p[3]) (đầu mối của \(p[2]) hoặc thư ký ghi việc này)"
        }),
        (#"^@(\S+) is the focal point of (\S+) and may not change (\S+), which has no lead agency$"#, { p, _ in
            "@\(p[0]) là đầu mối của \(p[1]), không được thay đổi \(p[2]) vì nhiệm vụ chưa có cơ quan chủ trì"
        }),
        (#"^(\S+) has changed since you were asked \((\d+) later events?\); nothing was written$"#, { p, _ in
            "\(p[0]) đã thay đổi sau khi hỏi (\(p[1]) sự kiện mới) nên chưa ghi gì; hãy xem lại (Enter) rồi quyết định"
        }),
        (#"^the ledger has (\d+) problems?; nothing is written until they are fixed(?s:.*)$"#, { p, _ in
            "sổ có \(p[0]) lỗi nên chưa ghi gì; chạy `steer check` để xem (và `steer repair` nếu dòng cuối bị cắt)"
        }),
        (#"^an empty place in the list (\w+)=$"#, { p, _ in
            "danh sách \(p[0])= có một chỗ trống (giữa hai dấu phẩy, hoặc ở đầu hay cuối)"
        }),
        (#"^a list takes no spaces: agency ids are separated by commas alone$"#, { _, _ in
            "danh sách không có dấu cách: các mã cơ quan chỉ cách nhau bằng dấu phẩy"
        }),
        (#"^a focal point may not `(\w+)`; that is the secretariat's to record$"#, { p, _ in
            "đầu mối không được \(verbs[p[0]] ?? p[0]); việc này do thư ký ghi"
        }),
        (#"^only the secretariat records that a document is issued$"#, { _, _ in
            "chỉ thư ký mới ghi văn bản đã ban hành"
        }),
        (#"^(\S+) already has a deadline \((\S+)\); deadlines move only by `extend`$"#, { p, _ in
            "\(p[0]) đã có hạn (\(p[1])); chỉ đổi hạn bằng gia hạn"
        }),
        (#"^the deadline is already (\S+)$"#, { p, _ in "hạn đã là \(p[0])" }),
        (#"^a (\w+) is done when it is issued, not accepted$"#, { _, _ in
            "văn bản pháp luật hoàn thành khi được ban hành, không phải khi nhận; dùng chuyển bước (D) tới `issued`"
        }),
        (#"^(\S+) is already at stage (\w+); stages only move forward$"#, { p, _ in
            "\(p[0]) đã ở bước \(p[1]); các bước chỉ đi tới"
        }),
        (#"^no task (\S+) has been assigned$"#, { p, _ in "chưa giao nhiệm vụ \(p[0])" }),
        (#"^task (\S+) is already assigned$"#, { p, _ in "nhiệm vụ \(p[0]) đã được giao" }),
        (#"^unknown agency `(\S+)`$"#, { p, _ in "không có cơ quan `\(p[0])` (khai báo trước bằng `agency`)" }),
        (#"^unknown agency `(\S+)`: did you mean (\S+)\? \(ids are matched as written\)$"#, { p, _ in
            "không có cơ quan `\(p[0])`: ý bạn là \(p[1])? (mã được so đúng như viết, cả chữ hoa)"
        }),
        (#"^(\S+) is a (\w+), not a legal document; stages are for decrees, laws and the like$"#, { p, lang in
            "\(p[0]) là \(TaskKind(rawValue: p[1]).map(lang.kind) ?? p[1]), không phải văn bản pháp luật; các bước chỉ dành cho nghị định, luật và văn bản tương tự"
        }),
        (#"^(\S+) leads (\S+) and cannot also support it$"#, { p, _ in
            "\(p[0]) chủ trì \(p[1]) nên không thể đồng thời là cơ quan phối hợp"
        }),
        (#"^(\S+) is named twice in (\w+)=$"#, { p, _ in "\(p[0]) được ghi hai lần trong \(p[1])=" }),
        (#"^(\S+) was merged into (\S+)$"#, { p, _ in "\(p[0]) đã sáp nhập vào \(p[1]); hãy dùng \(p[1])" }),
        (#"^(\S+) is already led by (\S+)$"#, { p, _ in "\(p[0]) đã do \(p[1]) chủ trì" }),
        (#"^(\S+) already has a lead; change it with `reassign`$"#, { p, _ in "\(p[0]) đã có cơ quan chủ trì; đổi bằng giao lại (L)" }),
        (#"^(\S+) has no deadline to extend$"#, { p, _ in "\(p[0]) chưa có hạn để gia hạn; đặt hạn đầu tiên bằng bổ sung (m)" }),
        (#"^the deadline of (\S+) is now (\S+), moved since this form showed (\S+)$"#, { p, _ in
            "hạn của \(p[0]) nay là \(p[1]), đã đổi từ khi biểu mẫu hiện \(p[2]); xem lại rồi gia hạn từ đó"
        }),
        (#"^(\S+) is now led by (\S+), changed since this form showed (\S+)$"#, { p, _ in
            "\(p[0]) nay do \(p[1]) chủ trì, đã đổi từ khi biểu mẫu hiện \(p[2]); xem lại rồi giao lại từ đó"
        }),
        (#"^progress is a whole percentage from 0 to 100, not `(.*)`$"#, { p, _ in "tiến độ là số nguyên từ 0 đến 100, không phải `\(p[0])`" }),
        (#"^the ledger's last event is stamped (\S+), after now \((\S+)\): this one would have to be stamped after it$"#, { p, _ in
            "sự kiện cuối của sổ ghi lúc \(p[0]), sau thời điểm hiện tại (\(p[1])); sửa dòng đó trước (steer check)"
        }),
    ]

    static func vietnamese(_ message: String, _ lang: Language) -> String? {
        for (pattern, say) in patterns {
            guard let regex = try? Regex(pattern), let match = message.wholeMatch(of: regex) else { continue }
            let parts = (1..<match.output.count).map { match.output[$0].substring.map(String.init) ?? "" }
            return say(parts, lang)
        }
        return nil
    }
}

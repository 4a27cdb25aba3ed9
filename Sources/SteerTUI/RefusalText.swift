import SteerCore

/// A change the state machine or the roles refused, said in the user's language. The core
/// words its refusals in English; the ones a user meets on the screen have fixed wordings, so
/// the screen recognises them and says them in Vietnamese. A wording it does not know is shown
/// in English after a Vietnamese prefix, so nothing is lost.
enum RefusalText {
    static func say(_ message: String, hint: String?, _ lang: Language) -> String {
        let english = message + (hint.map { " (" + $0 + ")" } ?? "")
        guard lang == .vi else { return english }
        return vietnamese(message, lang) ?? "bị từ chối: " + english
    }

    static func say(_ r: Rejection, _ lang: Language) -> String { say(r.message, hint: r.hint, lang) }

    static let verbs: [String: String] = [
        "start": "bắt đầu", "report": "báo cáo", "block": "báo vướng", "unblock": "gỡ vướng", "submit": "trình",
        "accept": "nhận", "return": "trả lại", "extend": "gia hạn", "reassign": "giao lại", "cancel": "hủy",
        "stage": "chuyển bước", "amend": "bổ sung",
    ]

    /// Each known wording (a regular expression, its parts captured), and how to say it in
    /// Vietnamese. Compiled when a refusal is shown, which is rare.
    static let patterns: [(String, @Sendable ([String], Language) -> String?)] = [
        (#"^cannot (\w+) (\S+): it is (\w+)$"#, { p, lang in
            guard let verb = verbs[p[0]], let state = TaskState(rawValue: p[2]) else { return nil }
            return "không thể \(verb) \(p[1]): nhiệm vụ đang ở trạng thái \(lang.state(state))"
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

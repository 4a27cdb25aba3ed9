import SteerCore

/// A filter that does not parse, said in the user's language. The core words its parse errors
/// in English only; each has a fixed wording, so the screen recognises it and says it again in
/// Vietnamese, keeping as typed the parts that are query syntax (field names, values, the
/// values allowed). A wording it does not know is shown in English after a Vietnamese prefix,
/// so nothing is ever lost.
enum FilterErrorText {
    /// "column 16: unknown state `nope`: …", for the status line.
    static func line(_ e: TaskFilter.ParseError, _ lang: Language) -> String {
        lang.t("column \(e.column): ", "cột \(e.column): ") + message(e, lang)
    }

    static func message(_ e: TaskFilter.ParseError, _ lang: Language) -> String {
        guard lang == .vi else { return e.message }
        return vietnamese(e.message) ?? "bộ lọc viết sai: " + e.message
    }

    /// The nouns of "unknown NOUN `value`: allowed values" in the core's messages.
    static let nouns = ["state": "trạng thái", "kind": "loại", "stage": "bước", "clarity point": "điểm rõ",
                        "timeliness": "tình trạng thời hạn", "field": "trường"]

    static func vietnamese(_ m: String) -> String? {
        // "unknown field `x:`; fields are a, b, and due<DATE" and "unknown state `x`: a, b"
        if m.hasPrefix("unknown "), let open = m.firstIndex(of: "`") {
            let noun = String(m[m.index(m.startIndex, offsetBy: 8)..<open]).trimmingSpaces()
            let afterOpen = m.index(after: open)
            guard let vi = nouns[noun], let close = m[afterOpen...].firstIndex(of: "`") else { return nil }
            let value = m[afterOpen..<close]
            var allowed = m[m.index(after: close)...].drop { $0 == ":" || $0 == ";" || $0 == " " }
            if allowed.hasPrefix("fields are ") { allowed = allowed.dropFirst("fields are ".count) }
            let list = allowed.replacing(", and ", with: " và ")
            return "không có \(vi) `\(value)`; " + (noun == "field" ? "các trường: " : "dùng: ") + list
        }
        // "`lead:` needs a value"
        if m.hasPrefix("`"), m.hasSuffix("` needs a value") {
            return m.dropLast(" needs a value".count) + " cần một giá trị"
        }
        // "`2025-13` is not a date; write due<2025-06-30"
        // Looked for scalar by scalar: a value ending in a prepended scalar (U+0600) makes one
        // Character of it and the backtick after it.
        if m.hasPrefix("`"), let r = m.unicodeScalars.firstRange(of: "` is not a date; write ".unicodeScalars) {
            return m[..<r.lowerBound] + "` không phải ngày; viết " + m[r.upperBound...]
        }
        // "no agency `BKHNC` in this ledger; did you mean BKHCN?"
        if let match = m.wholeMatch(of: #/no agency `(.+)` in this ledger(; did you mean (\S+)\?)?/#) {
            return "sổ không có cơ quan `\(match.1)`" + (match.3.map { "; có phải \($0)?" } ?? "")
        }
        // "this quote is never closed: end the phrase with \""
        if m.hasPrefix("this quote is never closed") { return "dấu ngoặc kép chưa đóng: thêm \" ở cuối cụm từ" }
        return nil
    }
}

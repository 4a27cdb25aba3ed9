import Foundation

/// An event and the line it was read from.
public struct LocatedEvent: Sendable, Hashable {
    public var event: Event
    public var line: Int
    public init(event: Event, line: Int) { self.event = event; self.line = line }
}

/// The first line of every ledger.
public enum LedgerHeader {
    public static let text = "steer-ledger 1"
}

/// Turns ledger bytes into events, collecting every syntax error as a located diagnostic
/// instead of stopping at the first. Works on bytes: the line and field splitting never builds
/// a String until a value is known to be well-formed.
public struct LedgerParser {
    public struct Output: Sendable {
        public var events: [LocatedEvent] = []
        public var diagnostics: [Diagnostic] = []
        /// Bytes consumed: everything up to and including the last newline.
        public var consumed = 0
        /// Lines consumed (complete lines only).
        public var lines = 0
        /// Whether the version line was seen.
        public var sawHeader = false
        /// Byte range (relative to the input) of a last line with no newline: an interrupted write.
        public var tornTail: Range<Int>?
        /// The report of that torn tail, kept apart: it is about bytes not consumed yet.
        public var tornDiagnostic: Diagnostic?
    }

    public let file: String

    public init(file: String) { self.file = file }

    /// Parses `bytes`. `firstLine` is the line number of the first byte; `expectHeader` is true
    /// when the bytes start at the beginning of the file.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1, expectHeader: Bool = true) -> Output {
        var out = Output()
        var start = 0
        let n = bytes.count
        var lineNo = firstLine
        var needHeader = expectHeader
        // A byte-order mark is one only at the very start of the file.
        if expectHeader, firstLine == 1, n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < n {
            guard let nl = Self.newline(in: bytes, from: start) else {
                out.tornTail = start..<n
                let text = UnsafeBufferPointer(rebasing: bytes[start..<n])
                out.tornDiagnostic = (.at(file, line: lineNo, bytes: text, byteOffset: text.count,
                    "the last line has no newline: an interrupted write",
                    hint: "nothing is appended after it until `steer repair` moves these \(text.count) bytes to a side file"))
                break
            }
            var end = nl
            if end > start, bytes[end - 1] == 13 { end -= 1 }  // CRLF
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if needHeader {
                if !Self.isBlankOrComment(line) {
                    needHeader = false
                    if Self.equals(line, LedgerHeader.text) {
                        out.sawHeader = true
                    } else {
                        out.diagnostics.append(.at(file, line: lineNo, bytes: line, byteOffset: 0,
                            "this is not a steer ledger: the first line must be `\(LedgerHeader.text)`",
                            hint: "add the line `\(LedgerHeader.text)` at the top of the file"))
                    }
                }
            } else if !Self.isBlankOrComment(line) {
                var lineParser = LineParser(file: file, line: lineNo, bytes: line)
                switch lineParser.parse() {
                case .success(let e): out.events.append(LocatedEvent(event: e, line: lineNo))
                case .failure(let d): out.diagnostics.append(d)
                }
            }
            start = nl + 1
            out.consumed = start
            out.lines += 1
            lineNo += 1
        }
        return out
    }

    public func parse(_ bytes: [UInt8], firstLine: Int = 1, expectHeader: Bool = true) -> Output {
        bytes.withUnsafeBufferPointer { parse($0, firstLine: firstLine, expectHeader: expectHeader) }
    }

    static func newline(in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < b.count, let base = b.baseAddress else { return nil }
        guard let p = memchr(base + from, 10, b.count - from) else { return nil }
        return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }

    static func isBlankOrComment(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in line {
            if c == 32 || c == 9 { continue }
            return c == UInt8(ascii: "#")
        }
        return true
    }

    static func equals(_ line: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        var trimmed = line.count
        while trimmed > 0, line[trimmed - 1] == 32 || line[trimmed - 1] == 9 { trimmed -= 1 }
        return text.utf8.elementsEqual(line[0..<trimmed])
    }
}

/// Parses one non-blank, non-comment line: `TIME @ACTOR VERB ID key=value…`.
struct LineParser {
    let file: String
    let line: Int
    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0

    init(file: String, line: Int, bytes: UnsafeBufferPointer<UInt8>) {
        self.file = file
        self.line = line
        self.bytes = bytes
    }

    func fail(_ at: Int, _ message: String, hint: String? = nil) -> Result<Event, Diagnostic> {
        .failure(.at(file, line: line, bytes: bytes, byteOffset: at, message, hint: hint))
    }

    mutating func parse() -> Result<Event, Diagnostic> {
        if let bad = checkBytes() { return .failure(bad) }
        skipSpace()
        let timeStart = pos
        let time = token()
        let stamp: Timestamp
        switch Timestamp.parse(UnsafeBufferPointer(rebasing: bytes[time]).asArraySlice) {
        case .success(let t): stamp = t
        case .failure(.impossibleDate):
            return fail(timeStart, "\(text(time).prefix(10)) is not a date on the calendar", hint: "check the day of the month")
        case .failure(.impossibleTime):
            return fail(timeStart + 11, "\(text(time)) has an impossible time of day or offset", hint: "hours run 00–23, minutes 00–59, offsets up to ±14:00")
        case .failure(.malformed):
            return fail(timeStart, "expected a timestamp like 2025-03-14T08:00+07:00", hint: "each event line starts with the time it was recorded, with its UTC offset")
        }
        skipSpace()
        let actorStart = pos
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "@") else {
            return fail(actorStart, "expected the actor, like @lan, after the timestamp", hint: "the actor is the login name of whoever recorded the event")
        }
        pos += 1
        let actor = token()
        guard !actor.isEmpty, isName(actor) else {
            return fail(actorStart, "the actor must be a login name of letters, digits, '.', '_' or '-'", hint: "for example @lan or @vpcp")
        }
        skipSpace()
        let verbStart = pos
        let verbRange = token()
        guard let verb = Verb(rawValue: text(verbRange)) else {
            let known = Verb.allCases.map(\.rawValue).joined(separator: ", ")
            return fail(verbStart, verbRange.isEmpty ? "expected a verb after the actor" : "unknown verb `\(text(verbRange))`", hint: "known verbs: \(known)")
        }
        skipSpace()
        let idStart = pos
        let idRange = token()
        guard !idRange.isEmpty, isName(idRange), bytes[idRange.lowerBound] != UInt8(ascii: "-") else {
            return fail(idStart, idRange.isEmpty ? "expected an id after `\(verb.rawValue)`" : "an id is letters, digits, '.', '_' or '-' (and does not start with '-')",
                        hint: "for example NQ57-BKHCN-01 or BKHCN")
        }
        var fields: [Field] = []
        while true {
            skipSpace()
            if pos >= bytes.count { break }
            let keyStart = pos
            while pos < bytes.count, bytes[pos] != UInt8(ascii: "="), bytes[pos] != 32, bytes[pos] != 9 { pos += 1 }
            let keyText = text(keyStart..<pos)
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "=") else {
                return fail(keyStart, "expected key=value, found `\(keyText)`", hint: "values with spaces are quoted: note=\"Đã gửi lấy ý kiến\"")
            }
            guard let key = Key(rawValue: keyText), verb.keys.contains(key) else {
                return fail(keyStart, "`\(verb.rawValue)` takes no key `\(keyText)`",
                            hint: "`\(verb.rawValue)` takes: " + verb.keys.map(\.rawValue).joined(separator: ", "))
            }
            if fields.contains(where: { $0.key == key }) {
                return fail(keyStart, "`\(keyText)` is given twice on one line", hint: "keep one of them")
            }
            pos += 1
            switch value() {
            case .success(let v): fields.append(Field(key, v))
            case .failure(let d): return .failure(d)
            }
        }
        for k in verb.requiredKeys where !fields.contains(where: { $0.key == k }) {
            return fail(bytes.count, "`\(verb.rawValue)` needs `\(k.rawValue)=`", hint: Self.requiredHint(verb, k))
        }
        return .success(Event(time: stamp, actor: text(actor), verb: verb, id: text(idRange), fields: fields))
    }

    static func requiredHint(_ verb: Verb, _ key: Key) -> String {
        switch (verb, key) {
        case (.extend, .due): return "give the new deadline: due=2025-06-30"
        case (.extend, .reason), (.cancel, .reason): return "say why: reason=\"…\""
        case (.stage, .stage): return "stage=drafting|consultation|appraisal|submitted|issued"
        case (.member, .role): return "role=secretariat|focal|viewer|none"
        case (.reassign, .lead): return "name the new lead agency: lead=BKHCN"
        default: return "add \(key.rawValue)=\"…\""
        }
    }

    /// Refuses bytes no editor should have written: NUL, other control bytes, invalid UTF-8.
    func checkBytes() -> Diagnostic? {
        var i = 0
        var ascii = true
        while i < bytes.count {
            let c = bytes[i]
            if c == 0 {
                return .at(file, line: line, bytes: bytes, byteOffset: i, "a NUL byte in the ledger", hint: "the file is damaged or not text; remove the byte")
            }
            if (c < 32 && c != 9) || c == 127 {
                return .at(file, line: line, bytes: bytes, byteOffset: i, "a raw control character (0x\(String(c, radix: 16, uppercase: true))) in the ledger",
                           hint: "write it as an escape inside quotes, \\u{\(String(c, radix: 16))}, or remove it")
            }
            if c >= 0x80 { ascii = false }
            i += 1
        }
        if ascii { return nil }
        if String(validating: bytes, as: UTF8.self) == nil {
            let bad = Self.firstInvalidUTF8(bytes)
            return .at(file, line: line, bytes: bytes, byteOffset: bad, "invalid UTF-8 at byte \(bad + 1) of the line",
                       hint: "save the file as UTF-8")
        }
        return nil
    }

    static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        while i < b.count {
            let c = b[i]
            let len: Int
            if c < 0x80 { len = 1 } else if c >> 5 == 0x6 { len = 2 } else if c >> 4 == 0xE { len = 3 } else if c >> 3 == 0x1E { len = 4 } else { return i }
            if i + len > b.count { return i }
            if String(validating: UnsafeBufferPointer(rebasing: b[i..<(i + len)]), as: UTF8.self) == nil { return i }
            i += len
        }
        return i
    }

    mutating func skipSpace() {
        while pos < bytes.count, bytes[pos] == 32 || bytes[pos] == 9 { pos += 1 }
    }

    mutating func token() -> Range<Int> {
        let s = pos
        while pos < bytes.count, bytes[pos] != 32, bytes[pos] != 9 { pos += 1 }
        return s..<pos
    }

    func isName(_ r: Range<Int>) -> Bool {
        for i in r {
            let c = bytes[i]
            let ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 46 || c == 95 || c == 45
            if !ok { return false }
        }
        return true
    }

    func text(_ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self)
    }

    /// A bare value runs to the next space; a quoted one to its closing quote, with escapes.
    mutating func value() -> Result<String, Diagnostic> {
        let start = pos
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
            let r = token()
            for i in r where bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "\\") {
                return .failure(.at(file, line: line, bytes: bytes, byteOffset: i, "a bare value cannot contain quotes or backslashes",
                                    hint: "quote the whole value: key=\"…\""))
            }
            return .success(normalized(r))
        }
        pos += 1
        var out = [UInt8]()
        var plain = pos
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                out.append(contentsOf: bytes[plain..<pos])
                pos += 1
                if pos < bytes.count, bytes[pos] != 32, bytes[pos] != 9 {
                    return .failure(.at(file, line: line, bytes: bytes, byteOffset: pos, "expected a space after the closing quote",
                                        hint: "a quote inside a value is written \\\""))
                }
                return .success(Self.nfc(String(decoding: out, as: UTF8.self)))
            }
            if c == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[plain..<pos])
                let escStart = pos
                pos += 1
                guard pos < bytes.count else { break }
                switch bytes[pos] {
                case UInt8(ascii: "\""): out.append(34)
                case UInt8(ascii: "\\"): out.append(92)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "u"):
                    guard let (scalar, next) = unicodeEscape(at: pos + 1) else {
                        return .failure(.at(file, line: line, bytes: bytes, byteOffset: escStart, "a \\u escape is written \\u{HEX} with 1–6 hex digits naming a Unicode scalar",
                                            hint: "for example \\u{1b} or \\u{1F600}"))
                    }
                    out.append(contentsOf: String(scalar).utf8)
                    pos = next - 1
                default:
                    return .failure(.at(file, line: line, bytes: bytes, byteOffset: escStart, "unknown escape `\\\(String(UnicodeScalar(bytes[pos])))`",
                                        hint: "escapes are \\\" \\\\ \\n \\t \\r and \\u{HEX}"))
                }
                pos += 1
                plain = pos
                continue
            }
            pos += 1
        }
        return .failure(.at(file, line: line, bytes: bytes, byteOffset: start, "this quoted value is never closed", hint: "end it with \""))
    }

    func unicodeEscape(at i: Int) -> (Unicode.Scalar, Int)? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
        var j = i + 1
        var v: UInt32 = 0
        var digits = 0
        while j < bytes.count, bytes[j] != UInt8(ascii: "}") {
            guard digits < 6, let d = Self.hex(bytes[j]) else { return nil }
            v = v * 16 + d
            digits += 1
            j += 1
        }
        guard j < bytes.count, digits > 0, let s = Unicode.Scalar(v) else { return nil }
        return (s, j + 1)
    }

    static func hex(_ c: UInt8) -> UInt32? {
        switch c {
        case 48...57: return UInt32(c - 48)
        case 65...70: return UInt32(c - 55)
        case 97...102: return UInt32(c - 87)
        default: return nil
        }
    }

    func normalized(_ r: Range<Int>) -> String { Self.nfc(text(r)) }

    /// Stores text in NFC, so that NFD input from some editors compares and folds like NFC.
    /// Only strings holding a combining diacritical mark (U+0300–U+036F, lead byte 0xCC or 0xCD
    /// in UTF-8, the marks Vietnamese NFD uses) pay for the normalisation.
    static func nfc(_ s: String) -> String {
        for b in s.utf8 where b == 0xCC || b == 0xCD {
            return s.precomposedStringWithCanonicalMapping
        }
        return s
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    var asArraySlice: ArraySlice<UInt8> { ArraySlice(self) }
}

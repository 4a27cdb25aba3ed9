/// A calendar date with no time of day, as deadlines are written: `2025-03-31`.
/// Stored as days since 1970-01-01 so that comparisons and differences are integer arithmetic,
/// in 32 bits: every task holds one, and the dates a ledger can write (years 0–9999) lie well
/// within them.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    private let days: Int32
    public var daysSinceEpoch: Int { Int(days) }

    public init(daysSinceEpoch: Int) { days = Int32(daysSinceEpoch) }

    /// A date or none in 4 bytes: `Int32.min` days, 5.9 million years before 1970, stands for
    /// none, and is no date a board holds (a year has four digits).
    struct OrNone: Hashable, Sendable {
        private let days: Int32
        static let none = OrNone(nil)

        init(_ d: CivilDate?) {
            precondition(d?.days != .min, "a date within 5.9 million years of 1970")
            days = d?.days ?? .min
        }

        var value: CivilDate? { days == .min ? nil : CivilDate(daysSinceEpoch: Int(days)) }
    }

    /// nil when the date does not exist (2025-02-30, month 13). Inlined: made for every date a
    /// line gives, its call took a third of reading one.
    @inline(__always)
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        days = Int32(CivilDate.days(year: year, month: month, day: day))
    }

    /// The date written `YYYY-MM-DD` in the String held inline whose words are `words`
    /// (`SmallASCII`: its bytes from the first word's lowest, its count in the low half of its
    /// last byte), read from them; nil for any other text.
    init?(inlineWords words: (UInt64, UInt64)) {
        // The first word is `YYYY-MM-`; the second `DD`, zeros, then the count and flags.
        let w = words.0
        guard words.1 >> 16 == 0xEA00_0000_0000, w & 0xFF00_00FF_0000_0000 == 0x2D00_002D_0000_0000 else { return nil }
        // The eight digits in one word, `YYYYMMDD`.
        let digits = w & 0xFFFF_FFFF | w >> 8 & 0xFFFF_0000_0000 | words.1 << 48
        // Each is a digit if its byte less '0' is below 10: taking '0' from a byte below it
        // borrows into the byte's top bit, adding 0x46 to one above '9' carries into it (ASCII
        // bytes: nothing carries out of a byte).
        let values = digits &- 0x3030_3030_3030_3030
        guard (values | (digits &+ 0x4646_4646_4646_4646)) & 0x8080_8080_8080_8080 == 0 else { return nil }
        func digit(_ i: UInt64) -> Int { Int(truncatingIfNeeded: values >> (8 &* i) & 0xFF) }
        self.init(year: digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3), month: digit(4) * 10 + digit(5),
                  day: digit(6) * 10 + digit(7))
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(_ text: Substring) {
        guard let d = Self.parse(utf8: text.utf8) else { return nil }
        self = d
    }

    public init?(_ text: String) {
        // Not through a Substring: made first, it cost a date hundreds of instructions more.
        guard let d = Self.parse(utf8: text.utf8) else { return nil }
        self = d
    }

    /// Native strings are contiguous UTF-8: parsed in place rather than copied, each date.
    private static func parse(utf8: some Collection<UInt8>) -> CivilDate? {
        utf8.withContiguousStorageIfAvailable { parse($0) } ?? parse(Array(utf8)[...])
    }

    /// Generic over the byte container so that the parser reads dates in place, from the
    /// ledger's buffer, without copying them into an array first.
    static func parse<Bytes: RandomAccessCollection<UInt8>>(_ b: Bytes) -> CivilDate? where Bytes.Index == Int {
        guard b.count == 10 else { return nil }
        let s = b.startIndex
        guard b[s + 4] == UInt8(ascii: "-"), b[s + 7] == UInt8(ascii: "-"),
              let y = digits(b, s, 4), let m = digits(b, s + 5, 2), let d = digits(b, s + 8, 2)
        else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    /// Inlined where the count is a constant, so that each timestamp's seven numbers unroll
    /// to a few instructions each instead of a loop and a call.
    @inline(__always)
    static func digits<Bytes: RandomAccessCollection<UInt8>>(_ b: Bytes, _ from: Int, _ count: Int) -> Int? where Bytes.Index == Int {
        var v = 0
        var i = from
        while i < from &+ count {
            // Wrapping: a byte below '0' becomes 246 or more, and at most four digits are read.
            let d = b[i] &- 48
            guard d < 10 else { return nil }
            v = v &* 10 &+ Int(d)
            i &+= 1
        }
        return v
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. Inlined:
    // a few multiplications, called for every date a line gives.
    @inline(__always)
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    public func days(until other: CivilDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int { ((daysSinceEpoch % 7) + 7 + 3) % 7 }

    public var description: String {
        let c = components
        // Reports print a date in most rows: written into a small String's words (a year of
        // four digits), where joining padded numbers cost more than the rest of the row.
        if let text = SmallASCII.date(year: c.year, month: c.month, day: c.day) { return text }
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }
}

func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// A moment as the ledger writes it: local wall time and its UTC offset, `2025-03-14T08:00+07:00`.
/// Keeps the offset so that printing gives back the same text.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The instant, the offset and whether seconds were written, in one word: every event and
    /// every task holds timestamps, and as three fields one took 16 bytes. From the top: the
    /// instant (51 bits), the offset plus 2048 (12 bits), then whether seconds were written.
    private let bits: Int64

    /// Offsets are within ±24 hours (the parser allows ±14), well inside the 12 bits they get.
    private static let offsetLimit = 24 * 60
    private static let offsetBias = 2048
    /// Instants are within ±2^50 seconds (35 million years) of 1970, the 51 bits they get.
    private static let instantLimit = 1 << 50

    /// Seconds since 1970-01-01T00:00Z.
    public var instant: Int { Int(bits >> 13) }
    /// Minutes east of UTC, as written.
    public var offsetMinutes: Int { Int(bits >> 1 & 0xFFF) - Self.offsetBias }
    /// Whether seconds were written; printing keeps the original precision.
    public var hasSeconds: Bool { bits & 1 == 1 }

    /// A timestamp or none in one word: no timestamp has the bits of `Int64.min` (its instant
    /// would be -2^50), which stand for none. `Timestamp?` took a byte more, and the padding
    /// after it seven.
    struct OrNone: Hashable, Sendable {
        private let bits: Int64
        static let none = OrNone(nil)

        init(_ t: Timestamp?) { bits = t?.bits ?? .min }

        var value: Timestamp? { bits == .min ? nil : Timestamp(bits: bits) }
    }

    private init(bits: Int64) { self.bits = bits }

    public init(instant: Int, offsetMinutes: Int, hasSeconds: Bool = true) {
        precondition(abs(offsetMinutes) <= Self.offsetLimit, "a UTC offset is within 24 hours")
        precondition(abs(instant) < Self.instantLimit, "an instant is within 35 million years of 1970")
        let seconds = hasSeconds || instant % 60 != 0
        bits = Int64(instant) << 13 | Int64(offsetMinutes + Self.offsetBias) << 1 | (seconds ? 1 : 0)
    }

    /// The calendar date of this moment in a zone `offsetMinutes` east of UTC.
    public func date(inOffset offset: Int) -> CivilDate {
        // Both are bounded (`instantLimit`, `offsetLimit`) far inside an Int: no overflow.
        let local = instant &+ offset &* 60
        return CivilDate(daysSinceEpoch: local >= 0 ? local / 86400 : (local - 86399) / 86400)
    }

    public enum ParseError: Error, Equatable { case malformed, impossibleDate, impossibleTime }

    /// `YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)`, from any bytes.
    public static func parse<Bytes: RandomAccessCollection<UInt8>>(_ b: Bytes) -> Result<Timestamp, ParseError> where Bytes.Index == Int {
        var memo = DayMemo()
        return b.withContiguousStorageIfAvailable { parse($0, rememberingDay: &memo) }
            ?? Array(b).withUnsafeBufferPointer { parse($0, rememberingDay: &memo) }
    }

    /// The last date a parser read and its day number, the last zone (`±HH:MM`, after a time
    /// without seconds) and its minutes, and the last such timestamp whole. Events are written
    /// in time order, dozens to a day, in one zone, so most lines start with the date of the line
    /// before, which is then neither read digit by digit, checked against the calendar, nor
    /// counted from 1970 again, and end their timestamp with its zone, which is not read again
    /// either; and events recorded together (an import, a batch of reports) share the minute,
    /// as seven lines in ten of a generated ledger do: the timestamp is then not read at all.
    struct DayMemo {
        private var text: (UInt64, UInt16)?
        private var days = 0
        private var zone: (UInt32, UInt16)?
        private var zoneMinutes = 0
        private var stamp: (UInt64, UInt64, UInt64)?
        private var stamped = Timestamp(bits: 0)

        /// The timestamp read last, if `b` is its 22 bytes (`YYYY-MM-DDTHH:MM±HH:MM`) again.
        func timestamp(of b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
            guard b.count == Self.stampWithZone, let stamp, Self.stamp(b) == stamp else { return nil }
            return stamped
        }

        /// The timestamp read last, if the bytes of `line` from `start` are its 22 again and a
        /// space follows them: then they are the whole token, which need not be searched for
        /// its end (a stamp read is never blank). Most lines share their minute with the line
        /// before.
        @inline(__always)
        func timestamp(startingAt start: Int, in line: UnsafeBufferPointer<UInt8>) -> Timestamp? {
            guard let stamp, start &+ Self.stampWithZone < line.count, line[start &+ Self.stampWithZone] == 32,
                  Self.stamp(UnsafeBufferPointer(start: line.baseAddress.unsafelyUnwrapped + start, count: Self.stampWithZone)) == stamp
            else { return nil }
            return stamped
        }

        mutating func remember(stamp b: UnsafeBufferPointer<UInt8>, _ t: Timestamp) {
            guard b.count == Self.stampWithZone else { return }
            stamp = Self.stamp(b)
            stamped = t
        }

        /// All 22 bytes, as three words, the last two overlapping.
        private static func stamp(_ b: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64) {
            // Called for 22 bytes: they have an address.
            let raw = UnsafeRawPointer(b.baseAddress.unsafelyUnwrapped)
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                    raw.loadUnaligned(fromByteOffset: 14, as: UInt64.self))
        }

        /// The day number of the date `b` starts with (ten bytes, there), if it is the last one.
        func days(of b: UnsafeBufferPointer<UInt8>) -> Int? {
            guard let text, Self.text(b) == text else { return nil }
            return days
        }

        mutating func remember(_ b: UnsafeBufferPointer<UInt8>, days: Int) {
            text = Self.text(b)
            self.days = days
        }

        private static func text(_ b: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt16) {
            let raw = UnsafeRawPointer(b.baseAddress!)
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        }

        /// The minutes of the zone the 22 bytes of `b` end with (`YYYY-MM-DDTHH:MM±HH:MM`), if it
        /// is the last one.
        func zoneMinutes(of b: UnsafeBufferPointer<UInt8>) -> Int? {
            guard b.count == Self.stampWithZone, let zone, Self.zone(b) == zone else { return nil }
            return zoneMinutes
        }

        mutating func remember(zoneOf b: UnsafeBufferPointer<UInt8>, minutes: Int) {
            guard b.count == Self.stampWithZone else { return }
            zone = Self.zone(b)
            zoneMinutes = minutes
        }

        /// The length of a timestamp without seconds that ends with `±HH:MM`.
        static let stampWithZone = 22

        private static func zone(_ b: UnsafeBufferPointer<UInt8>) -> (UInt32, UInt16) {
            let raw = UnsafeRawPointer(b.baseAddress!)
            return (raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self), raw.loadUnaligned(fromByteOffset: 20, as: UInt16.self))
        }
    }

    /// `parse`, skipping the date and the zone when they are `memo`'s (and remembering them when
    /// not), and the whole timestamp when it is. The parser reads every line's timestamp in
    /// place, from the ledger's buffer. Inlined, so that a timestamp seen last costs the parser
    /// a compare, not a call.
    @inline(__always)
    static func parse(_ b: UnsafeBufferPointer<UInt8>, rememberingDay memo: inout DayMemo) -> Result<Timestamp, ParseError> {
        if let same = memo.timestamp(of: b) { return .success(same) }
        let parsed = parseAfresh(b, rememberingDay: &memo)
        if case .success(let t) = parsed { memo.remember(stamp: b, t) }
        return parsed
    }

    /// `parse` of a timestamp other than the last one.
    private static func parseAfresh(_ b: UnsafeBufferPointer<UInt8>, rememberingDay memo: inout DayMemo) -> Result<Timestamp, ParseError> {
        let s = b.startIndex
        guard b.count >= 17, b[s + 10] == UInt8(ascii: "T"), b[s + 13] == UInt8(ascii: ":"),
              let hh = CivilDate.digits(b, s + 11, 2), let mm = CivilDate.digits(b, s + 14, 2)
        else { return .failure(.malformed) }
        let days: Int
        if let known = memo.days(of: b) {
            days = known
        } else {
            guard b[s + 4] == UInt8(ascii: "-"), b[s + 7] == UInt8(ascii: "-"),
                  let y = CivilDate.digits(b, s, 4), let mo = CivilDate.digits(b, s + 5, 2), let d = CivilDate.digits(b, s + 8, 2)
            else { return .failure(.malformed) }
            guard let date = CivilDate(year: y, month: mo, day: d) else { return .failure(.impossibleDate) }
            days = date.daysSinceEpoch
            memo.remember(b, days: days)
        }
        if let zone = memo.zoneMinutes(of: b) {
            guard hh < 24, mm < 60 else { return .failure(.impossibleTime) }
            // A day of a four-digit year, a time of day and a zone read from ±HH:MM: the sum
            // stays far inside an Int, unchecked.
            return .success(Timestamp(instant: days &* 86400 &+ hh &* 3600 &+ mm &* 60 &- zone &* 60, offsetMinutes: zone, hasSeconds: false))
        }
        var i = s + 16
        var ss = 0
        var hasSeconds = false
        if i < b.endIndex, b[i] == UInt8(ascii: ":") {
            guard i + 3 <= b.endIndex, let v = CivilDate.digits(b, i + 1, 2) else { return .failure(.malformed) }
            ss = v; hasSeconds = true; i += 3
        }
        guard hh < 24, mm < 60, ss < 60 else { return .failure(.impossibleTime) }
        var offset = 0
        guard i < b.endIndex else { return .failure(.malformed) }
        if b[i] == UInt8(ascii: "Z"), i + 1 == b.endIndex {
            offset = 0
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), i + 6 == b.endIndex, b[i + 3] == UInt8(ascii: ":"),
                  let oh = CivilDate.digits(b, i + 1, 2), let om = CivilDate.digits(b, i + 4, 2) {
            guard oh <= 14, om < 60 else { return .failure(.impossibleTime) }
            offset = (oh * 60 + om) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            memo.remember(zoneOf: b, minutes: offset)
        } else {
            return .failure(.malformed)
        }
        let local = days * 86400 + hh * 3600 + mm * 60 + ss
        return .success(Timestamp(instant: local - offset * 60, offsetMinutes: offset, hasSeconds: hasSeconds))
    }

    public static func parse(_ text: String) -> Timestamp? {
        if case .success(let t) = parse(Array(text.utf8)[...]) { return t }
        return nil
    }

    public var description: String {
        let local = instant + offsetMinutes * 60
        let day = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let secs = local - day * 86400
        var s = CivilDate(daysSinceEpoch: day).description + "T" + pad(secs / 3600, 2) + ":" + pad(secs % 3600 / 60, 2)
        if hasSeconds { s += ":" + pad(secs % 60, 2) }
        return s + Timestamp.offsetText(offsetMinutes)
    }

    public static func offsetText(_ minutes: Int) -> String {
        if minutes == 0 { return "Z" }
        let a = abs(minutes)
        return (minutes < 0 ? "-" : "+") + pad(a / 60, 2) + ":" + pad(a % 60, 2)
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.instant < b.instant }
}

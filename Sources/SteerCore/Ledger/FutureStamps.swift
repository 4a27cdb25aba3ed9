/// Where a ledger whose last event is stamped ahead of the clock went wrong: its first line
/// stamped more than `Board.stampLeadSeconds` after now, most likely a hand edit with the year
/// mistyped. Events are in time order, so every line after it is ahead too, and no writer may
/// follow them (`Board.stamp(now:)`): `steer check` points at that line.
public enum FutureStamps {
    /// The first event line of `bytes` (a whole ledger) stamped more than the lead after `now`,
    /// as an error at its time; nil when there is none.
    public static func first(after now: Timestamp, in bytes: UnsafeBufferPointer<UInt8>, file: String) -> Diagnostic? {
        var start = 0
        var line = 1
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
            var stampEnd = 0
            while stampEnd < text.count, text[stampEnd] != 32, text[stampEnd] != 9 { stampEnd += 1 }
            // Lines that are not events (the version line, comments, blanks) start with no time.
            if case .success(let time) = Timestamp.parse(UnsafeBufferPointer(rebasing: text[0..<stampEnd])),
               time.instant - now.instant > Board.stampLeadSeconds {
                return .at(file, line: line, bytes: text, byteOffset: 0,
                           "this event is stamped \(time), more than a day after now (\(now)); no event can be recorded after it",
                           hint: "correct its time, and that of the lines after it stamped in the future")
            }
            start = end + 1
            line += 1
        }
        return nil
    }
}

/// The "5 rõ" points an assignment must be clear on, and the sixth (authority) that later texts add.
public enum ClarityPoint: String, CaseIterable, Sendable {
    case person, work, time, responsibility, result, authority

    /// Its bit in a set of points (`ClarityPoints`): its place in the rule.
    var bit: UInt8 {
        switch self {
        case .person: return 1 << 0
        case .work: return 1 << 1
        case .time: return 1 << 2
        case .responsibility: return 1 << 3
        case .result: return 1 << 4
        case .authority: return 1 << 5
        }
    }

    public var vietnamese: String {
        switch self {
        case .person: return "rõ người"
        case .work: return "rõ việc"
        case .time: return "rõ thời gian"
        case .responsibility: return "rõ trách nhiệm"
        case .result: return "rõ kết quả"
        case .authority: return "rõ thẩm quyền"
        }
    }

    /// What a ledger needs for the point to be clear; shown next to a failing point.
    public var requirement: String {
        switch self {
        case .person: return "a named person or unit in charge (owner=)"
        case .work: return "a title of at least two words saying what is to be done (title=)"
        case .time: return "a deadline date (due=)"
        case .responsibility: return "exactly one lead agency (lead=), coordinating bodies apart (support=)"
        case .result: return "the deliverable (product=)"
        case .authority: return "who decides (authority=)"
        }
    }

    /// The points in force for a ledger: five, or six when it asks for authority.
    public static func points(_ config: LedgerConfig) -> [ClarityPoint] {
        config.authorityRequired ? allCases : allCases.filter { $0 != .authority }
    }

    /// Whether `t` is clear on this point, its leads counted as `board` merged them.
    public func isClear(_ t: Assignment, on board: Board) -> Bool {
        withUnsafePointer(to: t) { isClear($0, on: board) }
    }

    /// The same, reading only the field the point is about where the task lies.
    func isClear(_ t: UnsafePointer<Assignment>, on board: Board) -> Bool {
        switch self {
        case .person: return Self.filled(t.pointee.owner)
        case .work: return t.pointee.title.map(Self.hasTwoWords) ?? false
        case .time: return t.pointee.due != nil
        case .responsibility:
            let leads = t.pointee.leads
            // Two leads of which one was merged into the other are one agency now.
            return leads.count == 1 || board.anyMerged && !leads.isEmpty && leads.allSatisfy { board.canonicalAgency($0) == board.canonicalAgency(leads[0]) }
        case .result: return Self.filled(t.pointee.product)
        case .authority: return Self.filled(t.pointee.authority)
        }
    }

    /// Two words: something shown, then a space, then something shown again.
    static func hasTwoWords(_ title: String) -> Bool {
        // An ASCII space between ASCII letters, digits or marks settles nearly every title byte
        // by byte; other bytes, which may be of characters that draw as nothing, are left to
        // the characters.
        // Where they lie: iterated as `utf8`, each byte cost a dozen instructions.
        let settled: Bool? = title.withUTF8Bytes { bytes in
            var seenWord = false, seenGap = false, ascii = true
            for c in bytes {
                switch c {
                case 9...13, 32:
                    if seenWord { seenGap = true }
                case 0x21...0x7E:
                    if seenGap { return true }
                    seenWord = true
                case 0x80...:
                    ascii = false
                default:
                    // A control character (from an escape) draws nothing: neither word nor space.
                    break
                }
            }
            return ascii ? false : nil
        }
        if let settled { return settled }
        // Else by characters: any space (a no-break space from a spreadsheet too) parts words,
        // and a character that draws as nothing makes none.
        var words = 0, inWord = false
        for ch in title {
            if ch.isWhitespace {
                inWord = false
            } else if !inWord, Self.isShown(ch) {
                inWord = true
                words += 1
                if words == 2 { return true }
            }
        }
        return false
    }

    /// Given, and not only spaces or characters that draw as nothing (`Sanitizer`).
    static func filled(_ s: String?) -> Bool {
        guard let s else { return false }
        // An ASCII letter settles it without breaking the text into characters.
        if s.withUTF8Bytes({ $0.contains { $0 > 32 && $0 < 0x7F } }) { return true }
        return s.contains { !$0.isWhitespace && isShown($0) }
    }

    private static func isShown(_ ch: Character) -> Bool {
        ch.unicodeScalars.contains { !Sanitizer.isUnsafe($0) && !$0.properties.isDefaultIgnorableCodePoint }
    }
}

/// Some of the clarity points, a bit each, listed in the rule's order: what a verdict keeps of
/// the points its task fails. A list of them took 8 bytes in every verdict and an allocation for
/// every unclear task (at 1M tasks, 8 MB and 4.9 MB at the screen's start).
public struct ClarityPoints: Hashable, Sendable, Sequence, ExpressibleByArrayLiteral {
    private var bits: UInt8 = 0

    public init() {}

    public init(arrayLiteral points: ClarityPoint...) {
        for p in points { insert(p) }
    }

    public mutating func insert(_ p: ClarityPoint) { bits |= p.bit }

    public func contains(_ p: ClarityPoint) -> Bool { bits & p.bit != 0 }

    public var isEmpty: Bool { bits == 0 }

    public var count: Int { bits.nonzeroBitCount }

    public func makeIterator() -> Iterator { Iterator(bits: bits) }

    /// The points in the rule's order.
    public struct Iterator: IteratorProtocol {
        fileprivate let bits: UInt8
        private var place = 0

        fileprivate init(bits: UInt8) { self.bits = bits }

        public mutating func next() -> ClarityPoint? {
            let all = ClarityPoint.allCases
            while place < all.count {
                defer { place += 1 }
                if bits & all[place].bit != 0 { return all[place] }
            }
            return nil
        }
    }
}

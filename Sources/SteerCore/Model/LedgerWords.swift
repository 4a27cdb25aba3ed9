/// Kinds and stages as replay reads them from an event, for every `assign` and `stage`: the
/// raw-value initialiser compares the text with each case in turn (some 430 instructions an
/// event); a `NameTable` of the words hashes it once, or finds it by its String's words alone.
/// Words are matched exactly, as bytes.
extension TaskKind {
    private static let byWord = NameTable(words: allCases)

    init?(word: String) {
        guard let kind = Self.byWord[word] else { return nil }
        self = kind
    }

    /// The kind written in the String of the words `words` (`EventReading.valueWords`), found by
    /// them alone; nil says only that `init(word:)` must look on.
    init?(words: (UInt64, UInt64)) {
        guard let kind = Self.byWord[words: words] else { return nil }
        self = kind
    }
}

extension Stage {
    private static let byWord = NameTable(words: allCases)

    init?(word: String) {
        guard let stage = Self.byWord[word] else { return nil }
        self = stage
    }

    /// The stage written in the String of the words `words`, as `TaskKind(words:)` finds a kind.
    init?(words: (UInt64, UInt64)) {
        guard let stage = Self.byWord[words: words] else { return nil }
        self = stage
    }
}

extension NameTable where Value: RawRepresentable<String> {
    /// Each value under the word the ledger writes for it.
    init(words: some Sequence<Value>) {
        self.init()
        for value in words { set(value.rawValue, to: value) }
    }
}

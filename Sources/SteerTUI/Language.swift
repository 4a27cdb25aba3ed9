/// The language of the labels: Vietnamese for a vi_* locale, English otherwise.
public enum Language: String, CaseIterable, Sendable {
    case en, vi

    /// The locale that decides messages, in POSIX order of precedence.
    public static func from(environment env: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = env[name], !v.isEmpty { return v.lowercased().hasPrefix("vi") ? .vi : .en }
        }
        return .en
    }

    public func t(_ en: String, _ vi: String) -> String { self == .vi ? vi : en }

    public func say(_ p: Phrase) -> String { t(p.en, p.vi) }
}

/// A label in both languages, for tables (the key table, form fields) built before the
/// language is known.
public struct Phrase: Hashable, Sendable {
    public let en: String
    public let vi: String
    public init(_ en: String, _ vi: String) { self.en = en; self.vi = vi }
}

/// Unicode Normalization Form C, the form the ledger stores text in, so that the decomposed
/// (NFD) Vietnamese some editors write compares, folds and prints like the composed form.
public enum NFC {
    /// `text` in NFC. The standard library of Swift 6.3 has no public normalising API (only
    /// the check `UTF8Span.checkForNFC`); `_nfcCodeUnits` is its public but underscored entry
    /// to the normaliser it uses for String comparison, and saves linking Foundation, whose
    /// `precomposedStringWithCanonicalMapping` brings ICU and ~7 MB of resident memory to
    /// every run. The two agree on all text but what Foundation's normaliser got wrong: it
    /// knows Unicode 15 only, leaves a Hangul LV syllable before a trailing jamo uncomposed,
    /// and composes a supplementary-plane scalar followed by a mark as if it were the BMP
    /// scalar with the same low 16 bits (U+11F40 U+0300 became U+1F42).
    public static func of(_ text: String) -> String {
        String(decoding: text._nfcCodeUnits, as: UTF8.self)
    }
}

/// A path written into a command a hint tells the user to run: quoted for a POSIX shell, so
/// that pasting the command acts on that file and nothing else, whatever its name holds
/// (`Lan's.ledger`, spaces, `$(…)`).
public enum ShellWord {
    public static func quoted(_ word: String) -> String {
        // A path starting with `-` would be read as an option by the command it is given to.
        if word.hasPrefix("-") { return quoted("./" + word) }
        let plain = !word.isEmpty && word.utf8.allSatisfy { c in
            (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c) || "/._-+,:@%=".utf8.contains(c)
        }
        if plain { return word }
        return "'" + word.replacing("'", with: #"'\''"#) + "'"
    }
}

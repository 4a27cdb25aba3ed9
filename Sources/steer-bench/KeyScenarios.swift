import SteerCore
import SteerTUI

/// Key → frame on the real screen: for each key, `App.update(state, .key(k))`, the new state
/// taking the old one's place (freeing what the key replaced, as `Program.dispatch` does), and
/// `App.view` of the whole frame. Nothing is simulated: the state is the one `steer tui` builds
/// from the loaded ledger, and the keys are the ones a user presses.
struct KeySession {
    static let size = Size(width: 120, height: 40)
    /// The result of each `view`, kept so that the optimiser cannot drop a frame nobody reads.
    static nonisolated(unsafe) var frameSink = 0

    var state: AppState
    /// Where the reads a key asks for are run, as `steer tui` runs them: the task's history
    /// read back from the file is part of the key that opens its detail. The search texts a
    /// filter line asks for are folded on other cores, as the screen does it, from that key on.
    let journal: FileJournal
    let clock = ContinuousClock()

    /// Sends one key, runs the reads it asks for, draws the frame, and returns the time from the
    /// key to the finished frame.
    mutating func press(_ k: Keystroke) -> Duration {
        let t0 = clock.now
        var effects = App.update(&state, .key(k))
        var i = 0
        while i < effects.count {
            switch effects[i] {
            case .readHistory(let key): effects += App.update(&state, .historyRead(key, HistoryRead(key, from: journal)))
            case .buildSearchIndex: state.buildSearchIndex()
            default: break
            }
            i += 1
        }
        let frame = App.view(state, size: Self.size)
        let took = t0.duration(to: clock.now)
        Self.frameSink &+= frame.cells.count &+ (frame.cursor?.x ?? 0)
        return took
    }
}

/// One key of a drill. A `label` names the row its time goes to; a key without one only moves
/// the drill along (the `j` that picks another task between two detail views).
struct Step {
    let label: String?
    let key: Keystroke
    init(_ label: String?, _ key: Keystroke) { self.label = label; self.key = key }
}

/// A sequence of keys pressed again and again on a fresh copy of the start state, with a check
/// after each round that the keys did what they are meant to (so a row cannot time a key that
/// did nothing).
struct Drill {
    let steps: [Step]
    let check: (AppState) throws -> Void

    init(_ steps: [Step], check: @escaping (AppState) throws -> Void = { _ in }) {
        self.steps = steps
        self.check = check
    }

    /// Rounds until every label has `runs` samples, or has `minimumRuns` and `budget` is spent.
    /// Returns the labels in the order of the steps, with their samples.
    func run(from start: AppState, journal: FileJournal, runs: Int, minimumRuns: Int, budget: Duration) throws -> [(String, Samples)] {
        var session = KeySession(state: start, journal: journal)
        var order: [String] = []
        var samples: [String: Samples] = [:]
        for s in steps { if let l = s.label, samples[l] == nil { order.append(l); samples[l] = Samples() } }
        let started = session.clock.now
        while true {
            for s in steps {
                let took = session.press(s.key)
                if let l = s.label { samples[l]!.add(took) }
            }
            try check(session.state)
            let fewest = samples.values.map(\.count).min() ?? 0
            if fewest >= runs || (fewest >= minimumRuns && started.duration(to: session.clock.now) > budget) { break }
        }
        return order.map { ($0, samples[$0]!) }
    }
}

extension Drill {
    static let typed = "dong nai"

    static var all: [Drill] {
        [
            Drill([Step("j move the selection (Tasks)", .char("j"))]),
            Drill([Step("PgDn (Tasks)", .pageDown)]),
            // Typing a filter: each character re-filters as it is typed; Enter keeps it, Esc clears it.
            Drill([Step("/ open the filter line", .char("/"))]
                  + typed.map { Step("/ filter, one more character typed (\"\(typed)\")", .char($0)) }
                  + [Step("Enter apply the filter", .enter), Step("Esc clear the filter", .escape)]) { s in
                guard s.filterText.isEmpty, s.derived.matching == s.overview.rows.count else { throw BenchError("Esc did not clear the filter") }
            },
            Drill([Step("s sort Tasks by the next key", .char("s"))]),
            Drill([Step("2 Deadlines pane", .char("2")), Step("3 Overdue decrees pane", .char("3")),
                   Step("4 Agencies pane", .char("4")), Step("1 Tasks pane", .char("1"))]) { s in
                guard s.pane == .tasks else { throw BenchError("1 did not show the Tasks pane") }
            },
            Drill([Step("Enter open a task's detail", .enter), Step("Esc back to the list", .escape), Step(nil, .char("j"))]) { s in
                guard case .panes = s.screen else { throw BenchError("Esc did not leave the detail") }
            },
        ]
    }

    /// Checks that typing the filter finds tasks, so that its rows time a filter that matches.
    static func checkFilter(_ start: AppState, journal: FileJournal) throws {
        var session = KeySession(state: start, journal: journal)
        for k in [Keystroke.char("/")] + typed.map(Keystroke.char) + [.enter] { _ = session.press(k) }
        guard session.state.filterText == typed, session.state.derived.matching > 0 else {
            throw BenchError("the filter \"\(typed)\" matches no task on this ledger")
        }
        _ = session.press(.enter)
        guard case .detail = session.state.screen else { throw BenchError("Enter did not open a task") }
        guard case .events(let history)? = session.state.history?.read, !history.isEmpty else {
            throw BenchError("the detail did not read the task's history back from the file")
        }
    }
}

/// Durations of repeated runs of one operation, summarised as percentiles.
struct Samples {
    private(set) var durations: [Duration] = []

    mutating func add(_ d: Duration) { durations.append(d) }

    var count: Int { durations.count }

    /// The nearest-rank percentile: with fewer than 100 samples, p99 is the slowest run.
    func percentile(_ p: Double) -> Duration {
        precondition(!durations.isEmpty, "no samples")
        let sorted = durations.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    var p50: Duration { percentile(50) }
    var p99: Duration { percentile(99) }

    /// Times `work` `runs` times, but stops early once `budget` is spent (keeping at least
    /// `minimumRuns`), so that slow operations on a large ledger do not take minutes.
    static func time(runs: Int, minimumRuns: Int = 3, budget: Duration = .seconds(10), _ work: () throws -> Void) rethrows -> Samples {
        let clock = ContinuousClock()
        return try collect(runs: runs, minimumRuns: minimumRuns, budget: budget) {
            let t0 = clock.now
            try work()
            return t0.duration(to: clock.now)
        }
    }

    /// The same for work that times the part of it that counts, and returns that time.
    static func collect(runs: Int, minimumRuns: Int = 3, budget: Duration = .seconds(10), _ sample: () throws -> Duration) rethrows -> Samples {
        let clock = ContinuousClock()
        var s = Samples()
        let started = clock.now
        while s.count < runs {
            s.add(try sample())
            if s.count >= minimumRuns, started.duration(to: clock.now) > budget { break }
        }
        return s
    }
}

extension Duration {
    var milliseconds: Double {
        let (s, atto) = components
        return Double(s) * 1e3 + Double(atto) / 1e15
    }
}

/// One result line for scripts/bench.sh: tab-separated section, name, p50 ms, p99 ms, samples.
func report(_ section: String, _ name: String, _ s: Samples) {
    print([section, name, format(s.p50.milliseconds), format(s.p99.milliseconds), String(s.count)].joined(separator: "\t"))
}

func format(_ ms: Double) -> String {
    let hundredths = Int((ms * 100).rounded())
    let fraction = String(hundredths % 100)
    return String(hundredths / 100) + "." + (fraction.count == 1 ? "0" + fraction : fraction)
}

import ArgumentParser
import Glibc
import SteerCore

/// Writes a deterministic synthetic ledger with the shape of the real one, for benchmarks:
/// the same arguments give the same bytes on every machine.
@main
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steer-gen",
        abstract: "Write a synthetic steer ledger of N tasks (and optionally the same tasks for taskwarrior).")

    @Option(name: .long, help: "How many tasks.") var tasks: Int
    @Option(name: .long, help: "Seed of the random stream; the same seed gives the same bytes.") var seed: UInt64 = 57
    @Option(name: .long, help: "The ledger file to write.") var out: String
    @Option(name: .long, help: "Also write the tasks as a taskwarrior import file (JSON).") var taskwarrior: String?

    func validate() throws {
        guard tasks > 0, tasks < 1 << 31 else { throw ValidationError("--tasks takes a count from 1 to 2^31-1") }
    }

    func run() throws {
        do {
            try writeLedger()
            if let taskwarrior { try writeTaskwarrior(taskwarrior) }
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
    }

    func writeLedger() throws(GeneratorError) {
        let file = try OutputFile(path: out)
        try file.write(LedgerHeader.text + "\n")
        for (comment, event) in Declarations.events(seed: seed) {
            if let comment { try file.write("# " + comment + "\n") }
            try file.write(LedgerPrinter.line(event) + "\n")
        }
        try file.write("# assignments\n")
        var plan: TaskPlan?
        for key in schedule() {
            let step = key.step
            if plan?.index != key.task { plan = TaskPlan(index: key.task, of: tasks, seed: seed) }
            try file.write(LedgerPrinter.line(plan!.event(step)) + "\n")
        }
        try file.close()
    }

    /// Every step of every task, in the order they happened: by time, then task, then step.
    func schedule() -> [ScheduleKey] {
        var keys: [ScheduleKey] = []
        keys.reserveCapacity(tasks * 7)
        for i in 0..<tasks {
            let plan = TaskPlan(index: i, of: tasks, seed: seed)
            for (k, s) in plan.steps.enumerated() {
                keys.append(ScheduleKey(minute: s.day * 1440 + s.minute, task: i, step: k))
            }
        }
        keys.sort()
        return keys
    }

    func writeTaskwarrior(_ path: String) throws(GeneratorError) {
        let file = try OutputFile(path: path)
        try file.write("[\n")
        for i in 0..<tasks {
            try file.write(TaskwarriorExport.object(TaskPlan(index: i, of: tasks, seed: seed)) + (i + 1 < tasks ? ",\n" : "\n"))
        }
        try file.write("]\n")
        try file.close()
    }
}

/// One step's place in the ledger, packed in a word so that millions of them sort quickly:
/// minutes since the base day (24 bits), the task (32 bits), the step within it (8 bits).
struct ScheduleKey: Comparable {
    let packed: UInt64

    init(minute: Int, task: Int, step: Int) {
        packed = UInt64(minute) << 40 | UInt64(task) << 8 | UInt64(step)
    }

    var task: Int { Int(packed >> 8 & 0xFFFF_FFFF) }
    var step: Int { Int(packed & 0xFF) }

    static func < (a: ScheduleKey, b: ScheduleKey) -> Bool { a.packed < b.packed }
}

func printError(_ text: String) {
    var line = text + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

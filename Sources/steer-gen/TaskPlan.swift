import SteerCore

/// Who records a step: the secretariat, or the focal point of the agency leading the task then
/// (the secretariat stands in when the task has no lead).
enum Recorder { case secretariat, focal }

/// What one step of a task's life does. Text is held as indices into `Vocabulary`, so that a
/// plan is cheap to rebuild: the generator rebuilds it for every event it prints.
enum StepAction {
    case assign
    /// Fills in a clarity field left out at assignment.
    case amend(Key)
    case start
    case report(progress: Int, note: Int?)
    case block(note: Int)
    case unblock(note: Int)
    case extend(reason: Int, byDays: Int)
    case submit
    case accept
    case sendBack(note: Int)
    case reassign(to: Int)
    case cancel(reason: Int)
    case stage(Stage)

    var recorder: Recorder {
        switch self {
        case .start, .report, .block, .submit: return .focal
        case .stage(let s): return s == .issued ? .secretariat : .focal
        default: return .secretariat
        }
    }
}

struct PlannedStep {
    let day: Int
    let minute: Int
    let action: StepAction
}

/// One synthetic task: its assignment and the steps of its life, all drawn from the task's own
/// random stream, so the plan of task `index` is the same whenever and however often it is made.
struct TaskPlan {
    let index: Int
    let id: String
    let kind: TaskKind
    let title: String
    /// Indices into `Directory.all`; none or two make an unclear responsibility.
    let leads: [Int]
    let support: [Int]
    let owner: String?
    let product: String?
    /// Days from the base day; nil when the assignment gives no deadline.
    let dueDay: Int?
    /// What a later `amend` fills in when the assignment left the deadline or the lead out.
    let amendedDueDay: Int
    let amendedLead: Int
    let source: String
    let steps: [PlannedStep]

    init(index: Int, of total: Int, seed: UInt64) {
        var rng = SplitMix64(seed: seed, stream: UInt64(index))
        self.index = index
        let programme = rng.pick(Vocabulary.programmes)
        id = programme.code + "-" + String(index + 1).leftPadded(to: 7)
        source = programme.source
        kind = Self.drawKind(&rng)
        title = Self.drawTitle(kind, &rng)

        let leadCount = rng.chance(0.03) ? 0 : rng.chance(0.02) ? 2 : 1
        var leads: [Int] = []
        while leads.count < leadCount {
            let a = Self.drawAgency(&rng)
            if !leads.contains(a) { leads.append(a) }
        }
        self.leads = leads
        var support: [Int] = []
        if rng.chance(0.4) {
            for _ in 0..<rng.int(1...2) {
                let a = rng.int(0...(Directory.central.count - 1))
                if !leads.contains(a), !support.contains(a) { support.append(a) }
            }
        }
        self.support = support
        let central = leads.first.map { Directory.all[$0].isCentral } ?? true
        owner = rng.chance(0.08) ? nil : rng.pick(central ? Vocabulary.centralOwners : Vocabulary.provincialOwners)
        product = rng.chance(0.07) ? nil : rng.pick(Vocabulary.products(kind))

        let assignDay = Timeline.weekday(onOrAfter: 1 + index * Timeline.assignmentDays / max(total, 1))
        let dueDay: Int? = rng.chance(0.05) ? nil : assignDay + rng.int(20...180)
        self.dueDay = dueDay
        amendedDueDay = assignDay + rng.int(60...120)
        amendedLead = Self.drawAgency(&rng)
        steps = Self.drawSteps(&rng, kind: kind, assignDay: assignDay, deadline: dueDay ?? amendedDueDay, leads: leads,
                               missing: [owner == nil ? Key.owner : nil, product == nil ? .product : nil, dueDay == nil ? .due : nil, leads.isEmpty ? .lead : nil].compactMap { $0 })
    }

    static func drawKind(_ rng: inout SplitMix64) -> TaskKind {
        switch rng.int(0...99) {
        case 0..<10: return .decree
        case 10..<15: return .decision
        case 15..<19: return .circular
        case 19..<21: return .law
        case 21..<23: return .resolution
        case 23..<66: return .task
        case 66..<81: return .plan
        case 81..<94: return .report
        default: return .system
        }
    }

    static func drawTitle(_ kind: TaskKind, _ rng: inout SplitMix64) -> String {
        switch kind {
        case .decree: return (rng.chance(0.5) ? "Nghị định quy định chi tiết " : "Nghị định sửa đổi, bổ sung quy định về ") + rng.pick(Vocabulary.legalSubjects)
        case .decision: return "Quyết định của Thủ tướng Chính phủ về " + rng.pick(Vocabulary.legalSubjects)
        case .circular: return "Thông tư hướng dẫn " + rng.pick(Vocabulary.legalSubjects)
        case .law: return "Trình dự án Luật " + rng.pick(Vocabulary.lawSubjects)
        case .resolution: return "Nghị quyết của Chính phủ về " + rng.pick(Vocabulary.legalSubjects)
        default:
            // One in a hundred titles is a single word, which fails "clear work".
            if rng.chance(0.01) { return "Rà soát" }
            let qualifier = rng.pick(Vocabulary.qualifiers)
            return rng.pick(Vocabulary.actions) + " " + rng.pick(Vocabulary.objects) + (qualifier.isEmpty ? "" : " " + qualifier)
        }
    }

    /// Half central bodies, half provinces, like the programmes the committee follows.
    static func drawAgency(_ rng: inout SplitMix64) -> Int {
        rng.chance(0.5) ? rng.int(0...(Directory.central.count - 1))
            : Directory.central.count + rng.int(0...(Directory.provinces.count - 1))
    }

    /// The life of a task: the actions it goes through, then their days. Most tasks finish
    /// around their deadline (two in three on time), some stall for good, and whatever falls
    /// after the ledger's last day has not happened yet.
    /// `deadline` is the day the task is expected by, even when the ledger never says it.
    static func drawSteps(_ rng: inout SplitMix64, kind: TaskKind, assignDay: Int, deadline: Int, leads: [Int], missing: [Key]) -> [PlannedStep] {
        var actions: [StepAction] = [.assign]
        for key in missing where rng.chance(0.4) { actions.append(.amend(key)) }
        // `extend` moves a deadline, so only a task that has one by then is extended.
        let hasDue = !missing.contains(.due) || actions.contains { if case .amend(.due) = $0 { return true } else { return false } }
        if leads.count == 1, rng.chance(0.01) {
            var other = drawAgency(&rng)
            while other == leads[0] { other = drawAgency(&rng) }
            actions.append(.reassign(to: other))
        }
        if kind.isLegalDocument {
            actions.append(.stage(.drafting))
            actions.append(.report(progress: rng.int(10...30), note: rng.int(0...(Vocabulary.progressNotes.count - 1))))
            actions.append(.stage(.consultation))
            appendObstacle(&actions, &rng, hasDue: hasDue, extendChance: 0.25)
            actions.append(.stage(.appraisal))
            actions.append(.stage(.submitted))
            actions.append(.stage(.issued))
        } else {
            actions.append(.start)
            actions.append(.report(progress: rng.int(10...40), note: rng.int(0...(Vocabulary.progressNotes.count - 1))))
            appendObstacle(&actions, &rng, hasDue: hasDue, extendChance: 0.15)
            actions.append(.report(progress: rng.int(50...90), note: rng.chance(0.5) ? rng.int(0...(Vocabulary.progressNotes.count - 1)) : nil))
            if rng.chance(0.03) {
                actions.append(.cancel(reason: rng.int(0...(Vocabulary.cancelReasons.count - 1))))
            } else {
                actions.append(.submit)
                if rng.chance(0.08) {
                    actions.append(.sendBack(note: rng.int(0...(Vocabulary.returnNotes.count - 1))))
                    actions.append(.submit)
                }
                actions.append(.accept)
            }
        }

        // Aim the last step at the deadline in force: on time two times in three.
        let extraDays = actions.reduce(0) { sum, a in if case .extend(_, let d) = a { return sum + d } else { return sum } }
        let inForce = deadline + extraDays
        var finish = rng.chance(0.66) ? inForce - rng.int(0...25) : inForce + rng.int(1...60)
        if rng.chance(0.12) { finish += 400 }  // stalled: still open when the ledger ends
        let span = max(finish - assignDay, 2 * actions.count)
        let meanGap = span / actions.count

        var steps: [PlannedStep] = []
        var day = assignDay
        for (i, action) in actions.enumerated() {
            if i > 0 {
                day = Timeline.weekday(onOrAfter: day + max(1, meanGap + rng.int(-meanGap / 3...meanGap / 3)))
            }
            let minute = rng.int(Timeline.firstWorkMinute...Timeline.lastWorkMinute)
            if day > Timeline.lastDay { break }
            steps.append(PlannedStep(day: day, minute: minute, action: action))
        }
        return steps
    }

    static func appendObstacle(_ actions: inout [StepAction], _ rng: inout SplitMix64, hasDue: Bool, extendChance: Double) {
        if rng.chance(0.08) {
            actions.append(.block(note: rng.int(0...(Vocabulary.obstacles.count - 1))))
            actions.append(.unblock(note: rng.int(0...(Vocabulary.resolutions.count - 1))))
        }
        if hasDue, rng.chance(extendChance) {
            actions.append(.extend(reason: rng.int(0...(Vocabulary.extensionReasons.count - 1)), byDays: rng.int(15...60)))
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

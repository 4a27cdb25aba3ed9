import SteerCore

/// The events at the top of a synthetic ledger: the zone, every agency, and the people who may
/// record events (the secretariat and one focal point per agency).
enum Declarations {
    static let secretariat = ["vpcp", "thu.vpcp", "hai.vpcp"]

    static func focalLogin(_ agency: Int) -> String { "dm." + Directory.all[agency].id.lowercased() }

    /// The secretariat member who records a task's step; spread over the team.
    static func secretariatLogin(task: Int, step: Int) -> String {
        secretariat[(task + step) % secretariat.count]
    }

    /// Declarations, in the order the state machine needs them: agencies before the members
    /// who speak for them, the secretariat before any other member.
    static func events(seed: UInt64) -> [(comment: String?, event: Event)] {
        let time = Timeline.timestamp(day: 0, minute: Timeline.firstWorkMinute)
        var out: [(String?, Event)] = [(nil, Event(time: time, actor: secretariat[0], verb: .config, id: "ledger", fields: [Field(.tz, "+07:00")]))]
        for (i, a) in Directory.all.enumerated() {
            var fields = [Field(.kind, a.kind), Field(.name, a.name)]
            if let en = a.en { fields.append(Field(.en, en)) }
            if let gso = a.gso { fields.append(Field(.gso, gso)) }
            out.append((i == 0 ? "agencies" : nil, Event(time: time, actor: secretariat[0], verb: .agency, id: a.id, fields: fields)))
        }
        // Names come from a stream of their own, apart from the tasks' streams.
        var names = SplitMix64(seed: seed, stream: UInt64.max)
        for (i, login) in secretariat.enumerated() {
            out.append((i == 0 ? "members" : nil, Event(time: time, actor: secretariat[0], verb: .member, id: login,
                                                        fields: [Field(.role, "secretariat"), Field(.agency, "VPCP"), Field(.name, Vocabulary.personName(&names))])))
        }
        for i in Directory.all.indices {
            out.append((nil, Event(time: time, actor: secretariat[0], verb: .member, id: focalLogin(i),
                                   fields: [Field(.role, "focal"), Field(.agency, Directory.all[i].id), Field(.name, Vocabulary.personName(&names))])))
        }
        return out
    }
}

import StalemateCore
import StalemateScenario

/// The dashboard's levers for a scenario: what a user may move, each as the `--set` override
/// it becomes (docs/scenario-format.md), with the scenario's value and a valid range.
struct LeverSet: Encodable, Sendable {
    struct Lever: Encodable, Sendable {
        /// The override key; the value is `key=value` (policies: `key=amount@from:to`).
        var key: String
        var label: String
        /// `number` or `switch` (an event on or off).
        var kind: String
        var value: Double
        var min: Double
        var max: Double
        var step: Double
        var unit: String
        /// Third-party policies: the weeks the lever covers, `[from, to)`.
        var from: Int?
        var to: Int?
        var note: String?
    }

    struct Group: Encodable, Sendable {
        var title: String
        var levers: [Lever]
    }

    var scenario: String
    var horizon: Int
    var groups: [Group]

    init(_ s: Scenario) {
        scenario = s.id
        let model = s.model
        horizon = model.horizon
        var groups: [Group] = []

        // Third parties: every kind of policy for every party, its current amount where it has
        // one (the first such policy's), over the weeks of its policies of that kind.
        var parties: [Group] = []
        for party in model.thirdParties {
            var levers: [Lever] = []
            let kinds: [(String, Side?, String, ClosedRange<Double>, Double, String)] = [
                ("decoupling", nil, "decoupling of talks from the battlefield", 0...1, 0.05, "level D"),
                ("convening", nil, "convening talks", 0...1, 0.01, "chance per week"),
                ("guarantee", nil, "security guarantees", 0...1, 0.05, "cut in breakdown hazard"),
                ("information", nil, "information to both sides", 0...1, 0.05, "precision per week"),
                ("aid", .a, "aid to \(model.sideNames.a)", 0...20, 0.1, "combat power per week"),
                ("aid", .b, "aid to \(model.sideNames.b)", 0...20, 0.1, "combat power per week"),
                ("sanctions", .a, "sanctions on \(model.sideNames.a)", 0...2, 0.05, "fraction of its cost of war"),
                ("sanctions", .b, "sanctions on \(model.sideNames.b)", 0...2, 0.05, "fraction of its cost of war"),
                ("pressure", .a, "pressure on \(model.sideNames.a) to talk", -5...5, 0.1, "logit"),
                ("pressure", .b, "pressure on \(model.sideNames.b) to talk", -5...5, 0.1, "logit"),
                ("restraint", .a, "restraint of \(model.sideNames.a)", 0...1, 0.05, "cut in escalation chance"),
                ("restraint", .b, "restraint of \(model.sideNames.b)", 0...1, 0.05, "cut in escalation chance"),
            ]
            for (kind, side, label, range, step, unit) in kinds {
                let matching = model.policies.filter { p in
                    p.party == party.id && p.kind.name == kind && Self.side(of: p.kind) == side
                }
                let amount = matching.first.map { Self.amount(of: $0.kind) } ?? 0
                let from = matching.map(\.fromWeek).min() ?? 0
                let to = min(matching.map(\.toWeek).max() ?? model.horizon, model.horizon)
                // The key names the side only where the party's kind needs one.
                let key = "thirdParties.\(party.id).\(kind)" + (side.map { $0 == .a ? ".A" : ".B" } ?? "")
                levers.append(
                    Lever(
                        key: key, label: label, kind: "number", value: amount,
                        min: Swift.min(range.lowerBound, amount), max: Swift.max(range.upperBound, amount), step: step,
                        unit: unit, from: from, to: to,
                        note: matching.isEmpty ? "none in the scenario" : "weeks \(from)–\(to) in the scenario"))
            }
            parties.append(Group(title: "Third party: \(party.name)", levers: levers))
        }

        var sides: [Lever] = []
        for side in Side.both {
            let name = side == .a ? model.sideNames.a : model.sideNames.b
            let keys: [(SideParameter, String, Double)] = [
                (.contingency, "battlefield contingency of talks", 0.05),
                (.suspensionSensitivity, "sensitivity of talks to shocks", 0.05),
                (.weeklyCost, "weekly cost of war", 0.0005),
                (.forces, "forces at week 0", 1),
            ]
            for (parameter, label, step) in keys {
                let spec = parameter.spec
                let value = model.sides[side][parameter]
                let upper = Swift.min(spec.range.upperBound, Swift.max(value * 4, step * 20))
                sides.append(
                    Lever(
                        key: "sides.\(side == .a ? "A" : "B").\(parameter.rawValue)", label: "\(name): \(label)",
                        kind: "number", value: value, min: spec.range.lowerBound, max: upper, step: step,
                        unit: spec.unit, from: nil, to: nil, note: nil))
            }
        }
        groups.append(Group(title: "Sides", levers: sides))

        // Scheduled events and policy events alike switch with `events.<id>=on|off`.
        let switchable =
            model.events.map { ($0.id, $0.week, $0.enabled) } + s.policyEvents.map { ($0.id, $0.week, $0.enabled) }
        let events = switchable.map { id, week, enabled in
            Lever(
                key: "events.\(id)", label: "\(id) (week \(week))", kind: "switch", value: enabled ? 1 : 0, min: 0,
                max: 1, step: 1, unit: "on or off", from: nil, to: nil, note: nil)
        }
        if !events.isEmpty { groups.append(Group(title: "Events", levers: events)) }
        self.groups = parties + groups
    }

    static func side(of kind: PolicyKind) -> Side? {
        switch kind {
        case .aid(let to, _): to
        case .sanctions(let on, _), .pressure(let on, _), .restraint(let on, _): on
        case .decoupling, .convening, .guarantee, .information: nil
        }
    }

    static func amount(of kind: PolicyKind) -> Double {
        switch kind {
        case .aid(_, let x), .sanctions(_, let x), .pressure(_, let x), .restraint(_, let x): x
        case .decoupling(let x), .convening(let x), .guarantee(let x), .information(let x): x
        }
    }
}

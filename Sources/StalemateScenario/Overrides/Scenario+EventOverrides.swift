import StalemateCore

/// Overrides of events (`events.<id>…`) and of third parties' policies (`thirdParties.<id>…`).
extension Scenario {
    mutating func applyEvent(_ o: OverrideValue, id: String, field: String?) throws(ScenarioError) {
        let listed = listedPolicies
        if let index = model.events.firstIndex(where: { $0.id == id }) {
            var event = model.events[index]
            switch field {
            case nil: event.enabled = try o.flag()
            case "week": event.week = try o.week(o.raw, start: startDate, horizon: model.horizon)
            case let name?:
                let kindName = EventKindName(event.kind)
                guard let spec = FieldSpecs.eventFields(kindName).first(where: { $0.key == name }) else {
                    throw o.error(.unknownKey(name, valid: ["week"] + FieldSpecs.eventFields(kindName).map(\.key)))
                }
                event.kind = Self.setting(spec.key, to: try o.number(spec), in: event.kind)
            }
            model.events[index] = event
            return
        }
        guard let index = policyEvents.firstIndex(where: { $0.id == id }) else {
            throw o.error(
                .unknownReference(kind: "event", name: id, valid: model.events.map(\.id) + policyEvents.map(\.id)))
        }
        var event = policyEvents[index]
        let (kindName, side, _) = PolicyKindName.parts(of: event.policy.kind)
        switch field {
        case nil: event.enabled = try o.flag()
        case "week":
            let week = try o.week(o.raw, start: startDate, horizon: model.horizon)
            let weeks = event.weeks
            event.policy.fromWeek = week
            event.policy.toWeek = weeks.map { week + $0 } ?? Int.max
        case "weeks":
            event.policy.toWeek = event.policy.fromWeek + Int(try o.number(FieldSpecs.policyWeeks))
        case let name? where name == kindName.amount.key:
            event.policy.kind = kindName.make(side: side ?? .a, amount: try o.number(kindName.amount))
        case let name?:
            throw o.error(.unknownKey(name, valid: ["week", "weeks", kindName.amount.key]))
        }
        policyEvents[index] = event
        setPolicies(listed: listed)
    }

    /// `kind` with its numeric field `key` set to `value` (the key is one of the kind's fields).
    static func setting(_ key: String, to value: Double, in kind: EventKind) -> EventKind {
        switch kind {
        case .offensive(let side, let region, let weeks, let boost):
            return .offensive(
                side: side, region: region, weeks: key == "weeks" ? Int(value) : weeks,
                boost: key == "boost" ? value : boost)
        case .incursion(let side, let region, let foothold, let humiliation, let shock):
            return .incursion(
                side: side, region: region, foothold: key == "foothold" ? value : foothold,
                humiliation: key == "humiliation" ? value : humiliation, shock: key == "shock" ? value : shock)
        case .escalate(let side, let levels):
            return .escalate(side: side, levels: key == "levels" ? Int(value) : levels)
        case .proposal(let side, let share): return .proposal(side: side, share: key == "share" ? value : share)
        case .shock(let side, let size): return .shock(side: side, size: key == "size" ? value : size)
        case .convene: return .convene
        case .negotiate(let track): return .negotiate(track: track)
        }
    }

    /// `thirdParties.<id>.<kind>[.<side>]=<amount>[@<from>:<to>]`: replaces the party's
    /// policies of that kind (and side) within [from, to), clipping the ones that overlap; an
    /// amount of 0 just removes them there.
    mutating func applyPolicy(_ o: OverrideValue, party: String, kind: String, side label: String?)
        throws(ScenarioError)
    {
        guard model.thirdParties.contains(where: { $0.id == party }) else {
            throw o.error(.unknownReference(kind: "third party", name: party, valid: model.thirdParties.map(\.id)))
        }
        guard let name = PolicyKindName(rawValue: kind) else {
            throw o.error(.unknownKey(kind, valid: PolicyKindName.allCases.map(\.rawValue)))
        }
        let side = try policySide(o, party: party, kind: name, label: label)
        let (amount, from, to) = try o.amountAndRange(name.amount, start: startDate, horizon: model.horizon)
        let end = to ?? Int.max
        func matches(_ policy: Policy) -> Bool {
            let parts = PolicyKindName.parts(of: policy.kind)
            return policy.party == party && parts.name == name && parts.side == side
        }
        var listed = listedPolicies
        // Policy events the range touches become ordinary policies, so they are clipped too.
        for index in policyEvents.indices.reversed() {
            let policy = policyEvents[index].policy
            if policyEvents[index].enabled && matches(policy) && policy.fromWeek < end && policy.toWeek > from {
                listed.append(policy)
                policyEvents.remove(at: index)
            }
        }
        var kept: [Policy] = []
        for policy in listed {
            guard matches(policy) else {
                kept.append(policy)
                continue
            }
            if policy.fromWeek < from {
                kept.append(
                    Policy(party: party, kind: policy.kind, fromWeek: policy.fromWeek, toWeek: min(policy.toWeek, from))
                )
            }
            // A remainder starting at or past the horizon could never apply: drop it.
            if policy.toWeek > end && end < model.horizon {
                kept.append(
                    Policy(party: party, kind: policy.kind, fromWeek: max(policy.fromWeek, end), toWeek: policy.toWeek))
            }
        }
        if amount != 0 {
            kept.append(
                Policy(party: party, kind: name.make(side: side ?? .a, amount: amount), fromWeek: from, toWeek: end))
        }
        setPolicies(listed: kept)
    }

    /// The side a policy override addresses: given, or inferred when the party applies that
    /// kind to one side only; nil for kinds without a side.
    private func policySide(_ o: OverrideValue, party: String, kind: PolicyKindName, label: String?)
        throws(ScenarioError) -> Side?
    {
        guard let field = kind.sideField else {
            if let label {
                throw o.error(
                    .invalidValue(
                        "\(kind.rawValue) applies to both sides, so '.\(label)' is not allowed",
                        fix: "write thirdParties.\(party).\(kind.rawValue)=<amount>"))
            }
            return nil
        }
        if let label { return try o.side(label, names: model.sideNames) }
        let existing = Set(
            (model.policies + policyEvents.map(\.policy)).filter { $0.party == party }
                .compactMap { policy -> Side? in
                    let parts = PolicyKindName.parts(of: policy.kind)
                    return parts.name == kind ? parts.side : nil
                })
        if existing.count == 1, let only = existing.first { return only }
        throw o.error(
            .invalidValue(
                "\(kind.rawValue) needs the side it is \(field == "to" ? "given to" : "applied on")",
                fix: "write thirdParties.\(party).\(kind.rawValue).A=<amount> or .B"))
    }
}

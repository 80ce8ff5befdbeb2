import StalemateCore
import Yams

/// The `events:` section.
extension ScenarioParser {
    /// What one event item describes: an engine event, or a policy starting that week.
    enum ParsedEvent {
        case core(EventKind)
        case policy(party: String, kind: PolicyKind, weeks: Int?)
    }

    /// The engine's events and the policy events, each in file order.
    mutating func parseEvents(_ node: Node, _ path: String) -> ([ScheduledEvent], [PolicyEvent]) {
        let kinds = EventKindName.allCases.map(\.rawValue)
        let example =
            "- { id: kursk-incursion, date: 2024-08-06, incursion: { side: A, region: kursk, foothold: 0.04 } }"
        guard let items = list(node, path, example: "a list of events, e.g. `\(example)`") else { return ([], []) }
        var events: [ScheduledEvent] = []
        var policyEvents: [PolicyEvent] = []
        var firstLine: [String: Int?] = [:]
        for (i, item) in items.enumerated() {
            guard
                let event = fields(
                    item, "\(path)[\(i)]", allowed: ["id", "date", "week", "enabled"] + kinds, required: ["id"],
                    example: example)
            else { continue }
            let id = uniqueID(event, kind: "event", seen: &firstLine)
            let itemPath = "\(path)[\(id ?? String(i))]"
            let enabled = event["enabled"].map { flag($0.value, itemPath + ".enabled") }
            // A switched-off event may lie past the horizon: a resolved scenario whose horizon
            // was shortened keeps the events it dropped that way.
            let week = eventWeek(event, itemPath, pastHorizon: enabled == .some(.some(false)))
            let kindEntries = event.entries.filter { kinds.contains($0.key) }
            var parsed: ParsedEvent? = nil
            if kindEntries.count == 1, let entry = kindEntries.first, let name = EventKindName(rawValue: entry.key) {
                parsed = parseEventKind(name, entry.value, itemPath + "." + entry.key)
            } else if kindEntries.isEmpty {
                report(.missingOneOf(kinds, what: "the event has no kind", example: example), item, itemPath)
            } else {
                report(
                    .conflict(
                        "an event has \(kindEntries.count) kinds (\(kindEntries.map(\.key).joined(separator: ", ")))",
                        fix: "write one event per list item"), kindEntries[1].keyNode, itemPath)
            }
            guard let id, let week, let parsed, enabled != .some(nil) else { continue }
            let isEnabled = (enabled ?? true) ?? true
            switch parsed {
            case .core(let kind):
                events.append(ScheduledEvent(id: id, week: week, kind: kind, enabled: isEnabled))
            case .policy(let party, let kind, let weeks):
                let policy = Policy(
                    party: party, kind: kind, fromWeek: week, toWeek: weeks.map { week + $0 } ?? Int.max)
                policyEvents.append(PolicyEvent(id: id, policy: policy, enabled: isEnabled))
            }
        }
        return (events, policyEvents)
    }

    /// The event's week, from exactly one of `date:` and `week:`, within the horizon unless
    /// `pastHorizon`.
    mutating func eventWeek(_ event: Fields, _ path: String, pastHorizon: Bool = false) -> Int? {
        let date = event["date"]
        let week = event["week"]
        var result: Int? = nil
        var node: Node = event.node
        var key = "date"
        switch (date, week) {
        case (nil, nil):
            report(
                .missingOneOf(["date", "week"], what: "the event has no date or week", example: "date: 2024-08-06"),
                event.node, path)
            return nil
        case (_?, let w?):
            report(.conflict("an event has both 'date' and 'week'", fix: "keep one of them"), w.keyNode, path + ".week")
            return nil
        case (let d?, nil):
            node = d.value
            if case .scalar(let s) = d.value, ScalarText.number(s.string) != nil {
                report(
                    .wrongType(
                        expected: "a date YYYY-MM-DD", found: Self.describe(d.value),
                        example: "`week: \(s.string)` or `date: 2024-08-06`"), d.value, path + ".date")
                return nil
            }
            result = weekOrDate(d.value, path + ".date")
        case (nil, let w?):
            node = w.value
            key = "week"
            if case .scalar(let s) = w.value, ScenarioDate.looksLikeDate(s.string) {
                report(
                    .wrongType(
                        expected: "a week number", found: Self.describe(w.value),
                        example: "`date: \(s.string)` or `week: 0`"), w.value, path + ".week")
                return nil
            }
            result = weekOrDate(w.value, path + ".week")
        }
        guard let result else { return nil }
        guard result < horizon || pastHorizon else {
            let what = key == "date" ? "falls in week \(result)" : "is week \(result)"
            report(
                .outsideHorizon(
                    "the event \(what), at or past the horizon of \(horizon) weeks (the last is week \(horizon - 1)\(weekHint(horizon - 1)))",
                    fix: "move it before week \(horizon) or raise `weeks`"), node, path + "." + key)
            return nil
        }
        return result
    }

    /// The mapping of one event kind.
    mutating func parseEventKind(_ name: EventKindName, _ node: Node, _ path: String) -> ParsedEvent? {
        if name == .convene {
            if case .mapping(let m) = node, m.isEmpty { return .core(.convene) }
            if Self.describe(node) == "nothing (null)" { return .core(.convene) }
            // `convene: { track: energy-moratorium }`: talks on one partial agreement only.
            guard let f = fields(node, path, allowed: ["track"], required: ["track"], example: "convene: {}"),
                let entry = f["track"], let id = text(entry.value, f.path("track"), example: "track: energy-moratorium")
            else { return nil }
            guard let index = partialIDs.firstIndex(of: id) else {
                report(
                    .unknownReference(kind: "partial agreement", name: id, valid: partialIDs), entry.value,
                    f.path("track"))
                return nil
            }
            return .core(.negotiate(track: index))
        }
        let required = name.required
        let example = "\(name.rawValue): { " + required.map { "\($0): …" }.joined(separator: ", ") + " }"
        guard let f = fields(node, path, allowed: name.keys, required: required, example: example) else { return nil }
        if name == .policy { return parsePolicyEvent(f) }
        let side = f["side"].flatMap { self.side($0.value, f.path("side")) }
        let region = f["region"].flatMap { self.region($0.value, f.path("region")) }
        var numbers: [String: Double] = [:]
        var failed = false
        for spec in FieldSpecs.eventFields(name) {
            guard let entry = f[spec.key] else { continue }
            if let value = number(entry.value, f.path(spec.key), spec) {
                numbers[spec.key] = value
            } else {
                failed = true
            }
        }
        guard let side, !failed else { return nil }
        func value(_ spec: ParameterSpec) -> Double { numbers[spec.key] ?? spec.defaultValue }
        switch name {
        case .offensive:
            guard let region else { return nil }
            return .core(
                .offensive(
                    side: side, region: region.index, weeks: Int(value(FieldSpecs.offensiveWeeks)),
                    boost: value(FieldSpecs.boost)))
        case .incursion:
            guard let region else { return nil }
            if let home = region.home, home != side.opponent, let entry = f["region"] {
                report(
                    .invalidValue(
                        "an incursion by \(side) must enter \(side.opponent)'s homeland, but '\(regionIDs[region.index].id)' is \(home)'s",
                        fix: "pick a region whose home is \(side.opponent), or use an offensive"), entry.value,
                    f.path("region"))
                return nil
            }
            return .core(
                .incursion(
                    side: side, region: region.index, foothold: value(FieldSpecs.foothold),
                    humiliation: value(FieldSpecs.humiliation), shock: value(FieldSpecs.incursionShock)))
        case .escalate: return .core(.escalate(side: side, levels: Int(value(FieldSpecs.levels))))
        case .proposal: return .core(.proposal(side: side, share: value(FieldSpecs.share)))
        case .shock: return .core(.shock(side: side, size: value(FieldSpecs.shockSize)))
        case .convene, .policy: return nil
        }
    }

    /// `policy: { party: us, aid: { to: A, perWeek: 1 }, weeks: 26 }`.
    mutating func parsePolicyEvent(_ f: Fields) -> ParsedEvent? {
        let kinds = PolicyKindName.allCases.map(\.rawValue)
        var party: String? = nil
        if let entry = f["party"], let id = text(entry.value, f.path("party"), example: "party: us") {
            if partyIDs.contains(id) {
                party = id
            } else {
                report(.unknownReference(kind: "third party", name: id, valid: partyIDs), entry.value, f.path("party"))
            }
        }
        let weeks = f["weeks"].map { number($0.value, f.path("weeks"), FieldSpecs.policyWeeks) }
        let kindEntries = f.entries.filter { kinds.contains($0.key) }
        guard kindEntries.count == 1, let entry = kindEntries.first, let name = PolicyKindName(rawValue: entry.key)
        else {
            report(
                kindEntries.isEmpty
                    ? .missingOneOf(
                        kinds, what: "the policy event has no policy kind",
                        example: "policy: { party: us, aid: { to: A, perWeek: 1 } }")
                    : .conflict(
                        "a policy event has \(kindEntries.count) policy kinds", fix: "write one event per policy"),
                f.node, f.path)
            return nil
        }
        let kind = parsePolicyKind(name, entry.value, f.path(entry.key))
        guard let party, let kind, weeks != .some(nil) else { return nil }
        return .policy(party: party, kind: kind, weeks: (weeks ?? nil).map { Int($0) })
    }
}

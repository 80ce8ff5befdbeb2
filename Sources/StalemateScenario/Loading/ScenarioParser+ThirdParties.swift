import StalemateCore
import Yams

/// The `thirdParties:` section and the policies in it.
extension ScenarioParser {
    /// The third parties and their policies, grouped by party in file order.
    mutating func parseThirdParties(_ node: Node, _ path: String) -> ([ThirdParty], [Policy]) {
        let example = "- { id: us, name: United States, policies: [ { aid: { to: A, perWeek: 1 } } ] }"
        guard let items = list(node, path, example: "a list of third parties, e.g. `\(example)`") else {
            return ([], [])
        }
        // Ids first, so that an error message can list all of them.
        var parties: [ThirdParty] = []
        var policies: [Policy] = []
        var firstLine: [String: Int?] = [:]
        var parsed: [(Fields, String)] = []
        for (i, item) in items.enumerated() {
            guard
                let party = fields(
                    item, "\(path)[\(i)]", allowed: ["id", "name", "policies"], required: ["id"], example: example),
                let idEntry = party["id"], let id = identifier(idEntry.value, party.path("id"), kind: "third party")
            else { continue }
            if let first = firstLine[id] {
                report(.duplicateID(kind: "third party", id: id, firstLine: first), idEntry.value, party.path("id"))
                continue
            }
            firstLine[id] = idEntry.value.mark?.line
            partyIDs.append(id)
            parsed.append((party, id))
        }
        for (party, id) in parsed {
            let partyPath = "\(path)[\(id)]"
            let name = party["name"].flatMap { text($0.value, partyPath + ".name", example: "name: United States") }
            parties.append(ThirdParty(id: id, name: name ?? id))
            guard let entry = party["policies"],
                let list = list(
                    entry.value, partyPath + ".policies",
                    example: "a list of policies, e.g. `- aid: { to: A, perWeek: 1 }`")
            else { continue }
            for (j, item) in list.enumerated() {
                if let policy = parsePolicy(item, "\(partyPath).policies[\(j)]", party: id) { policies.append(policy) }
            }
        }
        return (parties, policies)
    }

    /// One item of a party's `policies:` list: one policy key, plus `from` and `to`.
    mutating func parsePolicy(_ node: Node, _ path: String, party: String) -> Policy? {
        let kinds = PolicyKindName.allCases.map(\.rawValue)
        let example = "- aid: { to: A, perWeek: 1.5 }\n  from: 0\n  to: 52"
        guard let item = fields(node, path, allowed: kinds + ["from", "to"], example: example) else { return nil }
        let kindEntries = item.entries.filter { kinds.contains($0.key) }
        guard kindEntries.count == 1, let entry = kindEntries.first, let name = PolicyKindName(rawValue: entry.key)
        else {
            if kindEntries.isEmpty {
                report(
                    .missingOneOf(
                        kinds, what: "the policy item has no policy kind", example: "aid: { to: A, perWeek: 1.5 }"),
                    node, path)
            } else {
                report(
                    .conflict(
                        "a policy item has \(kindEntries.count) policy keys (\(kindEntries.map(\.key).joined(separator: ", ")))",
                        fix: "write one list item per policy"), kindEntries[1].keyNode, path)
            }
            return nil
        }
        let kind = parsePolicyKind(name, entry.value, item.path(entry.key))
        let from = item["from"].map { weekOrDate($0.value, item.path("from")) }
        let to = item["to"].map { weekOrDate($0.value, item.path("to")) }
        guard let kind, from != .some(nil), to != .some(nil) else { return nil }
        let fromWeek = (from ?? 0) ?? 0
        let toWeek = (to ?? Int.max) ?? Int.max
        guard let range = checkRange(from: fromWeek, to: toWeek, item: item) else { return nil }
        return Policy(party: party, kind: kind, fromWeek: range.lowerBound, toWeek: range.upperBound)
    }

    /// The mapping of one policy kind, e.g. `{ to: A, perWeek: 1.5 }`.
    mutating func parsePolicyKind(_ name: PolicyKindName, _ node: Node, _ path: String) -> PolicyKind? {
        let keys = (name.sideField.map { [$0] } ?? []) + [name.amount.key]
        let example = "\(name.rawValue): \(name.example)"
        guard let policy = fields(node, path, allowed: keys, required: keys, example: example) else { return nil }
        var side: Side? = nil
        if let field = name.sideField, let entry = policy[field] { side = self.side(entry.value, policy.path(field)) }
        let amount = policy[name.amount.key].flatMap { number($0.value, policy.path(name.amount.key), name.amount) }
        guard let amount else { return nil }
        guard name.sideField != nil else { return name.make(side: .a, amount: amount) }
        guard let side else { return nil }
        return name.make(side: side, amount: amount)
    }

    /// Checks a policy's `[from, to)`: it must start before the horizon and not be empty.
    mutating func checkRange(from: Int, to: Int, item: Fields) -> Range<Int>? {
        if from >= horizon {
            report(
                .outsideHorizon(
                    "the policy starts in week \(from), at or past the horizon of \(horizon) weeks",
                    fix: "start it before week \(horizon) or raise `weeks`"),
                item["from"]?.value ?? item.node, item.path("from"))
            return nil
        }
        guard from < to else {
            report(.emptyRange(from: from, to: to), item["to"]?.value ?? item.node, item.path("to"))
            return nil
        }
        return from..<to
    }

    /// A week given as a whole number or as a date (week = floor(days since `start` / 7)).
    /// Weeks before 0 and dates before the start are reported.
    mutating func weekOrDate(_ node: Node, _ path: String) -> Int? {
        guard case .scalar(let scalar) = node else {
            report(
                .wrongType(
                    expected: "a week number or a date", found: Self.describe(node), example: "`12` or `2024-10-28`"),
                node, path)
            return nil
        }
        let raw = scalar.string
        if !Self.isQuoted(node), let value = ScalarText.number(raw) {
            guard value.rounded() == value, abs(value) < 1e9 else {
                report(
                    .invalidValue("week \(raw) is not a whole number", fix: "write a whole week number, e.g. 12"), node,
                    path)
                return nil
            }
            guard value >= 0 else {
                report(
                    .outsideHorizon("week \(raw) is before week 0", fix: "use a week from 0 to \(horizon - 1)"), node,
                    path)
                return nil
            }
            return Int(value)
        }
        guard ScenarioDate.looksLikeDate(raw) else {
            report(
                .wrongType(
                    expected: "a week number or a date YYYY-MM-DD", found: Self.describe(node),
                    example: "`12` or `2024-10-28`"), node, path)
            return nil
        }
        guard let date = ScenarioDate(iso: raw) else {
            report(.badDate("'\(raw)' is not a valid date", fix: "write a date that exists, as YYYY-MM-DD"), node, path)
            return nil
        }
        guard let start else {
            report(
                .badDate(
                    "the date \(raw) needs a start date to count weeks from",
                    fix: "add `start: YYYY-MM-DD` (the first day of week 0) or give a week number"),
                node, path)
            return nil
        }
        let week = start.week(of: date)
        guard week >= 0 else {
            report(
                .outsideHorizon("the date \(raw) is before the start \(start)", fix: "use a date on or after \(start)"),
                node, path)
            return nil
        }
        return week
    }

    /// `, starting 2025-07-28` when the scenario has a start date, for messages.
    func weekHint(_ week: Int) -> String {
        start.map { ", starting \($0.startOfWeek(week))" } ?? ""
    }
}

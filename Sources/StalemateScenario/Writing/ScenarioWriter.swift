import StalemateCore

/// Writes a scenario (typically after overrides) back to YAML in a canonical form: every
/// parameter explicit, weeks as numbers, policy and event order preserved. Loading the text
/// gives an equal `WarModel`, the same run settings and experiments, so a stored result can
/// keep the exact scenario it ran.
public enum ScenarioWriter {
    /// The canonical YAML of `scenario`. The header comment names the source file, its
    /// SHA-256 and the overrides applied.
    public static func yaml(_ scenario: Scenario) -> String {
        var out: [String] = []
        let model = scenario.model
        out.append("# Resolved scenario, written by StalemateScenario.")
        out.append("# source: \(scenario.fileName.replacingNewlines) (sha256 \(scenario.sourceHash))")
        for override in scenario.appliedOverrides {
            out.append("# override: \(override.description.replacingNewlines)")
        }
        out.append("scenario: \(scenario.id)")
        out.append("title: \(quote(scenario.title))")
        out.append("description: \(block(scenario.description) ?? quote(scenario.description))")
        if let start = scenario.startDate { out.append("start: \(start)") }
        out.append("weeks: \(model.horizon)")
        out.append("attritionLaw: \(model.attritionLaw.rawValue)")
        if let decisive = model.decisiveAt {
            out.append("decisiveAt: [\(number(decisive.lowerBound)), \(number(decisive.upperBound))]")
        }
        if !model.rungNames.isEmpty {
            out.append("escalationLadder: [\(model.rungNames.map(quote).joined(separator: ", "))]")
        }
        out.append("model:")
        for parameter in ModelParameter.allCases where parameter != .horizonWeeks {
            out.append("  \(parameter.rawValue): \(number(model.parameters[parameter]))")
        }
        out.append("sides:")
        for side in Side.allCases {
            out.append("  \(side):")
            out.append("    name: \(quote(model.sideNames[side]))")
            for parameter in SideParameter.allCases {
                out.append("    \(parameter.rawValue): \(number(model.sides[side][parameter]))")
            }
        }
        out.append("regions:")
        for region in model.regions {
            var fields = [
                "id: \(region.id)", "name: \(quote(region.name))", "home: \(region.home)",
                "value: \(number(region.value))",
                "symbolic: \(number(region.symbolic))", "control: \(number(region.control))",
                "active: \(region.active)",
            ]
            if let step = region.step { fields.append("step: \(number(step))") }
            out.append("  - { \(fields.joined(separator: ", ")) }")
        }
        if !model.issues.isEmpty {
            out.append("issues:")
            for issue in model.issues {
                var fields = [
                    "id: \(issue.id)", "name: \(quote(issue.name))",
                    "values: { A: \(number(issue.value.a)), B: \(number(issue.value.b)) }",
                ]
                let core = Side.allCases.filter { issue.core[$0] }.map(\.description)
                if !core.isEmpty { fields.append("core: [\(core.joined(separator: ", "))]") }
                out.append("  - { \(fields.joined(separator: ", ")) }")
            }
        }
        if !model.partialAgreements.isEmpty {
            out.append("partialAgreements:")
            for a in model.partialAgreements {
                var fields = ["id: \(a.id)", "name: \(quote(a.name))"]
                if let cap = a.cap { fields.append("cap: \(cap)") }
                if a.willingness != 0 { fields.append("willingness: \(number(a.willingness))") }
                if let weeks = a.weeks { fields.append("weeks: \(weeks)") }
                fields.append("chancePerRound: \(number(a.chancePerRound))")
                fields.append("breakdownHazard: \(number(a.breakdownHazard))")
                out.append("  - { \(fields.joined(separator: ", ")) }")
            }
        }
        out += thirdParties(scenario)
        out += events(scenario)
        var run = ["runs: \(scenario.run.runs)", "seed: \(scenario.run.seed)"]
        if let threads = scenario.run.threads { run.append("threads: \(threads)") }
        out.append("run: { \(run.joined(separator: ", ")) }")
        if !scenario.observations.isEmpty {
            out.append("observations:")
            for o in scenario.observations {
                var fields = ["observable: \(quote(o.observable))", "file: \(quote(o.file))"]
                if let column = o.column { fields.append("column: \(quote(column))") }
                fields.append("scale: \(number(o.scale))")
                if !o.source.isEmpty { fields.append("source: \(quote(o.source))") }
                out.append("  - { \(fields.joined(separator: ", ")) }")
            }
        }
        if !scenario.assumptions.isEmpty {
            out.append("assumptions:")
            for a in scenario.assumptions {
                var fields = ["key: \(quote(a.key))", "range: [\(number(a.lower)), \(number(a.upper))]"]
                if a.logScale { fields.append("log: true") }
                out.append("  - { \(fields.joined(separator: ", ")) }")
            }
        }
        if !scenario.experiments.isEmpty {
            out.append("experiments:")
            for variant in scenario.experiments {
                out.append("  - name: \(variant.name)")
                let set = variant.overrides.map { "\(quote($0.key)): \(quote($0.value))" }
                out.append("    set: { \(set.joined(separator: ", ")) }")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func thirdParties(_ scenario: Scenario) -> [String] {
        let model = scenario.model
        guard !model.thirdParties.isEmpty else { return [] }
        let listed = scenario.listedPolicies
        var out = ["thirdParties:"]
        for party in model.thirdParties {
            out.append("  - id: \(party.id)")
            out.append("    name: \(quote(party.name))")
            let policies = listed.filter { $0.party == party.id }
            guard !policies.isEmpty else { continue }
            out.append("    policies:")
            for policy in policies {
                out.append("      - \(policy.kind.name): \(kindMapping(policy.kind))")
                out.append("        from: \(policy.fromWeek)")
                if policy.toWeek != Int.max { out.append("        to: \(policy.toWeek)") }
            }
        }
        return out
    }

    private static func events(_ scenario: Scenario) -> [String] {
        let model = scenario.model
        guard !model.events.isEmpty || !scenario.policyEvents.isEmpty else { return [] }
        var out = ["events:"]
        for event in model.events {
            out.append("  - id: \(event.id)")
            out.append("    week: \(event.week)")
            if !event.enabled { out.append("    enabled: false") }
            out.append(
                "    \(eventKind(event.kind, regions: model.regions, partials: model.partialAgreements.map(\.id)))")
        }
        for event in scenario.policyEvents {
            out.append("  - id: \(event.id)")
            out.append("    week: \(event.week)")
            if !event.enabled { out.append("    enabled: false") }
            var fields = [
                "party: \(event.policy.party)", "\(event.policy.kind.name): \(kindMapping(event.policy.kind))",
            ]
            if let weeks = event.weeks { fields.append("weeks: \(weeks)") }
            out.append("    policy: { \(fields.joined(separator: ", ")) }")
        }
        return out
    }

    /// `{ to: A, perWeek: 1.5 }` for a policy kind.
    static func kindMapping(_ kind: PolicyKind) -> String {
        let (name, side, amount) = PolicyKindName.parts(of: kind)
        var fields: [String] = []
        if let field = name.sideField, let side { fields.append("\(field): \(side)") }
        fields.append("\(name.amount.key): \(number(amount))")
        return "{ \(fields.joined(separator: ", ")) }"
    }

    /// `incursion: { side: A, region: kursk, … }` for an engine event.
    static func eventKind(_ kind: EventKind, regions: [Region], partials: [String] = []) -> String {
        func region(_ index: Int) -> String { regions.indices.contains(index) ? regions[index].id : "\(index)" }
        switch kind {
        case .offensive(let side, let r, let weeks, let boost):
            return "offensive: { side: \(side), region: \(region(r)), weeks: \(weeks), boost: \(number(boost)) }"
        case .incursion(let side, let r, let foothold, let humiliation, let shock):
            return "incursion: { side: \(side), region: \(region(r)), foothold: \(number(foothold)), "
                + "humiliation: \(number(humiliation)), shock: \(number(shock)) }"
        case .escalate(let side, let levels): return "escalate: { side: \(side), levels: \(levels) }"
        case .proposal(let side, let share): return "proposal: { side: \(side), share: \(number(share)) }"
        case .convene: return "convene: {}"
        case .negotiate(let k): return "convene: { track: \(partials.indices.contains(k) ? partials[k] : "\(k)") }"
        case .shock(let side, let size): return "shock: { side: \(side), size: \(number(size)) }"
        }
    }

    /// The shortest decimal text that reads back as exactly `value`.
    static func number(_ value: Double) -> String { formatNumber(value) }

    /// A literal block (`|`) when it reads back exactly: one final newline, no tabs, control
    /// characters, leading or trailing spaces on a line; nil otherwise.
    static func block(_ text: String) -> String? {
        guard text.hasSuffix("\n"), !text.hasSuffix("\n\n") else { return nil }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            if line.hasPrefix(" ") || line.hasSuffix(" ") { return nil }
            if line.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f || $0 == "\u{FEFF}" }) {
                return nil
            }
        }
        if lines.first?.isEmpty ?? true { return nil }
        return "|\n" + lines.map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }

    /// A YAML double-quoted string.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f || (0x80...0x9f).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xfeff
                {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension Scenario {
    /// This scenario as canonical YAML (see `ScenarioWriter`).
    public func canonicalYAML() -> String { ScenarioWriter.yaml(self) }
}

extension String {
    fileprivate var replacingNewlines: String {
        String(unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : Character($0) })
    }
}

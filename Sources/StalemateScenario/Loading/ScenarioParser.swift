import StalemateCore
import Yams

/// Turns scenario YAML into a `Scenario`, walking Yams' node tree by hand so that every
/// problem is reported with its file position and key path. Problems are collected, not
/// thrown one at a time: `parse()` returns nil when `errors` is not empty.
struct ScenarioParser {
    let file: String
    let text: String
    var errors: [ScenarioError] = []

    // Context later sections need, filled in as the file is read.
    var start: ScenarioDate? = nil
    var horizon = Int(ModelParameter.horizonWeeks.spec.defaultValue)
    var sideNames = SidePair(a: "A", b: "B")
    /// Region ids in file order with their home side (nil when the home was invalid).
    var regionIDs: [(id: String, home: Side?)] = []
    var partyIDs: [String] = []
    var partialIDs: [String] = []

    static let topKeys = [
        "scenario", "title", "description", "start", "weeks", "attritionLaw", "decisiveAt", "escalationLadder",
        "model", "sides", "regions", "issues", "partialAgreements", "thirdParties", "events", "run", "experiments",
        "observations", "assumptions",
    ]

    init(file: String, text: String) {
        self.file = file
        self.text = text
    }

    /// The scenario, or nil with `errors` filled.
    mutating func parse() -> Scenario? {
        let root: Node
        do {
            // No document, or a document with nothing in it (`---`): the file is empty.
            let composed = try Yams.compose(yaml: text)
            let isNull: Bool = {
                guard case .scalar(let scalar)? = composed else { return false }
                return scalar.style == .plain && ["", "~", "null"].contains(scalar.string)
            }()
            guard let node = composed, !isNull else {
                report(
                    .invalidValue(
                        "the file is empty (or holds only comments)",
                        fix:
                            "a scenario needs at least `scenario`, `sides` and `regions`; start from a bundled one: stalemate scenarios --show kursk-2024 > my-war.yaml"
                    ), nil, "")
                return nil
            }
            root = node
        } catch let error as YamlError {
            errors.append(YamlErrors.convert(error, file: file, text: text))
            return nil
        } catch {
            report(.syntax("\(error)"), nil, "")
            return nil
        }
        guard let top = fields(root, "", allowed: Self.topKeys, example: "scenario: my-war") else { return nil }
        let required = [
            ("scenario", "scenario: my-war"), ("sides", "sides: { A: { name: Ukraine }, B: { name: Russia } }"),
            ("regions", "regions: [ { id: front, home: A, value: 1, control: 0.5 } ]"),
        ]
        // A misspelt required key has been reported as unknown, with the suggestion.
        let unknown = top.node.mapping.map { $0.keys.compactMap(\.string).filter { !Self.topKeys.contains($0) } } ?? []
        for (key, example) in required where top[key] == nil {
            if unknown.contains(where: { EditDistance.closest(to: $0, among: [key]) != nil }) { continue }
            report(.missingKey(key, example: example), root, key)
        }

        let id = top["scenario"].flatMap { identifier($0.value, "scenario", kind: "scenario") }
        let title = top["title"].flatMap { text($0.value, "title", example: "title: \"A war\"") }
        let description = top["description"].flatMap { text($0.value, "description", example: "description: |") }
        if let entry = top["start"] { start = date(entry.value, "start") }

        let parameters = parseModel(top)
        let attritionLaw = top["attritionLaw"].flatMap { parseLaw($0.value, "attritionLaw") }
        let decisiveAt = top["decisiveAt"].flatMap { parseDecisive($0.value, "decisiveAt") }
        let rungs = top["escalationLadder"].flatMap { parseLadder($0, parameters: parameters) } ?? []
        horizon = Int(parameters[.horizonWeeks])

        guard let sidesEntry = top["sides"] else { return nil }
        let sides = parseSides(sidesEntry.value, "sides")
        let regionsEntry = top["regions"]
        let regions = regionsEntry.map { parseRegions($0.value, "regions") } ?? []
        let issues = top["issues"].map { parseIssues($0.value, "issues") } ?? []
        let partials = top["partialAgreements"].map { parsePartialAgreements($0.value, "partialAgreements") } ?? []
        let (parties, listed) = top["thirdParties"].map { parseThirdParties($0.value, "thirdParties") } ?? ([], [])
        let (events, policyEvents) = top["events"].map { parseEvents($0.value, "events") } ?? ([], [])
        let run = top["run"].map { parseRun($0.value, "run") } ?? RunSettings()

        if errors.isEmpty, let regionsEntry {
            let everActive =
                regions.contains(where: \.active)
                || events.contains {
                    if case .incursion = $0.kind { return $0.enabled } else { return false }
                }
            if !everActive {
                report(
                    .invalidValue(
                        "no region is ever on the front",
                        fix: "set `active: true` on at least one region, or schedule an incursion"),
                    regionsEntry.keyNode, "regions")
            }
        }
        guard errors.isEmpty, let id, let sides else { return nil }

        let model = WarModel(
            sideNames: sideNames, parameters: parameters, sides: sides, regions: regions, thirdParties: parties,
            policies: listed + policyEvents.filter(\.enabled).map(\.policy), events: events,
            attritionLaw: attritionLaw ?? .square, decisiveAt: decisiveAt, rungNames: rungs, issues: issues,
            partialAgreements: partials)
        for problem in model.problems() { report(.modelProblem(problem), root, "") }
        guard errors.isEmpty else { return nil }

        var scenario = Scenario(
            id: id, title: title ?? id, description: description ?? "", fileName: file, sourceText: text,
            startDate: start, model: model, run: run, experiments: [], policyEvents: policyEvents)
        if let entry = top["experiments"] {
            scenario.experiments = parseExperiments(entry.value, "experiments", base: scenario)
        }
        if let entry = top["observations"] { scenario.observations = parseObservations(entry.value, "observations") }
        if let entry = top["assumptions"] {
            scenario.assumptions = parseAssumptions(entry.value, "assumptions", base: scenario)
        }
        return errors.isEmpty ? scenario : nil
    }

    /// `model:` plus the top-level `weeks:` (the same as `model.horizonWeeks`).
    mutating func parseModel(_ top: Fields) -> ParameterValues<ModelParameter> {
        var values = ParameterValues<ModelParameter>()
        var horizonFromModel: Double? = nil
        if let entry = top["model"],
            let model = fields(
                entry.value, "model", allowed: ModelParameter.allCases.map(\.rawValue),
                example: "model: { lookAheadWeeks: 26 }")
        {
            for item in model.entries {
                guard let key = ModelParameter(rawValue: item.key) else { continue }
                if let value = number(item.value, model.path(item.key), key.spec) {
                    values[key] = value
                    if key == .horizonWeeks { horizonFromModel = value }
                }
            }
        }
        if let entry = top["weeks"], let weeks = number(entry.value, "weeks", ModelParameter.horizonWeeks.spec) {
            if let other = horizonFromModel, other != weeks {
                report(
                    .conflict(
                        "weeks: \(formatNumber(weeks)) contradicts model.horizonWeeks: \(formatNumber(other))",
                        fix: "give the horizon once, as `weeks:`"), entry.value, "weeks")
            }
            values[.horizonWeeks] = weeks
        }
        return values
    }

    mutating func parseLaw(_ node: Node, _ path: String) -> AttritionLaw? {
        guard let name = text(node, path, example: "`attritionLaw: square`") else { return nil }
        if let law = AttritionLaw(rawValue: name) { return law }
        report(
            .unknownReference(kind: "attrition law", name: name, valid: AttritionLaw.allCases.map(\.rawValue)), node,
            path)
        return nil
    }

    mutating func parseDecisive(_ node: Node, _ path: String) -> ClosedRange<Double>? {
        let example = "`decisiveAt: [0.05, 0.95]`"
        guard let items = list(node, path, example: example) else { return nil }
        guard items.count == 2 else {
            report(
                .wrongType(
                    expected: "a list of two shares [low, high]", found: "\(items.count) items", example: example),
                node, path)
            return nil
        }
        let spec = FieldSpecs.spec("decisiveAt", "A's share of total value", 0, 0...1, "")
        let low = number(items[0], path + "[0]", spec)
        let high = number(items[1], path + "[1]", spec)
        guard let low, let high else { return nil }
        guard low < high else {
            report(
                .conflict(
                    "the low bound \(formatNumber(low)) is not below the high bound \(formatNumber(high))",
                    fix: "write [low, high] with low < high"), node, path)
            return nil
        }
        return low...high
    }

    mutating func parseLadder(_ entry: Entry, parameters: ParameterValues<ModelParameter>) -> [String]? {
        guard
            let items = list(
                entry.value, "escalationLadder", example: "`escalationLadder: [strikes on energy, mobilisation]`")
        else { return nil }
        let names = items.enumerated().compactMap { i, node in
            text(node, "escalationLadder[\(i)]", example: "a rung name")
        }
        let top = Int(parameters[.ladderMax])
        if names.count > top {
            report(
                .conflict(
                    "the ladder names \(names.count) rungs but model.ladderMax is \(top)",
                    fix: "name at most \(top) rungs or raise model.ladderMax"), entry.value, "escalationLadder")
        }
        return names
    }

    /// A `YYYY-MM-DD` date.
    mutating func date(_ node: Node, _ path: String) -> ScenarioDate? {
        guard let raw = text(node, path, example: "a date like 2024-08-05") else { return nil }
        if let date = ScenarioDate(iso: raw) { return date }
        report(
            .badDate("'\(raw)' is not a valid date", fix: "write an ISO date YYYY-MM-DD that exists, e.g. 2024-08-05"),
            node, path)
        return nil
    }
}

import StalemateCore
import Yams

/// The `run:` and `experiments:` sections.
extension ScenarioParser {
    mutating func parseRun(_ node: Node, _ path: String) -> RunSettings {
        var settings = RunSettings()
        guard
            let run = fields(
                node, path, allowed: ["runs", "seed", "threads"], example: "run: { runs: 10000, seed: 1 }")
        else { return settings }
        if let entry = run["runs"], let runs = integer(entry.value, run.path("runs"), FieldSpecs.runs) {
            settings.runs = runs
        }
        if let entry = run["threads"], let threads = integer(entry.value, run.path("threads"), FieldSpecs.threads) {
            settings.threads = threads
        }
        if let entry = run["seed"] {
            if case .scalar(let scalar) = entry.value, !Self.isQuoted(entry.value), let seed = UInt64(scalar.string) {
                settings.seed = seed
            } else {
                report(
                    .wrongType(
                        expected: "a whole number in 0...\(UInt64.max)", found: Self.describe(entry.value),
                        example: "`seed: 20240806`"), entry.value, run.path("seed"))
            }
        }
        return settings
    }

    /// The experiments, each checked by applying its overrides to `base`.
    mutating func parseExperiments(_ node: Node, _ path: String, base: Scenario) -> [ExperimentVariant] {
        let example = "- { name: decoupling, set: { \"thirdParties.mediators.decoupling\": \"0.8\" } }"
        guard let items = list(node, path, example: "a list of experiments, e.g. `\(example)`") else { return [] }
        var variants: [ExperimentVariant] = []
        var firstLine: [String: Int?] = [:]
        for (i, item) in items.enumerated() {
            guard
                let experiment = fields(
                    item, "\(path)[\(i)]", allowed: ["name", "set"], required: ["name", "set"], example: example),
                let nameEntry = experiment["name"],
                let name = identifier(nameEntry.value, experiment.path("name"), kind: "experiment")
            else { continue }
            if let first = firstLine[name] {
                report(
                    .duplicateID(kind: "experiment", id: name, firstLine: first), nameEntry.value,
                    experiment.path("name"))
                continue
            }
            firstLine[name] = nameEntry.value.mark?.line
            let setPath = "\(path)[\(name)].set"
            guard let setEntry = experiment["set"] else { continue }
            guard case .mapping(let mapping) = setEntry.value else {
                report(
                    .wrongType(
                        expected: "a mapping of override keys to values", found: Self.describe(setEntry.value),
                        example: example), setEntry.value, setPath)
                continue
            }
            var overrides: [Override] = []
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let key) = keyNode, case .scalar(let value) = valueNode,
                    Self.describe(valueNode) != "nothing (null)"
                else {
                    report(
                        .wrongType(
                            expected: "key: value", found: Self.describe(valueNode),
                            example: "`\"sides.A.contingency\": 2`"), valueNode, setPath)
                    continue
                }
                overrides.append(Override(key: key.string, value: value.string, location: location(valueNode)))
            }
            do {
                _ = try base.applying(overrides)
            } catch {
                for problem in error.errors {
                    errors.append(problem.relocated(to: problem.location, keyPath: "\(setPath).\(problem.keyPath)"))
                }
            }
            variants.append(ExperimentVariant(name: name, overrides: overrides))
        }
        return variants
    }

    /// The ranges of the numbers the file labels as assumptions (`assumptions:`). Each key
    /// must be an override that accepts both ends of its range.
    mutating func parseAssumptions(_ node: Node, _ path: String, base: Scenario) -> [AssumptionRange] {
        let example = "- { key: sides.A.weeklyCost, range: [0.001, 0.02], log: true }"
        guard let items = list(node, path, example: "a list of assumptions, e.g. `\(example)`") else { return [] }
        let bound = FieldSpecs.spec("range", "the key's unit", 0, -1e12...1e12, "a bound of the range")
        var out: [AssumptionRange] = []
        var seen: Set<String> = []
        for (i, item) in items.enumerated() {
            let itemPath = "\(path)[\(i)]"
            guard
                let f = fields(
                    item, itemPath, allowed: ["key", "range", "log"], required: ["key", "range"], example: example),
                let keyEntry = f["key"],
                let key = text(keyEntry.value, f.path("key"), example: "key: sides.A.weeklyCost"),
                let rangeEntry = f["range"]
            else { continue }
            let logScale = f["log"].map { flag($0.value, f.path("log")) } ?? false
            guard let logScale else { continue }
            guard let ends = list(rangeEntry.value, f.path("range"), example: "range: [0.001, 0.02]") else { continue }
            guard ends.count == 2 else {
                report(
                    .wrongType(
                        expected: "two numbers, [low, high]", found: "\(ends.count) items",
                        example: "range: [0.001, 0.02]"),
                    rangeEntry.value, f.path("range"))
                continue
            }
            guard let lower = number(ends[0], f.path("range") + "[0]", bound),
                let upper = number(ends[1], f.path("range") + "[1]", bound)
            else { continue }
            guard lower < upper else {
                report(
                    .conflict("the low bound \(lower) is not below the high bound \(upper)", fix: "write [low, high]"),
                    rangeEntry.value, f.path("range"))
                continue
            }
            if logScale && lower <= 0 {
                report(
                    .invalidValue(
                        "a log scale needs a low bound above 0 (got \(lower))",
                        fix: "raise the low bound or drop `log: true`"),
                    rangeEntry.value, f.path("range"))
                continue
            }
            if !seen.insert(key).inserted {
                report(
                    .invalidValue("'\(key)' is listed twice", fix: "keep one range per key"), keyEntry.value,
                    f.path("key"))
                continue
            }
            var valid = true
            for end in [lower, upper] {
                do {
                    _ = try base.applying([
                        Override(key: key, value: ScenarioWriter.number(end), location: location(keyEntry.value))
                    ])
                } catch {
                    valid = false
                    for problem in error.errors {
                        errors.append(problem.relocated(to: problem.location, keyPath: f.path("key")))
                    }
                    break
                }
            }
            if valid { out.append(AssumptionRange(key: key, lower: lower, upper: upper, logScale: logScale)) }
        }
        return out
    }
}

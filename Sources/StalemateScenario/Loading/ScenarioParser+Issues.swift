import StalemateCore
import Yams

/// The `issues:` section (docs/model.md, "Political issues and core demands"): political issues beyond the line.
extension ScenarioParser {
    /// The issues in file order.
    mutating func parseIssues(_ node: Node, _ path: String) -> [PoliticalIssue] {
        let example = "- { id: neutrality, values: { A: 0.01, B: 0.02 }, core: [B] }"
        guard let items = list(node, path, example: "a list of issues, e.g. `\(example)`") else { return [] }
        var issues: [PoliticalIssue] = []
        var firstLine: [String: Int?] = [:]
        for (i, item) in items.enumerated() {
            let itemPath = "\(path)[\(i)]"
            guard
                let issue = fields(
                    item, itemPath, allowed: ["id", "name", "values", "core"], required: ["id", "values"],
                    example: example)
            else { continue }
            let id = uniqueID(issue, kind: "issue", seen: &firstLine)
            let name = issue["name"].flatMap { text($0.value, issue.path("name"), example: "name: \"Neutrality\"") }
            var values: SidePair<Double>? = nil
            if let entry = issue["values"],
                let sides = fields(
                    entry.value, issue.path("values"), allowed: ["A", "B"], required: ["A", "B"],
                    example: "values: { A: 0.01, B: 0.02 }")
            {
                let a = sides["A"].flatMap { number($0.value, sides.path("A"), FieldSpecs.issueValue) }
                let b = sides["B"].flatMap { number($0.value, sides.path("B"), FieldSpecs.issueValue) }
                if let a, let b { values = SidePair(a: a, b: b) }
            }
            var core = SidePair(repeating: false)
            var coreOK = true
            if let entry = issue["core"] {
                if let listed = list(entry.value, issue.path("core"), example: "core: [A], core: [B] or core: [A, B]") {
                    for (k, sideNode) in listed.enumerated() {
                        if let side = side(sideNode, "\(issue.path("core"))[\(k)]") {
                            core[side] = true
                        } else {
                            coreOK = false
                        }
                    }
                } else {
                    coreOK = false
                }
            }
            guard let id, let values, coreOK else { continue }
            issues.append(PoliticalIssue(id: id, name: name ?? id, value: values, core: core))
        }
        return issues
    }

    /// The agreements short of a ceasefire that talks can reach (docs/model.md, "Partial agreements").
    mutating func parsePartialAgreements(_ node: Node, _ path: String) -> [PartialAgreement] {
        let example = "- { id: energy-moratorium, cap: 0, weeks: 30, chancePerRound: 0.3, breakdownHazard: 0.02 }"
        guard let items = list(node, path, example: "a list of partial agreements, e.g. `\(example)`") else {
            return []
        }
        if items.count > PartialAgreement.maximumCount {
            report(
                .invalidValue(
                    "\(items.count) partial agreements, but at most \(PartialAgreement.maximumCount) are supported",
                    fix: "keep the \(PartialAgreement.maximumCount) that matter most"), node, path)
            return []
        }
        var agreements: [PartialAgreement] = []
        var firstLine: [String: Int?] = [:]
        for (i, item) in items.enumerated() {
            let itemPath = "\(path)[\(i)]"
            guard
                let f = fields(
                    item, itemPath,
                    allowed: ["id", "name", "cap", "willingness", "weeks", "chancePerRound", "breakdownHazard"],
                    required: ["id", "chancePerRound"], example: example)
            else { continue }
            let id = uniqueID(f, kind: "partial agreement", seen: &firstLine)
            let name = f["name"].flatMap { text($0.value, f.path("name"), example: "name: \"Energy moratorium\"") }
            var ok = true
            func value(_ key: String, _ spec: ParameterSpec) -> Double? {
                guard let entry = f[key] else { return nil }
                let v = number(entry.value, f.path(key), spec)
                if v == nil { ok = false }
                return v
            }
            let cap = value("cap", FieldSpecs.partialCap)
            let willingness = value("willingness", FieldSpecs.partialWillingness)
            let weeks = value("weeks", FieldSpecs.partialWeeks)
            let chance = value("chancePerRound", FieldSpecs.partialChance)
            let hazard = value("breakdownHazard", FieldSpecs.partialHazard)
            guard let id, let chance, ok else { continue }
            partialIDs.append(id)
            agreements.append(
                PartialAgreement(
                    id: id, name: name ?? id, cap: cap.map { Int($0) }, willingness: willingness ?? 0,
                    weeks: weeks.map { Int($0) }, chancePerRound: chance, breakdownHazard: hazard ?? 0))
        }
        return agreements
    }

    /// Observed series of the war, for backtests (`observations:`).
    mutating func parseObservations(_ node: Node, _ path: String) -> [ObservationSpec] {
        let example = "- { observable: occupied.A, file: occupied.csv, column: km2, scale: 0.001, source: \"…\" }"
        guard let items = list(node, path, example: "a list of observed series, e.g. `\(example)`") else { return [] }
        var out: [ObservationSpec] = []
        for (i, item) in items.enumerated() {
            guard
                let f = fields(
                    item, "\(path)[\(i)]", allowed: ["observable", "file", "column", "scale", "source"],
                    required: ["observable", "file"], example: example)
            else { continue }
            let observable = f["observable"].flatMap {
                text($0.value, f.path("observable"), example: "observable: occupied.A")
            }
            let file = f["file"].flatMap { text($0.value, f.path("file"), example: "file: occupied.csv") }
            let column = f["column"].map { text($0.value, f.path("column"), example: "column: occupied_km2") }
            let scale = f["scale"].map { number($0.value, f.path("scale"), FieldSpecs.observationScale) }
            let source = f["source"].flatMap { text($0.value, f.path("source"), example: "source: \"DeepState map\"") }
            guard let observable, let file, column != .some(nil), scale != .some(nil) else { continue }
            out.append(
                ObservationSpec(
                    observable: observable, file: file, column: column ?? nil, scale: (scale ?? 1) ?? 1,
                    source: source ?? ""))
        }
        return out
    }
}

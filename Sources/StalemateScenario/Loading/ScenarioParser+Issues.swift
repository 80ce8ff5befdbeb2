import StalemateCore
import Yams

/// The `issues:` section (MODEL.md v2 section 5): political issues beyond the line.
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
            var id: String? = nil
            if let entry = issue["id"], let parsed = identifier(entry.value, issue.path("id"), kind: "issue") {
                if let first = firstLine[parsed] {
                    report(.duplicateID(kind: "issue", id: parsed, firstLine: first), entry.value, issue.path("id"))
                } else {
                    firstLine[parsed] = entry.value.mark?.line
                    id = parsed
                }
            }
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
}

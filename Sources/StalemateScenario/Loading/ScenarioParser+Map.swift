import StalemateCore
import Yams

/// The `sides:` and `regions:` sections.
extension ScenarioParser {
    /// Both sides' names and parameters; nil when the section is unusable.
    mutating func parseSides(_ node: Node, _ path: String) -> SidePair<ParameterValues<SideParameter>>? {
        let example = "sides: { A: { name: Ukraine }, B: { name: Russia } }"
        guard let sides = fields(node, path, allowed: ["A", "B"], required: ["A", "B"], example: example) else {
            return nil
        }
        let allowed = ["name"] + SideParameter.allCases.map(\.rawValue)
        var values = SidePair(repeating: ParameterValues<SideParameter>())
        var nameNodes = SidePair<Node?>(repeating: nil)
        for side in Side.allCases {
            guard let entry = sides[side.description] else { continue }
            let sidePath = join(path, side.description)
            guard
                let mapping = fields(
                    entry.value, sidePath, allowed: allowed, example: "\(side): { name: Ukraine, forces: 450 }")
            else { continue }
            for item in mapping.entries {
                if item.key == "name" {
                    if let name = text(item.value, mapping.path("name"), example: "name: Ukraine") {
                        sideNames[side] = name
                        nameNodes[side] = item.value
                    }
                } else if let key = SideParameter(rawValue: item.key),
                    let value = number(item.value, mapping.path(item.key), key.spec)
                {
                    values[side][key] = value
                }
            }
        }
        // A name must not make a side reference ambiguous.
        for side in Side.allCases {
            guard let nameNode = nameNodes[side] else { continue }
            let name = sideNames[side]
            if let label = Side(label: name), label != side {
                report(
                    .conflict(
                        "side \(side) is named '\(name)', the label of side \(label)", fix: "choose another name"),
                    nameNode, "sides.\(side).name")
            }
        }
        if let nameNode = nameNodes.b, sideNames.a.lowercased() == sideNames.b.lowercased() {
            report(
                .conflict("both sides are named '\(sideNames.b)'", fix: "give the sides different names"), nameNode,
                "sides.B.name")
        }
        return values
    }

    /// The regions in file order.
    mutating func parseRegions(_ node: Node, _ path: String) -> [Region] {
        let example = "- { id: donetsk, home: A, value: 26.5, control: 0.37 }"
        guard let items = list(node, path, example: "a list of regions, e.g. `\(example)`") else { return [] }
        if items.isEmpty {
            report(.missingKey("regions[0]", example: example), node, path)
        }
        var regions: [Region] = []
        var firstLine: [String: Int?] = [:]
        for (i, item) in items.enumerated() {
            let itemPath = "\(path)[\(i)]"
            guard
                let region = fields(
                    item, itemPath, allowed: ["id", "name", "home", "value", "symbolic", "control", "active", "step"],
                    required: ["id", "home", "value", "control"], example: example)
            else { continue }
            let id = uniqueID(region, kind: "region", seen: &firstLine)
            let home = region["home"].flatMap { side($0.value, region.path("home")) }
            if let id { regionIDs.append((id, home)) }
            let name = region["name"].flatMap {
                text($0.value, region.path("name"), example: "name: \"Donetsk oblast\"")
            }
            let value = region["value"].flatMap { number($0.value, region.path("value"), FieldSpecs.value) }
            let control = region["control"].flatMap { number($0.value, region.path("control"), FieldSpecs.control) }
            let symbolic = region["symbolic"].map { number($0.value, region.path("symbolic"), FieldSpecs.symbolic) }
            let active = region["active"].map { flag($0.value, region.path("active")) }
            let step = region["step"].map { number($0.value, region.path("step"), FieldSpecs.step) }
            guard let id, let home, let value, let control else { continue }
            // A key present but malformed has been reported; skip the region rather than default it.
            guard symbolic != .some(nil), active != .some(nil), step != .some(nil) else { continue }
            regions.append(
                Region(
                    id: id, name: name ?? id, home: home, value: value, symbolic: (symbolic ?? 0) ?? 0,
                    control: control, active: (active ?? true) ?? true, step: step ?? nil))
        }
        return regions
    }

    /// The index of region `id`, reporting an unknown one.
    mutating func region(_ node: Node, _ path: String) -> (index: Int, home: Side?)? {
        guard let id = text(node, path, example: "a region id") else { return nil }
        if let index = regionIDs.firstIndex(where: { $0.id == id }) { return (index, regionIDs[index].home) }
        report(.unknownReference(kind: "region", name: id, valid: regionIDs.map(\.id)), node, path)
        return nil
    }
}

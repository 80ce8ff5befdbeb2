import StalemateCore

extension Scenario {
    /// The key forms `applying(_:)` accepts, for error messages and docs.
    public static let overrideKeyForms = [
        "<modelParameter>", "model.<modelParameter>", "weeks", "attritionLaw", "decisiveAt",
        "sides.<A|B|name>.<sideParameter>", "sides.<A|B|name>.name",
        "regions.<id>.<value|symbolic|control|active|step|home|name>", "issues.<id>.<A|B|core>",
        "events.<id>", "events.<id>.week", "events.<id>.<field>",
        "thirdParties.<id>.<policyKind>[.<side>]", "run.runs", "run.seed", "run.threads",
    ]

    /// This scenario with `overrides` applied in order, validated like a loaded file.
    ///
    /// Keys are listed in docs/scenario-format.md, e.g. `sides.A.contingency=2`,
    /// `events.kursk-incursion=off`, `thirdParties.mediators.decoupling=0.8@0:156` (which
    /// replaces the party's decoupling in weeks [0, 156), clipping existing policies).
    /// - Throws: `ScenarioErrors` with every override that failed, or every inconsistency the
    ///   overrides left (e.g. an event past a shortened horizon).
    public func applying(_ overrides: [Override]) throws(ScenarioErrors) -> Scenario {
        var result = self
        var errors: [ScenarioError] = []
        for override in overrides {
            do {
                try result.apply(OverrideValue(override: override))
            } catch {
                errors.append(error)
            }
        }
        if errors.isEmpty, let last = overrides.last {
            errors = result.consistencyProblems().map {
                ScenarioError($0.reason, at: last.location, keyPath: $0.keyPath)
            }
        }
        guard errors.isEmpty else { throw ScenarioErrors(errors) }
        result.appliedOverrides += overrides
        return result
    }

    /// Applies one override; the scenario is unchanged when it throws.
    mutating func apply(_ o: OverrideValue) throws(ScenarioError) {
        let parts = o.key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let top = [
            "model", "weeks", "attritionLaw", "decisiveAt", "sides", "regions", "issues", "events", "thirdParties",
            "run",
        ]
        switch parts.first ?? "" {
        case "weeks" where parts.count == 1:
            setHorizon(Int(try o.number(ModelParameter.horizonWeeks.spec)))
        case "model" where parts.count == 2:
            guard let parameter = ModelParameter(rawValue: parts[1]) else {
                throw o.error(.unknownKey(parts[1], valid: ModelParameter.allCases.map(\.rawValue)))
            }
            if parameter == .horizonWeeks {
                setHorizon(Int(try o.number(parameter.spec)))
            } else {
                model.parameters[parameter] = try o.number(parameter.spec)
            }
        case "attritionLaw" where parts.count == 1:
            guard let law = AttritionLaw(rawValue: o.raw) else {
                throw o.error(
                    .unknownReference(kind: "attrition law", name: o.raw, valid: AttritionLaw.allCases.map(\.rawValue)))
            }
            model.attritionLaw = law
        case "decisiveAt" where parts.count == 1:
            model.decisiveAt = try decisive(o)
        case "sides" where parts.count == 3:
            try applySide(o, label: parts[1], field: parts[2])
        case "regions" where parts.count == 3:
            try applyRegion(o, id: parts[1], field: parts[2])
        case "issues" where parts.count == 3:
            try applyIssue(o, id: parts[1], field: parts[2])
        case "events" where parts.count == 2 || parts.count == 3:
            try applyEvent(o, id: parts[1], field: parts.count == 3 ? parts[2] : nil)
        case "thirdParties" where parts.count == 3 || parts.count == 4:
            try applyPolicy(o, party: parts[1], kind: parts[2], side: parts.count == 4 ? parts[3] : nil)
        case "run" where parts.count == 2:
            try applyRun(o, field: parts[1])
        default:
            if parts.count == 1, let parameter = ModelParameter(rawValue: parts[0]) {
                if parameter == .horizonWeeks {
                    setHorizon(Int(try o.number(parameter.spec)))
                } else {
                    model.parameters[parameter] = try o.number(parameter.spec)
                }
                return
            }
            if parts.count == 1 || !top.contains(parts[0]) {
                throw o.error(.unknownKey(parts[0], valid: top + ModelParameter.allCases.map(\.rawValue)))
            }
            throw o.error(
                .invalidValue(
                    "'\(o.key)' does not have the form of a '\(parts[0])' key",
                    fix:
                        "use one of: \(Self.overrideKeyForms.filter { $0.hasPrefix(parts[0]) }.joined(separator: ", "))"
                ))
        }
    }

    /// Sets the horizon. A shorter one switches off the events at or past it and removes the
    /// policies that would start there, and names them in `droppedPastHorizon`, so that a run
    /// cut short says what it left out instead of refusing to run.
    mutating func setHorizon(_ weeks: Int) {
        let listed = listedPolicies
        model.parameters[.horizonWeeks] = Double(weeks)
        for i in model.events.indices where model.events[i].enabled && model.events[i].week >= weeks {
            model.events[i].enabled = false
            droppedPastHorizon.append("events.\(model.events[i].id)")
        }
        for i in policyEvents.indices where policyEvents[i].enabled && policyEvents[i].week >= weeks {
            policyEvents[i].enabled = false
            droppedPastHorizon.append("events.\(policyEvents[i].id)")
        }
        for policy in listed where policy.fromWeek >= weeks {
            droppedPastHorizon.append("thirdParties.\(policy.party).\(policy.kind.name) from week \(policy.fromWeek)")
        }
        setPolicies(listed: listed.filter { $0.fromWeek < weeks })
    }

    private func decisive(_ o: OverrideValue) throws(ScenarioError) -> ClosedRange<Double>? {
        if o.raw == "none" { return nil }
        let bounds = o.raw.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let spec = FieldSpecs.spec("decisiveAt", "A's share of total value", 0, 0...1, "")
        guard bounds.count == 2 else {
            throw o.error(.wrongType(expected: "low:high or none", found: o.found, example: "`decisiveAt=0.05:0.95`"))
        }
        let low = try o.number(bounds[0], spec)
        let high = try o.number(bounds[1], spec)
        guard low < high else {
            throw o.error(.conflict("the low bound is not below the high bound", fix: "write low:high with low < high"))
        }
        return low...high
    }

    private mutating func applySide(_ o: OverrideValue, label: String, field: String) throws(ScenarioError) {
        let side = try o.side(label, names: model.sideNames)
        if field == "name" {
            model.sideNames[side] = try o.text()
            return
        }
        guard let parameter = SideParameter(rawValue: field) else {
            throw o.error(.unknownKey(field, valid: ["name"] + SideParameter.allCases.map(\.rawValue)))
        }
        model.sides[side][parameter] = try o.number(parameter.spec)
    }

    private mutating func applyRegion(_ o: OverrideValue, id: String, field: String) throws(ScenarioError) {
        guard let index = model.regions.firstIndex(where: { $0.id == id }) else {
            throw o.error(.unknownReference(kind: "region", name: id, valid: model.regions.map(\.id)))
        }
        switch field {
        case "value": model.regions[index].value = try o.number(FieldSpecs.value)
        case "symbolic": model.regions[index].symbolic = try o.number(FieldSpecs.symbolic)
        case "control": model.regions[index].control = try o.number(FieldSpecs.control)
        case "step": model.regions[index].step = o.raw == "default" ? nil : try o.number(FieldSpecs.step)
        case "active": model.regions[index].active = try o.flag()
        case "home": model.regions[index].home = try o.side(names: model.sideNames)
        case "name": model.regions[index].name = try o.text()
        default:
            throw o.error(
                .unknownKey(field, valid: ["value", "symbolic", "control", "active", "step", "home", "name"]))
        }
    }

    /// `issues.<id>.A` / `.B` set a side's value; `issues.<id>.core` the core sides
    /// (`A`, `B`, `A+B` or `none`).
    private mutating func applyIssue(_ o: OverrideValue, id: String, field: String) throws(ScenarioError) {
        guard let index = model.issues.firstIndex(where: { $0.id == id }) else {
            throw o.error(.unknownReference(kind: "issue", name: id, valid: model.issues.map(\.id)))
        }
        switch field.uppercased() {
        case "A": model.issues[index].value.a = try o.number(FieldSpecs.issueValue)
        case "B": model.issues[index].value.b = try o.number(FieldSpecs.issueValue)
        case "CORE":
            let forms: [String: SidePair<Bool>] = [
                "none": SidePair(a: false, b: false), "A": SidePair(a: true, b: false),
                "B": SidePair(a: false, b: true), "A+B": SidePair(a: true, b: true),
            ]
            guard let core = forms[o.raw] else {
                throw o.error(
                    .wrongType(expected: "A, B, A+B or none", found: o.found, example: "`issues.neutrality.core=B`"))
            }
            model.issues[index].core = core
        default:
            throw o.error(.unknownKey(field, valid: ["A", "B", "core"]))
        }
    }

    private mutating func applyRun(_ o: OverrideValue, field: String) throws(ScenarioError) {
        switch field {
        case "runs": run.runs = Int(try o.number(FieldSpecs.runs))
        case "threads": run.threads = o.raw == "auto" ? nil : Int(try o.number(FieldSpecs.threads))
        case "seed":
            guard let seed = UInt64(o.raw) else {
                throw o.error(
                    .wrongType(
                        expected: "a whole number in 0...\(UInt64.max)", found: o.found, example: "`run.seed=42`"))
            }
            run.seed = seed
        default: throw o.error(.unknownKey(field, valid: ["runs", "seed", "threads"]))
        }
    }
}

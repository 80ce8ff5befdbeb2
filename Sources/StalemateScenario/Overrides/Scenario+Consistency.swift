import StalemateCore

extension Scenario {
    /// Problems that only a combination of settings shows (an event past a shortened horizon,
    /// an incursion into a region whose home was changed…), checked after overrides; then
    /// anything `WarModel.problems()` still finds.
    func consistencyProblems() -> [(keyPath: String, reason: ScenarioError.Reason)] {
        var out: [(keyPath: String, reason: ScenarioError.Reason)] = []
        func add(_ keyPath: String, _ reason: ScenarioError.Reason) { out.append((keyPath, reason)) }

        let horizon = model.horizon
        let fix = "move it before week \(horizon) or raise `weeks`"
        let late = "at or past the horizon of \(horizon) weeks"
        func eventFix(_ id: String) -> String {
            "move it before week \(horizon), switch it off (--set events.\(id)=off) or raise `weeks`"
        }
        for event in model.events where event.enabled && event.week >= horizon {
            add(
                "events[\(event.id)].week",
                .outsideHorizon("the event is week \(event.week), \(late)", fix: eventFix(event.id)))
        }
        for event in policyEvents where event.enabled && event.week >= horizon {
            add(
                "events[\(event.id)].week",
                .outsideHorizon("the event is week \(event.week), \(late)", fix: eventFix(event.id)))
        }
        for policy in listedPolicies where policy.fromWeek >= horizon {
            add(
                "thirdParties[\(policy.party)].\(policy.kind.name)",
                .outsideHorizon("a policy starts in week \(policy.fromWeek), \(late)", fix: fix))
        }

        let top = Int(model.parameters[.ladderMax])
        if model.rungNames.count > top {
            add(
                "escalationLadder",
                .conflict(
                    "the ladder names \(model.rungNames.count) rungs but model.ladderMax is \(top)",
                    fix: "raise model.ladderMax"))
        }

        for side in Side.allCases {
            let name = model.sideNames[side]
            if let label = Side(label: name), label != side {
                add(
                    "sides.\(side).name",
                    .conflict("side \(side) is named '\(name)', the label of side \(label)", fix: "choose another name")
                )
            }
        }
        if model.sideNames.a.lowercased() == model.sideNames.b.lowercased() {
            add(
                "sides.B.name",
                .conflict("both sides are named '\(model.sideNames.b)'", fix: "give the sides different names"))
        }

        var everActive = model.regions.contains(where: \.active)
        for event in model.events {
            guard case .incursion(let side, let index, _, _, _) = event.kind, model.regions.indices.contains(index)
            else { continue }
            everActive = everActive || event.enabled
            let region = model.regions[index]
            if region.home != side.opponent {
                add(
                    "events[\(event.id)].incursion.region",
                    .invalidValue(
                        "an incursion by \(side) must enter \(side.opponent)'s homeland, "
                            + "but '\(region.id)' is \(region.home)'s",
                        fix: "change the region's home back or switch the event off"))
            }
        }
        if !everActive {
            add(
                "regions",
                .invalidValue(
                    "no region is ever on the front", fix: "set regions.<id>.active=true or switch an incursion on"))
        }

        if out.isEmpty {
            for problem in model.problems() { add("", .modelProblem(problem)) }
        }
        return out
    }
}

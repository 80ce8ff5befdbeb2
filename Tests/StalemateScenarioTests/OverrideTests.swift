import StalemateCore
import Testing

@testable import StalemateScenario

/// `Scenario.applying(_:)`: every key form, and bad keys and values.
struct OverrideTests {
    let base: Scenario

    init() throws {
        let text =
            Fixture.base
            + "  - { id: un-pressure, week: 2, policy: { party: un, pressure: { on: Russia, amount: 1 }, weeks: 10 } }\n"
        base = try ScenarioLoader.load(text: text, fileName: "test.yaml")
    }

    func apply(_ overrides: String...) throws -> Scenario {
        try base.applying(overrides.map { try Override(parsing: $0) })
    }

    /// The single error applying `override` gives.
    func failure(_ override: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ScenarioError {
        do {
            _ = try apply(override)
        } catch let error as ScenarioErrors {
            #expect(error.errors.count == 1, "\(error)", sourceLocation: sourceLocation)
            return try #require(error.errors.first, sourceLocation: sourceLocation)
        }
        Issue.record("'\(override)' was accepted", sourceLocation: sourceLocation)
        throw CancellationError()
    }

    @Test func modelParameters() throws {
        let scenario = try apply("model.lookAheadWeeks=10", "meetingRate=0.9", "weeks=104")
        #expect(scenario.model.parameters[.lookAheadWeeks] == 10)
        #expect(scenario.model.parameters[.meetingRate] == 0.9)
        #expect(scenario.model.horizon == 104)
        #expect(
            scenario.appliedOverrides.map(\.description) == ["model.lookAheadWeeks=10", "meetingRate=0.9", "weeks=104"])
    }

    /// A shorter horizon switches off what comes at or after it and records what it dropped.
    @Test func aShorterHorizonDropsLaterEvents() throws {
        let scenario = try apply("weeks=2")
        #expect(scenario.model.horizon == 2)
        #expect(scenario.droppedPastHorizon == ["events.un-pressure"])
        #expect(!scenario.model.policies.contains { $0.party == "un" && $0.fromWeek >= 2 })
        #expect(try apply("weeks=104").droppedPastHorizon.isEmpty)
    }

    @Test func sideParametersByLabelOrName() throws {
        let scenario = try apply(
            "sides.A.contingency=5", "sides.russia.suspensionSensitivity=0.9", "sides.B.name=Moscow")
        #expect(scenario.model.sides.a[.contingency] == 5)
        #expect(scenario.model.sides.b[.suspensionSensitivity] == 0.9)
        #expect(scenario.model.sideNames.b == "Moscow")
    }

    @Test func regionFields() throws {
        let scenario = try apply(
            "regions.donetsk.control=0.5", "regions.donetsk.step=0.01", "regions.donetsk.value=10",
            "regions.donetsk.symbolic=2", "regions.kursk.active=true", "regions.donetsk.name=Donbas")
        let donetsk = scenario.model.regions[0]
        #expect(donetsk.control == 0.5 && donetsk.step == 0.01 && donetsk.value == 10 && donetsk.symbolic == 2)
        #expect(donetsk.name == "Donbas")
        #expect(scenario.model.regions[1].active)
        #expect(try apply("regions.donetsk.step=0.01", "regions.donetsk.step=default").model.regions[0].step == nil)
    }

    @Test func changingAHomeBreaksTheIncursion() throws {
        let error = try failure("regions.kursk.home=A")
        #expect(error.code == .invalidValue)
        #expect(error.keyPath == "events[kursk-incursion].incursion.region")
    }

    @Test func eventSwitchesWeeksAndFields() throws {
        let off = try apply("events.kursk-incursion=off")
        #expect(off.model.events[0].enabled == false)
        #expect(try apply("events.kursk-incursion=off", "events.kursk-incursion=on").model.events[0].enabled)
        #expect(try apply("events.kursk-incursion.week=3").model.events[0].week == 3)
        #expect(try apply("events.kursk-incursion.week=2024-09-01").model.events[0].week == 3)
        let changed = try apply("events.kursk-incursion.foothold=0.02", "events.kursk-incursion.shock=3")
        #expect(
            changed.model.events[0].kind == .incursion(side: .a, region: 1, foothold: 0.02, humiliation: 0, shock: 3))
    }

    @Test func policyEvents() throws {
        let pressure = Policy(party: "un", kind: .pressure(on: .b, amount: 1), fromWeek: 2, toWeek: 12)
        #expect(base.model.policies.last == pressure)
        #expect(base.policyEvents.map(\.id) == ["un-pressure"])
        let off = try apply("events.un-pressure=off")
        #expect(!off.model.policies.contains(pressure))
        #expect(off.policyEvents[0].enabled == false)
        let moved = try apply("events.un-pressure.week=5", "events.un-pressure.weeks=3", "events.un-pressure.amount=2")
        #expect(
            moved.model.policies.last == Policy(party: "un", kind: .pressure(on: .b, amount: 2), fromWeek: 5, toWeek: 8)
        )
    }

    @Test func thirdPartyPolicyReplacesWithinRange() throws {
        // Existing: convening 0.1 in [0, 10).
        let clipped = try apply("thirdParties.un.convening=0@5:52")
        #expect(
            clipped.model.policies.filter { $0.kind.name == "convening" } == [
                Policy(party: "un", kind: .convening(ratePerWeek: 0.1), fromWeek: 0, toWeek: 5)
            ])
        let replaced = try apply("thirdParties.un.convening=0.5@3:6")
        #expect(
            replaced.model.policies.filter { $0.kind.name == "convening" } == [
                Policy(party: "un", kind: .convening(ratePerWeek: 0.1), fromWeek: 0, toWeek: 3),
                Policy(party: "un", kind: .convening(ratePerWeek: 0.1), fromWeek: 6, toWeek: 10),
                Policy(party: "un", kind: .convening(ratePerWeek: 0.5), fromWeek: 3, toWeek: 6),
            ])
        let whole = try apply("thirdParties.un.decoupling=0.8")
        #expect(whole.model.policies.contains(Policy(party: "un", kind: .decoupling(level: 0.8))))
        let dated = try apply("thirdParties.un.guarantee=0.5@2024-08-19:2024-09-02")
        #expect(
            dated.model.policies.contains(Policy(party: "un", kind: .guarantee(level: 0.5), fromWeek: 2, toWeek: 4)))
        let open = try apply("thirdParties.un.guarantee=0.5@10:")
        #expect(open.model.policies.contains(Policy(party: "un", kind: .guarantee(level: 0.5), fromWeek: 10)))
    }

    @Test func sidedPoliciesNeedOrInferTheSide() throws {
        let aid = try apply("thirdParties.un.aid.A=1")
        #expect(aid.model.policies.contains(Policy(party: "un", kind: .aid(to: .a, perWeek: 1))))
        // The party pressures only Russia, so the side can be left out; this clips the policy event.
        let pressure = try apply("thirdParties.un.pressure=0@0:5")
        #expect(pressure.policyEvents.isEmpty)
        #expect(
            pressure.model.policies.contains(
                Policy(party: "un", kind: .pressure(on: .b, amount: 1), fromWeek: 5, toWeek: 12)))
        let error = try failure("thirdParties.un.aid=1")
        #expect(error.code == .invalidValue)
        #expect(error.fix.contains("thirdParties.un.aid.A="))
        #expect(try failure("thirdParties.un.decoupling.A=1").code == .invalidValue)
    }

    @Test func lawDecisivenessAndRunSettings() throws {
        let scenario = try apply(
            "attritionLaw=linear", "decisiveAt=0.1:0.9", "run.runs=500", "run.seed=42", "run.threads=4")
        #expect(scenario.model.attritionLaw == .linear)
        #expect(scenario.model.decisiveAt == 0.1...0.9)
        #expect(scenario.run == RunSettings(runs: 500, seed: 42, threads: 4))
        #expect(try apply("decisiveAt=0.1:0.9", "decisiveAt=none").model.decisiveAt == nil)
        #expect(try apply("run.threads=auto").run.threads == nil)
    }

    @Test(arguments: [
        ("sides.A.contingency=abc", ScenarioError.Code.wrongType),
        ("sides.A.contingency=", .wrongType),
        ("sides.A.contingency=60", .outOfRange),
        ("weeks=0", .outOfRange),
        ("weeks=10.5", .outOfRange),
        ("regions.donetsk.control=1.5", .outOfRange),
        ("regions.donetsk.active=maybe", .wrongType),
        ("sides.C.forces=1", .unknownReference),
        ("regions.donbas.control=0.5", .unknownReference),
        ("events.kursk.week=2", .unknownReference),
        ("thirdParties.nato.aid.A=1", .unknownReference),
        ("attritionLaw=cubic", .unknownReference),
        ("decisiveAt=0.9:0.1", .conflict),
        ("decisiveAt=0.5", .wrongType),
        ("run.seed=-3", .wrongType),
        ("events.kursk-incursion=maybe", .wrongType),
        ("events.kursk-incursion.week=-1", .outsideHorizon),
        ("events.kursk-incursion.week=2024-07-01", .outsideHorizon),
        ("events.kursk-incursion.week=60", .outsideHorizon),
        ("thirdParties.un.convening=0.5@10:5", .emptyRange),
        ("thirdParties.un.convening=0.5@60:70", .outsideHorizon),
        ("thirdParties.un.convening=0.5@1-5", .invalidValue),
        ("thirdParties.un.convening=2", .outOfRange),
        ("sides.B.name=A", .conflict),
        ("sides.B.name=ukraine", .conflict),
    ])
    func rejectsBadValues(override: String, code: ScenarioError.Code) throws {
        let error = try failure(override)
        #expect(error.code == code, "\(error)")
        #expect(error.file == "--set")
        #expect(!error.fix.isEmpty)
    }

    @Test func unknownKeysSuggestAndList() throws {
        let side = try failure("sides.A.contingncy=2")
        #expect(side.code == .unknownKey)
        #expect(side.keyPath == "sides.A.contingncy")
        #expect(side.fix.hasPrefix("did you mean 'contingency'?"))
        #expect(side.description.hasPrefix("--set: sides.A.contingncy: unknown key 'contingncy'. Fix: did you mean"))
        let top = try failure("modle.meetingRate=1")
        #expect(top.fix.hasPrefix("did you mean 'model'?"))
        #expect(top.fix.contains("'thirdParties'"))
        let bare = try failure("meetingrate=1")
        #expect(bare.fix.hasPrefix("did you mean 'meetingRate'?"))
        let field = try failure("regions.donetsk.contrl=1")
        #expect(field.fix.hasPrefix("did you mean 'control'?"))
        let eventField = try failure("events.kursk-incursion.fothold=0.1")
        #expect(eventField.fix.contains("'foothold'"))
        let kind = try failure("thirdParties.un.decoupleing=1")
        #expect(kind.fix.hasPrefix("did you mean 'decoupling'?"))
        let shape = try failure("sides.A=2")
        #expect(shape.code == .invalidValue)
        #expect(shape.fix.contains("sides.<A|B|name>.<sideParameter>"))
    }

    @Test func reportsEveryFailingOverride() throws {
        do {
            _ = try apply("sides.A.contingency=abc", "weeks=104", "regions.nowhere.value=1")
            Issue.record("expected errors")
        } catch let error as ScenarioErrors {
            #expect(error.errors.map(\.keyPath) == ["sides.A.contingency", "regions.nowhere.value"])
        }
    }

    @Test func overriddenScenarioRoundTrips() throws {
        let scenario = try apply(
            "thirdParties.un.convening=0.5@3:6", "events.un-pressure.week=4", "events.kursk-incursion=off",
            "sides.B.name=Moscow \"Kremlin\"", "regions.donetsk.step=0.015", "run.threads=2")
        let yaml = scenario.canonicalYAML()
        #expect(yaml.contains("# override: thirdParties.un.convening=0.5@3:6"))
        let reloaded = try ScenarioLoader.load(text: yaml)
        #expect(reloaded.model == scenario.model)
        #expect(reloaded.policyEvents == scenario.policyEvents)
        #expect(reloaded.run == scenario.run)
    }

    @Test func kurskExperimentsDoWhatTheySay() throws {
        let kursk = try ScenarioLoader.bundled(name: "kursk-2024")
        let decoupled = try kursk.variant(named: "decoupling")
        #expect(
            decoupled.model.policies.contains(
                Policy(party: "mediators", kind: .decoupling(level: 0.8), fromWeek: 0, toWeek: 156)))
        #expect(!decoupled.model.policies.contains(Policy(party: "mediators", kind: .decoupling(level: 0))))
        let quiet = try kursk.variant(named: "no-incursion")
        #expect(quiet.model.events.first { $0.id == "kursk-incursion" }?.enabled == false)
        #expect(throws: ScenarioErrors.self) { try kursk.variant(named: "nope") }
    }
}

/// `issues.<id>.<A|B|core>` on a scenario with political issues.
struct IssueOverrideTests {
    let base = try! ScenarioLoader.load(
        text: Fixture.base
            + "issues:\n  - { id: neutrality, values: { A: 0.01, B: 0.02 }, core: [B] }\n",
        fileName: "issues.yaml")

    func apply(_ overrides: String...) throws -> Scenario {
        try base.applying(overrides.map { try Override(parsing: $0) })
    }

    @Test func valuesAndCoreChange() throws {
        let scenario = try apply("issues.neutrality.A=0.002", "issues.neutrality.b=0.03", "issues.neutrality.core=A+B")
        #expect(scenario.model.issues[0].value == SidePair(a: 0.002, b: 0.03))
        #expect(scenario.model.issues[0].core == SidePair(a: true, b: true))
        #expect(try apply("issues.neutrality.core=none").model.issues[0].core == SidePair(a: false, b: false))
    }

    @Test(arguments: [
        ("issues.nato.A=0.1", "neutrality"), ("issues.neutrality.C=0.1", "core"),
        ("issues.neutrality.A=2", "0...1"), ("issues.neutrality.core=both", "A+B"),
    ])
    func badKeysAndValuesSayWhatToWrite(override: String, hint: String) throws {
        do {
            _ = try apply(override)
            Issue.record("'\(override)' was accepted")
        } catch let error as ScenarioErrors {
            #expect("\(error)".contains(hint), "\(error)")
        }
    }
}

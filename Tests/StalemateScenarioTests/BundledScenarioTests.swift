import StalemateCore
import Testing

@testable import StalemateScenario

/// Every bundled scenario loads, is valid, and survives a write/read round trip.
struct BundledScenarioTests {
    static let names = [
        "complete-information", "gamblers-ruin", "interstate-generic", "kursk-2024", "kursk-2024-hindcast",
        "lanchester-duel",
    ]

    @Test func listsTheBundledScenarios() {
        #expect(BundledScenarios.names == Self.names)
    }

    @Test(arguments: names)
    func loadsAndIsValid(name: String) throws {
        let scenario = try ScenarioLoader.bundled(name: name)
        #expect(scenario.id == name)
        #expect(scenario.model.problems().isEmpty)
        #expect(scenario.sourceHash.count == 64)
        #expect(scenario.fileName == name + ".yaml")
    }

    @Test(arguments: names)
    func roundTripsThroughTheWriter(name: String) throws {
        let scenario = try ScenarioLoader.bundled(name: name)
        let yaml = scenario.canonicalYAML()
        let reloaded = try ScenarioLoader.load(text: yaml, fileName: "\(name)-resolved.yaml")
        #expect(reloaded.model == scenario.model)
        #expect(reloaded.run == scenario.run)
        #expect(reloaded.experiments == scenario.experiments)
        #expect(reloaded.policyEvents == scenario.policyEvents)
        #expect(reloaded.startDate == scenario.startDate)
        #expect(reloaded.title == scenario.title && reloaded.description == scenario.description)
        // Canonical: writing the reloaded scenario gives the same text but for the header.
        let body = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("#") } }
        #expect(body(reloaded.canonicalYAML()) == body(yaml))
    }

    @Test(arguments: names)
    func experimentsApply(name: String) throws {
        let scenario = try ScenarioLoader.bundled(name: name)
        for variant in scenario.experiments {
            let changed = try scenario.variant(named: variant.name)
            #expect(changed.model != scenario.model, "\(variant.name) changes nothing")
        }
    }

    @Test func unknownBundledNameSuggestsOne() {
        do {
            _ = try ScenarioLoader.bundled(name: "kursk-2042")
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.first?.code == .unknownReference)
            #expect(error.description.contains("did you mean 'kursk-2024'?"))
        }
    }

    @Test func gamblersRuinIsTheTextbookCase() throws {
        let model = try ScenarioLoader.bundled(name: "gamblers-ruin").model
        #expect(model.regions.count == 1)
        #expect(model.regions[0].step == 0.1 && model.regions[0].control == 0.3)
        #expect(model.sides.a[.forces] / (model.sides.a[.forces] + model.sides.b[.forces]) == 0.55)
        #expect(model.decisiveAt == 0.001...0.999)
        #expect(model.parameters[.forgetting] == 1)
        #expect(model.thirdParties.isEmpty)
    }

    @Test func kurskScenarioKeyFacts() throws {
        let scenario = try ScenarioLoader.bundled(name: "kursk-2024")
        let model = scenario.model
        #expect(scenario.startDate?.description == "2024-08-05")
        #expect(model.horizon == 156)
        #expect(model.sideNames == SidePair(a: "Ukraine", b: "Russia"))
        #expect(model.rungNames.count == 6)
        #expect(scenario.run == RunSettings(runs: 10_000, seed: 20_240_806))
        let total = model.regions.map(\.value).reduce(0, +)
        func value(_ id: String) -> Double { model.regions.first { $0.id == id }?.value ?? .nan }
        // The proposals are the shares the comments derive from the region values.
        let june = (value("ukraine-rear") + value("kharkiv")) / total
        let formula = model.regions.filter { $0.home == .a }.map(\.value).reduce(0, +) / total
        func share(_ id: String) -> Double? {
            guard case .proposal(_, let share) = model.events.first(where: { $0.id == id })?.kind else { return nil }
            return share
        }
        #expect(abs((share("russia-june-proposal") ?? 0) - june) < 0.0005)
        #expect(abs((share("ukraine-peace-formula") ?? 0) - formula) < 0.0005)
        // As of 5 August 2024: nothing is scheduled after week 0, and no policy changes later.
        #expect(model.events.allSatisfy { $0.week == 0 }, "\(model.events.filter { $0.week != 0 }.map(\.id))")
        #expect(model.policies.allSatisfy { $0.fromWeek == 0 && $0.toWeek >= model.horizon })
        // The starting map matches the observed week 0: 109,515 km² of Ukraine occupied.
        let occupied = model.regions.filter { $0.home == .a }.map { $0.value * (1 - $0.control) }.reduce(0, +)
        #expect(abs(occupied - 109.515) < 0.005, "\(occupied)")
        // The incursion targets Kursk, which starts off the front.
        let kursk = try #require(model.regions.firstIndex { $0.id == "kursk" })
        #expect(!model.regions[kursk].active)
        let incursion = try #require(model.events.first { $0.id == "kursk-incursion" })
        guard case .incursion(.a, kursk, 0.033, _, _) = incursion.kind else {
            Issue.record("kursk-incursion is not an incursion by A into kursk")
            return
        }
        #expect(model.parameters[.valuation] == 2)
    }

    /// The hindcast is kursk-2024 plus the later events, number for number.
    @Test func hindcastAddsOnlyLaterEvents() throws {
        let asOf = try ScenarioLoader.bundled(name: "kursk-2024").model
        let model = try ScenarioLoader.bundled(name: "kursk-2024-hindcast").model
        #expect(model.parameters == asOf.parameters)
        #expect(model.sides == asOf.sides)
        #expect(model.regions == asOf.regions)
        #expect(model.issues == asOf.issues)
        #expect(model.partialAgreements == asOf.partialAgreements)
        func week(_ id: String) -> Int? { model.events.first { $0.id == id }?.week }
        #expect(week("kursk-incursion") == 0)
        #expect(week("atacms-strikes") == 15)
        #expect(week("oreshnik-strike") == 15)
        #expect(week("istanbul-talks") == 40)
        let korea = model.policies.filter { $0.party == "north-korea" }
        #expect(korea.map(\.fromWeek) == [12] && korea.map(\.toWeek) == [16])
        let doha = try #require(model.events.first { $0.id == "doha-talks" })
        guard case .negotiate(let track) = doha.kind, track >= 0 else {
            Issue.record("doha-talks is not a convening of the energy track")
            return
        }
        #expect(model.partialAgreements[track].id == "energy-moratorium")
    }
}

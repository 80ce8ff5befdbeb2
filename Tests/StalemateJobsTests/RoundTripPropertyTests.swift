import Foundation
import StalemateAnalysis
import StalemateJobs
import StalemateScenario
import StalemateTestSupport
import Testing

/// Properties of the round trips (docs/reliability.md): scenario → YAML → scenario, job →
/// JSON → job, and a cluster job's shards merged in any split, each on many random cases
/// drawn from a fixed seed.
@Suite("Round-trip properties")
struct RoundTripPropertyTests {
    static let bundled = [
        "kursk-2024", "kursk-2024-hindcast", "interstate-generic", "lanchester-duel", "gamblers-ruin",
        "complete-information",
    ]

    /// Reloading what the writer wrote gives the same scenario, and writing it again gives the
    /// same bytes but for the provenance comments: `# source: FILE (sha256 …)`, the hash of the
    /// text it was loaded from (the first write's), and `# override: …`, the overrides applied
    /// to reach it (none on the reloaded one).
    static func expectRoundTrip(_ scenario: Scenario, _ label: String) throws {
        let yaml = ScenarioWriter.yaml(scenario)
        let again = try ScenarioLoader.load(text: yaml, fileName: "resolved.yaml")
        #expect(again.model == scenario.model, "\(label): the model changed")
        #expect(again.policyEvents == scenario.policyEvents, "\(label): the policy events changed")
        #expect(again.run == scenario.run, "\(label): the run settings changed")
        func body(_ text: String) -> [Substring] {
            text.split(separator: "\n", omittingEmptySubsequences: false).filter {
                !$0.hasPrefix("# source:") && !$0.hasPrefix("# override:")
            }
        }
        let (first, second) = (body(yaml), body(ScenarioWriter.yaml(again)))
        let differing = zip(first, second).filter { $0 != $1 }.prefix(3).map { "\($0) → \($1)" }
        #expect(
            first == second,
            "\(label): writing it again gave other bytes: \(differing) (\(first.count) and \(second.count) lines)")
    }

    @Test(arguments: bundled)
    func everyBundledScenarioRoundTrips(name: String) throws {
        try Self.expectRoundTrip(try ScenarioLoader.bundled(name: name), name)
    }

    /// Found by the property below: a horizon cut short switches off the events past it, and
    /// the resolved YAML (what the store keeps) could not be read back, its disabled events
    /// being past the horizon. They load now, and switching one on again is still refused.
    @Test func aShortenedHorizonRoundTrips() throws {
        let hindcast = try ScenarioLoader.bundled(name: "kursk-2024-hindcast")
        let short = try hindcast.applying([try Override(parsing: "weeks=35")])
        try Self.expectRoundTrip(short, "kursk-2024-hindcast with weeks=35")
        let reloaded = try ScenarioLoader.load(text: ScenarioWriter.yaml(short), fileName: "resolved.yaml")
        #expect(reloaded.model.events.first { $0.id == "istanbul-talks" }?.enabled == false)
        #expect(throws: ScenarioErrors.self) {
            try reloaded.applying([try Override(parsing: "events.istanbul-talks=on")])
        }
    }

    /// 300 random valid scenarios: a bundled scenario with a random subset of its labelled
    /// assumptions set to random values within their ranges, its events switched on or off at
    /// random, and a random horizon.
    @Test func randomValidScenariosRoundTrip() throws {
        var random = TestRandom(state: 20_261_128)
        let bases = try Self.bundled.map { try ScenarioLoader.bundled(name: $0) }
        var tried = 0
        for index in 0..<300 {
            let base = bases[random.int(0...(bases.count - 1))]
            var overrides: [String] = []
            for a in base.assumptions where random.uniform() < 0.5 {
                let u = random.uniform()
                let value = a.logScale ? a.lower * pow(a.upper / a.lower, u) : a.lower + u * (a.upper - a.lower)
                // Whole-number parameters (weeks) take a whole value.
                let fractional = "\(a.key)=\(value)"
                let valid = (try? base.applying([try Override(parsing: fractional)])) != nil
                overrides.append(valid ? fractional : "\(a.key)=\(value.rounded())")
            }
            for e in base.model.events where random.uniform() < 0.2 {
                overrides.append("events.\(e.id)=\(random.uniform() < 0.5 ? "off" : "on")")
            }
            if random.uniform() < 0.3 { overrides.append("weeks=\(random.int(8...300))") }
            let scenario = try base.applying(try overrides.map { try Override(parsing: $0) })
            try Self.expectRoundTrip(scenario, "case \(index) (\(base.id): \(overrides.joined(separator: " ")))")
            tried += 1
        }
        #expect(tried == 300)
    }

    /// 200 random jobs of every kind that takes a scenario: the JSON decodes to a job whose
    /// JSON and identity are the same.
    @Test func randomJobsRoundTrip() throws {
        var random = TestRandom(state: 7)
        let kursk = try ScenarioLoader.bundled(name: "kursk-2024")
        let keys = kursk.assumptions
        for index in 0..<200 {
            var overrides: [String] = []
            for a in keys where random.uniform() < 0.1 {
                overrides.append("\(a.key)=\(a.lower + random.uniform() * (a.upper - a.lower))")
            }
            let settings = EnsembleSettings(
                overrides: overrides, runs: random.int(1...100_000), seed: random.next(),
                weeks: random.uniform() < 0.5 ? random.int(1...500) : nil)
            let input = ScenarioInput(kursk)
            let parameters = (0..<random.int(1...4)).map { _ -> String in
                let a = keys[random.int(0...(keys.count - 1))]
                return "\(a.key)=\(a.lower):\(a.upper)\(a.logScale ? ":log" : "")"
            }
            let unique = Array(Set(parameters)).sorted()
            let spec: JobSpec
            switch random.int(0...3) {
            case 0: spec = .run(RunSpec(scenario: input, ensemble: settings))
            case 1: spec = .explain(ExplainSpec(scenario: input, ensemble: settings))
            case 2:
                spec = .compare(
                    CompareSpec(scenario: input, ensemble: settings, variants: try CompareSpec.variants([], of: kursk)))
            default:
                spec = .sweep(
                    SweepSpec(
                        scenario: input, ensemble: settings, parameters: unique,
                        design: random.uniform() < 0.5 ? .lhs : .grid, points: random.int(2...5)))
            }
            let json = try spec.canonicalJSON()
            let decoded = try JobSpec.decode(json: json)
            #expect(try decoded.canonicalJSON() == json, "case \(index)")
            #expect(try decoded.identity() == spec.identity(), "case \(index)")
        }
    }

    /// A job cut into any number of tasks, the tasks run in a random order with random thread
    /// counts and merged, gives the bytes of the job run whole.
    @Test(arguments: ["run", "compare", "sweep"])
    func shardsMergedInAnySplitGiveTheSameBytes(kind: String) throws {
        var random = TestRandom(state: UInt64(kind.utf8.count) &* 31)
        let scenario = try ScenarioLoader.bundled(name: "lanchester-duel")
        let input = ScenarioInput(scenario)
        let settings = EnsembleSettings(runs: 1_300, seed: 11, weeks: 30)
        let spec: JobSpec
        switch kind {
        case "run": spec = .run(RunSpec(scenario: input, ensemble: settings))
        case "compare":
            spec = .compare(
                CompareSpec(
                    scenario: input, ensemble: settings,
                    variants: [CompareSpec.Variant(name: "slow", overrides: ["sides.A.contingency=2"])]))
        default:
            spec = .sweep(
                SweepSpec(
                    scenario: input, ensemble: EnsembleSettings(runs: 200, seed: 11, weeks: 30),
                    parameters: ["sides.A.contingency=0:3"], design: .lhs, points: 7))
        }
        let whole = try JobRunner(threads: 2, chunkSize: 256).run(spec).json()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("split-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let units = try ClusterPlan.make(spec, tasks: 1, chunkSize: 256).units
        var splits = Set([1, units])
        while splits.count < min(units, 5) { splits.insert(random.int(1...units)) }
        for tasks in splits.sorted() {
            let plan = try ClusterPlan.make(spec, tasks: tasks, chunkSize: 256)
            try? FileManager.default.removeItem(atPath: folder)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var order = Array(plan.tasks.indices)
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, random.int(0...i)) }
            for index in order {
                let shard = try ClusterTask.run(plan, index: index, threads: random.int(1...2))
                try shard.write(to: ClusterPlan.shardPath(folder, task: index))
            }
            let work = try ClusterTask.restored(plan, from: folder)
            let merged = try JobRunner(threads: random.int(1...2), chunkSize: plan.chunkSize).run(
                plan.job, sinks: [ShardSource(work)]
            ).json()
            #expect(merged == whole, "\(kind) in \(tasks) tasks gave other bytes")
        }
    }
}

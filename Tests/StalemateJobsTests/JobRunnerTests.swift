import Foundation
import StalemateAnalysis
import StalemateJobs
import StalemateReport
import StalemateScenario
import StalemateStore
import Synchronization
import Testing

/// One runner for every job: the same bytes for any thread count, tasks handed to sinks in
/// order, a stop request honoured and resumable.
@Suite struct JobRunnerTests {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jobs-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func spec(runs: Int = 1500) throws -> JobSpec {
        let scenario = try ScenarioLoader.bundled(name: "kursk-2024")
        return .run(RunSpec(scenario: ScenarioInput(scenario), ensemble: EnsembleSettings(runs: runs, seed: 11)))
    }

    @Test func sameBytesForEveryThreadCountAndChunkSize() throws {
        let spec = try Self.spec()
        let one = try JobRunner(threads: 1).run(spec).json()
        #expect(try JobRunner(threads: 3).run(spec).json() == one)
        #expect(try JobRunner(threads: 2, chunkSize: 100).run(spec).json() == one)
        // The analysis job called directly gives the same document.
        guard case .run(let run) = spec else { return }
        #expect(try SummaryFormatter.json(try run.resolve(threads: 2).execute()) == one)
    }

    /// A comparison whose arms were simulated before takes them from the cache and gives the
    /// bytes of one that simulates them all, report included.
    @Test func cachedArmsGiveTheSameComparison() throws {
        let scenario = try ScenarioLoader.bundled(name: "kursk-2024")
        func compare(_ decoupling: Double) -> JobSpec {
            .compare(
                CompareSpec(
                    scenario: ScenarioInput(scenario), ensemble: EnsembleSettings(runs: 700, seed: 5),
                    variants: [
                        .init(name: "levers", overrides: ["thirdParties.mediators.decoupling=\(decoupling)@0:156"])
                    ]))
        }
        let plain = JobRunner(threads: 2)
        let cache = ArmCache(capacity: 4)
        let cached = JobRunner(threads: 3, armCache: cache)
        #expect(try cached.run(compare(0.3)).json() == plain.run(compare(0.3)).json())
        #expect(cache.hits == 0)
        // The baseline comes from the cache; the new variant is simulated.
        let second = try cached.run(compare(0.6))
        #expect(cache.hits == 1)
        let fresh = try plain.run(compare(0.6))
        #expect(try second.json() == fresh.json())
        guard case .compare(_, let a, _) = second, case .compare(_, let b, _) = fresh else {
            Issue.record("not comparisons")
            return
        }
        // Bit for bit (NaN marks a metric a run does not have, and NaN ≠ NaN).
        #expect(a.values.map { $0.map { $0.map(\.bitPattern) } } == b.values.map { $0.map { $0.map(\.bitPattern) } })
        #expect(try a.accumulators.map { try $0.encoded() } == b.accumulators.map { try $0.encoded() })
        // Both arms cached now.
        _ = try cached.run(compare(0.6))
        #expect(cache.hits == 3)
    }

    /// A stored comparison keeps each arm's tallies: its report from the store is the report
    /// drawn from the result in memory, every arm's talks and blockers included, and the
    /// store passes its check.
    @Test func aStoredComparisonsReportIsTheOneFromMemory() throws {
        let scenario = try ScenarioLoader.bundled(name: "kursk-2024")
        let spec = JobSpec.compare(
            CompareSpec(
                scenario: ScenarioInput(scenario), ensemble: EnsembleSettings(runs: 600, seed: 9),
                variants: [.init(name: "no-incursion", overrides: ["events.kursk-incursion=off"])]))
        let store = try Store(path: Self.folder.appendingPathComponent("compare.sqlite").path)
        let sink = StoreSink(store: store, commandLine: "test")
        let result = try JobRunner(threads: 2).run(spec, sinks: [sink])
        guard case .compare(let c, let outcome, let arms) = result else {
            Issue.record("not a comparison")
            return
        }
        let memory = ReportBuilder.compare(
            c, arms: zip(arms, outcome.accumulators).map { (name: $0, accumulator: $1) },
            sides: scenario.model.sideNames)
        let id = try #require(sink.experimentID)
        let stored = try StoredReport.input(try #require(try store.experiment(id)), store: store)
        // As pages (the inputs hold NaN where a week has no runs, and NaN ≠ NaN).
        #expect(ReportRenderer.html(stored) == ReportRenderer.html(memory))
        #expect(stored.sections.contains { $0.title == "The talks: no-incursion" })
        let check = try StoreCheck(store)
        #expect(check.problems.isEmpty && check.batches == 2, "\(check.problems)")
    }

    @Test func sinksReceiveEveryChunkInOrderThenTheResult() throws {
        let sink = MemorySink(chunks: true)
        _ = try JobRunner(threads: 3).run(try Self.spec(runs: 1000), sinks: [sink])
        let received = sink.received
        guard case .begun(let identity) = received.first else {
            Issue.record("no begin: \(received)")
            return
        }
        #expect(identity == (try Self.spec(runs: 1000).identity()))
        var chunks: [(Int, Int, Int)] = []
        for r in received { if case .chunk(_, let i, let runs, let records) = r { chunks.append((i, runs, records)) } }
        #expect(chunks.map(\.0) == [0, 1, 2, 3])
        #expect(chunks.map(\.1) == [256, 256, 256, 232] && chunks.map(\.2) == chunks.map(\.1))
        if case .completed = received.last {} else { Issue.record("not completed last: \(received)") }
    }

    @Test func eventsCountRunsUpToTheTotal() throws {
        let seen = Mutex<[JobEvent]>([])
        _ = try JobRunner(threads: 2).run(try Self.spec(runs: 600), events: { e in seen.withLock { $0.append(e) } })
        let events = seen.withLock { $0 }
        #expect(events.first == .stage(name: "runs", runs: 600))
        let done = events.compactMap { e -> Int? in if case .progress(let d, 600) = e { d } else { nil } }
        #expect(done.last == 600 && done == done.sorted())
    }

    /// A stop request ends the job with `Stopped`; the store keeps the chunks finished, marks
    /// the experiment interrupted, and resuming it gives the uninterrupted bytes.
    @Test func stopThenResumeGivesTheUninterruptedBytes() throws {
        let spec = try Self.spec(runs: 3000)
        let reference = try JobRunner(threads: 2).run(spec).json()
        let store = try Store(path: Self.folder.appendingPathComponent("stop.sqlite").path)
        let sink = StoreSink(store: store, commandLine: "test")
        let stop = StopFlag()
        #expect(throws: Stopped.self) {
            _ = try JobRunner(threads: 1).run(
                spec, sinks: [sink], stop: stop,
                events: { if case .progress(let done, _) = $0, done >= 700 { stop.set() } })
        }
        let id = try #require(sink.experimentID)
        let stored = try #require(try store.experiment(id))
        #expect(stored.status == .interrupted)
        #expect(stored.batches >= 3 && stored.batches < 12, "\(stored.batches) batches")
        #expect(stored.jobID == (try spec.identity()))
        #expect(try StoreCheck(store).problems.isEmpty)
        let resume = try StoreResume(id, store: store, commandLine: "resume")
        #expect(resume.storedChunks == stored.batches && resume.chunks == 12)
        let resumed = try JobRunner(threads: 3, chunkSize: resume.chunkSize).run(resume.spec, sinks: [resume.sink])
        #expect(try resumed.json() == reference)
        let done = try #require(try store.experiment(id))
        #expect(done.status == .complete && done.summaryJSON == reference)
        // Looked up by the job's identity, as a server or a cluster task would.
        #expect(try store.experiments(.init(job: String(try spec.identity().prefix(12)))).map(\.id) == [id])
    }

    @Test func aStoppedSweepKeepsItsPointsAndResumesToTheSameRows() throws {
        let scenario = try ScenarioLoader.bundled(name: "gamblers-ruin")
        let spec = JobSpec.sweep(
            SweepSpec(
                scenario: ScenarioInput(scenario), ensemble: EnsembleSettings(runs: 200, seed: 5),
                parameters: ["sides.A.contingency=0:1"], design: .grid, points: 4))
        guard case .sweep(let straight) = try JobRunner(threads: 2).run(spec) else {
            Issue.record("not a sweep")
            return
        }
        let out = Self.folder.appendingPathComponent("sweep.csv")
        let memory = MemorySink()
        let stop = StopFlag()
        #expect(throws: Stopped.self) {
            _ = try JobRunner(threads: 2).run(
                spec, sinks: [SweepCheckpointSink(output: out, resume: false), memory, StopAfterPoints(2, stop)],
                stop: stop)
        }
        guard case .stopped(let kept) = memory.received.last else {
            Issue.record("not stopped: \(memory.received)")
            return
        }
        #expect(kept == 2)
        guard
            case .sweep(let resumed) = try JobRunner(threads: 1).run(
                spec, sinks: [SweepCheckpointSink(output: out, resume: true)])
        else {
            Issue.record("not a sweep")
            return
        }
        #expect(resumed.rows == straight.rows)
    }

    @Test func aFailingJobTellsItsSinks() throws {
        let scenario = try ScenarioLoader.bundled(name: "kursk-2024")
        let spec = JobSpec.sensitivity(
            SensitivitySpec(
                scenario: ScenarioInput(scenario), ensemble: EnsembleSettings(runs: 10, seed: 1),
                parameters: ["model.meetingRate=0:1"], method: .morris, metric: "noSuchMetric", size: 4))
        #expect(throws: (any Error).self) { _ = try JobRunner(threads: 1).run(spec) }
        let fit = JobSpec.fit(
            FitSpec(data: DataInput(name: "x.csv", text: "Number,,,,Landings,Loss/Dy,,,Ashore\n1,,,0,,1,,,-1\n")))
        let memory = MemorySink()
        #expect(throws: (any Error).self) { _ = try JobRunner(threads: 1).run(fit, sinks: [memory]) }
        if case .failed = memory.received.last {} else { Issue.record("not failed: \(memory.received)") }
    }
}

/// Asks the job to stop once `count` sweep points have finished, as Ctrl-C would.
final class StopAfterPoints: JobSink {
    let count: Int
    let stop: StopFlag
    let seen = Mutex(0)
    init(_ count: Int, _ stop: StopFlag) {
        self.count = count
        self.stop = stop
    }
    func point(_ row: SweepRow) throws {
        if seen.withLock({ n in
            n += 1
            return n
        }) >= count {
            stop.set()
        }
    }
}

/// What the review of the job layer found, kept fixed.
@Suite struct JobRunnerEdgeTests {
    /// A stored batch that cannot be decoded is the store's data problem, said as such
    /// (not an internal error), and the experiment is marked failed.
    @Test func anUnreadableStoredBatchStopsTheResumeWithItsPlace() throws {
        let spec = try JobRunnerTests.spec(runs: 2000)
        let store = try Store(path: JobRunnerTests.folder.appendingPathComponent("corrupt.sqlite").path)
        let sink = StoreSink(store: store, commandLine: "test")
        let stop = StopFlag()
        #expect(throws: Stopped.self) {
            _ = try JobRunner(threads: 1).run(
                spec, sinks: [sink], stop: stop,
                events: { if case .progress(let done, _) = $0, done >= 512 { stop.set() } })
        }
        let id = try #require(sink.experimentID)
        try store.saveChunk(
            experiment: id, arm: "baseline", chunk: 7, runs: 256, accumulator: Data("not a plist".utf8), records: [])
        #expect {
            _ = try StoreResume(id, store: store, commandLine: "resume")
        } throws: { error in
            error is JobError && "\(error)".contains("stored batch 7 cannot be read")
        }
        #expect(try store.experiment(id)?.status == .failed)
    }

    /// A sensitivity job's horizon is the one it asks for.
    @Test func sensitivityHonoursTheHorizon() throws {
        let kursk = try ScenarioLoader.bundled(name: "kursk-2024")
        let job = try SensitivityJob(
            scenario: kursk, parameters: ["model.meetingRate=0.1:0.5"], method: .morris, metric: "duration", size: 2,
            runs: 10, weeks: 26)
        #expect(job.base.scenario.model.horizon == 26)
        let spec = JobSpec.sensitivity(
            SensitivitySpec(
                scenario: ScenarioInput(kursk), ensemble: EnsembleSettings(runs: 20, seed: 1, weeks: 26),
                parameters: ["model.meetingRate=0.1:0.5"], method: .morris, metric: "duration", size: 2))
        let longer = JobSpec.sensitivity(
            SensitivitySpec(
                scenario: ScenarioInput(kursk), ensemble: EnsembleSettings(runs: 20, seed: 1),
                parameters: ["model.meetingRate=0.1:0.5"], method: .morris, metric: "duration", size: 2))
        // Durations are censored at the horizon, so the two horizons give different effects.
        #expect(try JobRunner(threads: 2).run(spec).json() != (try JobRunner(threads: 2).run(longer).json()))
    }

    /// Numbers in a job are exact: jobs that differ beyond the twelfth digit are different jobs.
    @Test func identitiesKeepEveryDigit() throws {
        let kursk = try ScenarioLoader.bundled(name: "kursk-2024")
        func spec(_ decoupling: Double) -> JobSpec {
            .analyze(
                AnalyzeSpec(
                    scenario: ScenarioInput(kursk), runs: 10, seed: 1, incursionEvent: "kursk-incursion",
                    mediator: "mediators", decoupling: decoupling, uncertaintyPoints: 0, uncertaintyRuns: 10,
                    morrisTrajectories: 2, backtest: nil))
        }
        #expect(try spec(0.8).identity() != (try spec(0.8 + 1e-13)).identity())
        #expect(try JobSpec.decode(json: try spec(0.8 + 1e-13).json()) == spec(0.8 + 1e-13))
    }
}

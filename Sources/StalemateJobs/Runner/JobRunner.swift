import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateCalibration
import StalemateCore
import StalemateScenario
import Synchronization

/// Executes any job: splits it into tasks (ensemble chunks, design points), runs them on a
/// pool of worker threads, reports progress as events, honours a stop request, and hands
/// each finished task and the result to the sinks. The numbers depend only on the job, never
/// on the thread count or the sinks.
public struct JobRunner: Sendable {
    /// Worker threads.
    public var threads: Int
    /// Runs per ensemble chunk: the unit a run experiment is stored and resumed by.
    public var chunkSize: Int

    public static let defaultChunkSize = 256

    /// Arms of comparisons kept for later comparisons that repeat them (nil: none kept).
    public var armCache: ArmCache?

    public init(
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, chunkSize: Int = defaultChunkSize,
        armCache: ArmCache? = nil
    ) {
        precondition(threads >= 1 && chunkSize >= 1)
        self.threads = threads
        self.chunkSize = chunkSize
        self.armCache = armCache
    }

    /// Runs `spec`. Throws `Stopped` when `stop` was set before the end (the sinks have been
    /// told, with what finished), the job's own errors when it cannot run as given.
    public func run(
        _ spec: JobSpec, sinks: [any JobSink] = [], stop: StopFlag = StopFlag(), events: JobEvents? = nil
    ) throws -> JobResult {
        let execution = Execution(runner: self, spec: spec, sinks: sinks, stop: stop, events: events)
        do {
            let result = try execution.run()
            for sink in sinks { sink.complete(result) }
            return result
        } catch let stopped as Stopped {
            let points = execution.finishedPoints
            for sink in sinks { sink.stopped(points: points) }
            throw stopped
        } catch {
            for sink in sinks { sink.failed(error) }
            throw error
        }
    }
}

/// One execution of a job: the state shared by its tasks.
private final class Execution: Sendable {
    let runner: JobRunner
    let spec: JobSpec
    let sinks: [any JobSink]
    let stop: StopFlag
    let events: JobEvents?
    private let points = Mutex<[Int: SweepRow]>([:])
    private let chunkSinks = Mutex<[any JobSink]>([])

    init(runner: JobRunner, spec: JobSpec, sinks: [any JobSink], stop: StopFlag, events: JobEvents?) {
        self.runner = runner
        self.spec = spec
        self.sinks = sinks
        self.stop = stop
        self.events = events
    }

    var threads: Int { runner.threads }
    var finishedPoints: [SweepRow] { points.withLock { p in p.keys.sorted().compactMap { p[$0] } } }

    func run() throws -> JobResult {
        switch spec {
        case .run(let j): return try run(j)
        case .explain(let j): return try explain(j)
        case .compare(let j): return try compare(j)
        case .sweep(let j): return try sweep(j)
        case .sensitivity(let j): return try sensitivity(j)
        case .backtest(let j): return try backtest(j)
        case .calibrate(let j): return try calibrate(j)
        case .fit(let j): return try fit(j)
        case .analyze(let j): return try analyze(j)
        }
    }

    // MARK: Steps every job shares

    /// Tells the sinks the job begins and merges the work they already hold.
    func begin(_ scenario: Scenario?, _ job: RunJob?, sweep: SweepJob? = nil) throws -> RestoredWork {
        if let resolved = job?.scenario {
            let dropped = resolved.droppedPastHorizon
            if !dropped.isEmpty {
                events?(
                    .note(
                        "the horizon of \(resolved.model.horizon) weeks leaves out what comes at or after it: "
                            + dropped.joined(separator: ", ")))
            }
        }
        let context = JobContext(
            spec: spec, identity: try spec.identity(), scenario: scenario, resolved: job?.scenario,
            overrides: job?.overrides ?? [], runs: job?.runs ?? 0, seed: job?.seed ?? 0, threads: threads,
            chunkSize: runner.chunkSize, sweep: sweep)
        var restored = RestoredWork()
        for sink in sinks {
            let held = try sink.begin(context)
            restored.chunks.merge(held.chunks) { a, _ in a }
            restored.points.merge(held.points) { a, _ in a }
            restored.armChunks.merge(held.armChunks) { a, _ in a }
            restored.outputs.merge(held.outputs) { a, _ in a }
        }
        chunkSinks.withLock { $0 = sinks.filter(\.wantsRunRecords) }
        points.withLock { $0 = restored.points }
        return restored
    }

    /// The error for tallies held for a job (in its store or a shard) that do not fit it: they
    /// were damaged or edited, and merging them would give wrong numbers or fail.
    static func misfit(chunk: Int, _ why: String) -> JobError {
        JobError(
            "the tallies held for chunk \(chunk) of this job (in its store or shard) do not fit it: \(why). They are damaged or belong to other work; run the job again without them (a new store or output folder)"
        )
    }

    /// Starts a stage and returns its progress callback (`done` counted in units of `unit` runs).
    func stage(_ name: String, runs: Int, unit: Int = 1) -> @Sendable (Int) -> Void {
        events?(.stage(name: name, runs: runs))
        guard let events else { return { _ in } }
        return { done in events(.progress(done: done * unit, total: runs)) }
    }

    /// The chunk callback of an ensemble, nil when no sink wants chunks.
    func chunkHandler(arm: String) -> (@Sendable (Int, EnsembleAccumulator, [RunRecord]) -> Void)? {
        let wanting = chunkSinks.withLock { $0 }
        guard !wanting.isEmpty else { return nil }
        return { index, accumulator, records in
            for sink in wanting {
                sink.chunk(arm: arm, index: index, accumulator: accumulator, records: records)
            }
        }
    }

    /// Simulates `job`'s ensemble in chunks, merging the restored ones.
    func ensemble(_ job: RunJob, restored: RestoredWork) throws -> EnsembleAccumulator {
        let ensemble = Ensemble(
            model: job.compiled, seed: job.seed, runs: job.runs, threads: threads, chunkSize: runner.chunkSize)
        for (index, stored) in restored.chunks.sorted(by: { $0.key < $1.key }) {
            if let why = ensemble.misfit(stored, chunk: index) { throw Self.misfit(chunk: index, why) }
        }
        let progress = stage("runs", runs: job.runs)
        let stop = self.stop
        let acc = ensemble.run(
            preloaded: restored.chunks, onChunk: chunkHandler(arm: "baseline"), progress: progress,
            shouldStop: { stop.isSet })
        try stop.throwIfSet()
        return acc
    }

    // MARK: The jobs

    func run(_ spec: RunSpec) throws -> JobResult {
        let scenario = try spec.scenario.load()
        let job = try spec.ensemble.job(scenario, threads: threads)
        let acc = try ensemble(job, restored: try begin(scenario, job))
        return .run(job.summary(of: acc), acc)
    }

    func explain(_ spec: ExplainSpec) throws -> JobResult {
        let scenario = try spec.scenario.load()
        let job = try spec.ensemble.job(scenario, threads: threads)
        let acc = try ensemble(job, restored: try begin(scenario, job))
        let s = job.scenario
        return .explain(
            Explanation(
                accumulator: acc, scenario: .init(id: s.id, title: s.title, hash: s.sourceHash), seed: job.seed),
            acc)
    }

    func compare(_ spec: CompareSpec) throws -> JobResult {
        let scenario = try spec.scenario.load()
        let e = spec.ensemble
        let job = try CompareJob(
            scenario: scenario, overrides: e.overrides, arms: spec.variants.map { ($0.name, $0.overrides) },
            runs: e.runs, seed: e.seed, weeks: e.weeks, threads: threads)
        let restored = try begin(scenario, job.base)
        for (index, stored) in restored.armChunks.sorted(by: { $0.key < $1.key }) {
            if let why = job.experiment.misfit(stored, index: index) { throw Self.misfit(chunk: index, why) }
        }
        let (comparison, outcome) = try job.execute(
            progress: stage("runs", runs: job.base.runs), stop: stop, cache: runner.armCache,
            preloaded: restored.armChunks)
        return .compare(comparison, outcome, arms: ["baseline"] + job.experiment.variants.map(\.name))
    }

    func sweep(_ spec: SweepSpec) throws -> JobResult {
        let scenario = try spec.scenario.load()
        let e = spec.ensemble
        let job = try SweepJob(
            scenario: scenario, overrides: e.overrides, parameters: spec.parameters, kind: spec.design,
            points: spec.points, runs: e.runs, seed: e.seed, weeks: e.weeks, threads: threads)
        let restored = try begin(scenario, job.base, sweep: job)
        for (index, row) in restored.points.sorted(by: { $0.key < $1.key }) {
            let shares =
                [row.settled, row.ceasefireHolding, row.defeat, row.ongoing]
                + [row.stillAtWar52, row.stillAtWar104, row.stillAtWar156].map { $0 ?? [0, 0, 0] }
            guard job.design.values.indices.contains(index), row.point == index,
                row.values == job.design.values[index], shares.allSatisfy({ $0.count == 3 })
            else {
                throw JobError(
                    "the point \(index) held for this sweep (in its store or shard) is not this sweep's point \(index): it is damaged or belongs to other work; run the sweep again without it (a new store or output folder)"
                )
            }
        }
        let total = job.design.values.count * job.base.runs
        events?(.stage(name: "points", runs: total))
        let events = self.events
        let rows = try job.execute(
            restored: restored.points, stop: stop,
            progress: { done, total in events?(.progress(done: done, total: total)) },
            onPoint: { row in
                for sink in self.sinks { try sink.point(row) }
                self.points.withLock { $0[row.point] = row }
            })
        return .sweep(SweepOutput(job: job, rows: rows))
    }

    func sensitivity(_ spec: SensitivitySpec) throws -> JobResult {
        let scenario = try spec.scenario.load()
        let e = spec.ensemble
        let job = try SensitivityJob(
            scenario: scenario, overrides: e.overrides, parameters: spec.parameters, method: spec.method,
            metric: spec.metric, size: spec.size, runs: e.runs, seed: e.seed, weeks: e.weeks, threads: threads)
        let restored = try begin(scenario, job.base)
        let progress = stage("points", runs: job.points.count * job.base.runs, unit: job.base.runs)
        let outputs =
            restored.outputs.count == job.points.count
            ? (0..<job.points.count).compactMap { restored.outputs[$0] } : nil
        return .sensitivity(try job.execute(progress: progress, stop: stop, outputs: outputs))
    }

    func backtest(_ spec: BacktestSpec) throws -> JobResult {
        let scenario = try spec.scenario.load()
        let job = try spec.resolve(scenario, threads: threads)
        _ = try begin(scenario, job.run)
        let (result, acc) = try job.execute(
            onChunk: chunkHandler(arm: "baseline"), chunkSize: runner.chunkSize,
            progress: stage("runs", runs: job.run.runs), stop: stop)
        return .backtest(result, acc, notes: job.notes)
    }

    func calibrate(_ spec: CalibrateSpec) throws -> JobResult {
        let scenario = try spec.scenario.load()
        // The shipped calibration's parameters need the shape of interstate-generic (or its v1 file).
        if spec.parameters.isEmpty && !scenario.id.hasPrefix("interstate-generic") {
            throw JobError(
                "give the parameters to fit with --param key=lo:hi[:log] (only interstate-generic has a shipped calibration)"
            )
        }
        let wars = try CowWars.parse(csv: spec.target.text)
        let job = try RunJob(scenario: scenario, runs: spec.runs, seed: spec.seed, threads: threads)
        let restored = try begin(scenario, job)
        // Progress counts simulated wars against the fit's budget (a fit that converges
        // finishes early).
        let runs = spec.runs
        let onFit: (String, Int) -> ((Int) -> Void)? = { name, budget in
            self.stage(name, runs: budget * runs, unit: runs)
        }
        if spec.parameters.isEmpty {
            return .calibrate(
                .shipped(
                    try Calibration.calibrateInterstateGeneric(
                        wars: wars, runsPerEvaluation: spec.runs, seed: spec.seed, threads: threads,
                        scenario: scenario, outcomes: spec.outcomes, onFit: onFit, stop: stop)))
        }
        let calibration = try spec.calibration(scenario: scenario, threads: threads)
        let scanned =
            restored.outputs.count == calibration.scanPoints && calibration.scanPoints > 0
            ? (0..<calibration.scanPoints).compactMap { restored.outputs[$0] } : nil
        return .calibrate(
            .fitted(
                try calibration.fit(
                    to: wars.observations(), progress: onFit("fit", calibration.evaluationBudget), stop: stop,
                    scanned: scanned)))
    }

    func fit(_ spec: FitSpec) throws -> JobResult {
        _ = try begin(nil, nil)
        return .fit(try LanchesterFitReport.from(csv: spec.data.text))
    }

    func analyze(_ spec: AnalyzeSpec) throws -> JobResult {
        let scenario = try spec.scenario.load()
        // The arms switch off the incursion event and raise the mediator's decoupling: say so
        // in those settings' words, not in the words of the variants built from them.
        let events = scenario.model.events.map(\.id) + scenario.policyEvents.map(\.id)
        guard events.contains(spec.incursionEvent) else {
            throw JobError(
                "--incursion-event \(spec.incursionEvent): \(scenario.id) has no such event; events: \(events.isEmpty ? "none" : events.joined(separator: ", "))"
            )
        }
        let parties = scenario.model.thirdParties.map(\.id)
        guard parties.contains(spec.mediator) else {
            throw JobError(
                "--mediator \(spec.mediator): \(scenario.id) has no such third party; third parties: \(parties.isEmpty ? "none" : parties.joined(separator: ", "))"
            )
        }
        let base = try RunJob(scenario: scenario, runs: spec.runs, seed: spec.seed, threads: threads)
        _ = try begin(scenario, base)
        let analysis = ClaimsAnalysis(
            scenario: scenario, runs: spec.runs, seed: spec.seed, threads: threads,
            incursionEvent: spec.incursionEvent, mediator: spec.mediator, decoupling: spec.decoupling)
        let (comparison, outcome) = try analysis.execute(progress: stage("arms", runs: spec.runs), stop: stop)
        var backtest: BacktestResult? = nil
        if let b = spec.backtest {
            let job = try b.resolve(try b.scenario.load(), threads: threads)
            backtest = try job.execute(progress: stage("backtest", runs: job.run.runs), stop: stop).result
        }
        var uncertainty: UncertaintyJob.Result? = nil
        var morris: SensitivityJob.Result? = nil
        if spec.uncertaintyPoints > 0 && !scenario.assumptions.isEmpty {
            let parameters = scenario.assumptions.map(\.parameter)
            let runs = spec.uncertaintyRuns
            let draws = try UncertaintyJob(
                scenario: scenario, parameters: parameters, points: spec.uncertaintyPoints, runs: runs,
                seed: spec.seed, threads: threads)
            // The job runs the scenario's own numbers first, then the draws.
            uncertainty = try draws.execute(
                progress: stage("uncertainty draws", runs: (spec.uncertaintyPoints + 1) * runs, unit: runs), stop: stop)
            let screening = try SensitivityJob(
                scenario: scenario, parameters: parameters, method: .morris, metric: "settledBy104",
                size: spec.morrisTrajectories, runs: runs, seed: spec.seed, threads: threads)
            morris = try screening.execute(
                progress: stage("Morris points", runs: screening.points.count * runs, unit: runs), stop: stop)
        }
        return .analyze(
            AnalyzeOutput(
                analysis: analysis, comparison: comparison, outcome: outcome, backtest: backtest,
                uncertainty: uncertainty, morris: morris))
    }
}

extension CalibrationParameter {
    /// `key[+key…]=lo:hi[:log]`: keys joined by `+` are fitted as one.
    public init(parsing text: String) throws {
        let sweep = try SweepParameter(parsing: text)
        try sweep.requireNumeric(for: "a calibration")
        self.init(
            name: sweep.key, keys: sweep.key.split(separator: "+").map(String.init), lower: sweep.lower,
            upper: sweep.upper, logScale: sweep.logScale)
    }
}

extension CalibrateSpec {
    /// The calibration of the spec (its parameters given), built the same way wherever it runs.
    func calibration(scenario: Scenario, threads: Int) throws -> Calibration {
        try Calibration(
            scenario: scenario, parameters: try parameters.map(CalibrationParameter.init(parsing:)),
            runsPerEvaluation: runs, seed: seed, threads: threads,
            outcomes: outcomes ?? Calibration.defaultOutcomes(for: scenario))
    }
}

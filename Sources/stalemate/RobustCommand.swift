import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateCore
import StalemateJobs
import StalemateReport
import StalemateScenario
import StalemateStore

/// `stalemate robust SCENARIO --lever … --uncertain … --metric M` (docs/discovery.md).
struct RobustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "robust",
        abstract: "Robust levers: which lever settings keep working across futures you cannot know.",
        discussion: """
            Each setting of the levers (a grid, or a Latin hypercube with --lever-design lhs) is run in every \\
            future of a Latin hypercube of the uncertain parameters, with the same seed in every cell (common \\
            random numbers). For each setting: the mean of the metric over the futures, its worst decile, and its \\
            regret, the gap to the best setting in each future (largest, and 90th percentile); the settings that \\
            no other beats on all three are marked non-dominated.
            """)

    @Argument(help: "A scenario YAML file or the name of a bundled scenario.")
    var scenario: String = "kursk-2024"

    @Option(
        name: [.customLong("lever"), .customLong("levers")], help: "A lever, key=lo:hi[:log] or key=a,b,… (repeatable)."
    )
    var levers: [String] = []

    @Option(help: "An uncertain parameter, key=lo:hi[:log] or key=a,b,… (repeatable).")
    var uncertain: [String] = []

    @Option(help: "The metric judged, a sweep row's (e.g. stillAtWar104, settled, medianWeeksOfWar).")
    var metric: String

    @Option(
        help: "min or max: which way the metric is better (default: max for settled and ceasefireHolding, else min).")
    var goal: String?

    @Option(name: .customLong("lever-design"), help: "grid or lhs, for the lever settings.")
    var leverDesign: SweepDesignKind = .grid

    @Option(name: .customLong("lever-points"), help: "Levels per lever (grid) or settings in all (lhs).")
    var leverPoints = 3

    @Option(help: "Futures: points of the uncertain parameters' Latin hypercube.")
    var futures = 50

    @Option(help: "Runs per cell (default: the scenario's run.runs).")
    var runs: Int?

    @Option(help: "Master seed, the same in every cell (default: the scenario's run.seed).")
    var seed: UInt64?

    @Option(help: "Horizon in weeks (default: the scenario's).")
    var weeks: Int?

    @Option(help: "Also write the HTML report to this file.")
    var report: String?

    @OptionGroup var workers: ThreadOptions

    @OptionGroup var setting: OverrideOptions

    @OptionGroup var out: OutputOptions

    @OptionGroup var storage: StoreOptions

    func validate() throws {
        try workers.validate()
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1 (got \(runs))") }
        if let goal, goal != "min" && goal != "max" { throw ValidationError("--goal must be min or max (got \(goal))") }
        guard !levers.isEmpty else { throw ValidationError("give at least one --lever key=lo:hi or key=a,b,…") }
        guard !uncertain.isEmpty else { throw ValidationError("give at least one --uncertain key=lo:hi or key=a,b,…") }
        if let problem = RobustLevers.metricProblem(metric) { throw ValidationError(problem) }
        guard futures >= 2 else { throw ValidationError("--futures must be at least 2 (got \(futures))") }
        try validateParameters(levers)
        try validateParameters(uncertain)
    }

    func run() throws {
        let base = try ScenarioInput.loadReference(scenario)
        let plan: RobustLevers.Plan
        do {
            plan = try RobustLevers.plan(
                scenario: base, overrides: setting.overrides, levers: levers, design: leverDesign,
                leverPoints: leverPoints, uncertain: uncertain, futures: futures, runs: runs, seed: seed, weeks: weeks,
                threads: workers.threads ?? ProcessInfo.processInfo.activeProcessorCount)
        } catch let error as SweepError { throw ValidationError(error.description) }
        let store = try storage.open()
        let options: [String: Any] = [
            "levers": levers, "uncertain": uncertain, "metric": metric,
            "goal": goal ?? RobustLevers.defaultGoal(metric),
            "leverDesign": leverDesign.rawValue, "leverPoints": leverPoints, "futures": futures,
        ]
        let id = try store?.begin(
            NewExperiment(
                kind: .robust, scenarioID: base.id, scenarioTitle: base.title, scenarioText: base.sourceText,
                scenarioHash: base.sourceHash,
                parametersJSON: try StoreSink.parametersJSON(overrides: setting.overrides, options: options),
                resolvedScenario: ScenarioWriter.yaml(plan.base.scenario), seed: plan.base.seed, runs: plan.base.runs,
                weeks: plan.base.scenario.model.horizon, threads: plan.base.threads,
                programVersion: StalemateVersion.current,
                commandLine: commandLineText))
        let stop = StopFlag()
        let display = ProgressDisplay()
        let handler = JobExecution.installInterrupt(stop: stop, display: display)
        defer { handler.cancel() }
        let cells = plan.jobs.count * (plan.jobs.first?.count ?? 0)
        display.receive(.stage(name: "\(cells) ensembles", runs: cells * plan.base.runs))
        let result: RobustLevers
        do {
            result = try RobustLevers(
                plan: plan, metric: metric, goal: goal, stop: stop,
                progress: { done, total in display.receive(.progress(done: done, total: total)) })
            display.finish()
        } catch is Stopped {
            display.finish()
            if let id { try? store?.interrupt(id) }
            FileHandle.standardError.write(
                Data(
                    "interrupted: nothing was kept\(id.map { " (experiment \($0) is recorded as interrupted)" } ?? "")\n"
                        .utf8))
            throw ExitCode(130)
        } catch {
            display.finish()
            let message = (error as? SweepError)?.description ?? "\(error)"
            if let id { try? store?.fail(id, message: message) }
            throw Message(message)
        }
        switch out.format {
        case .table: try out.emit(result.table())
        case .json: try out.emit(try StableJSON.text(result) + "\n")
        case .csv: try out.emit(result.csv())
        }
        if let report {
            try writeText(ReportRenderer.html(ReportBuilder.robust(result)), to: report)
            FileHandle.standardError.write(Data("wrote \(report)\n".utf8))
        }
        let rows = try result.settings.enumerated().map { i, s in
            var object: [String: Any] = [
                "mean": s.mean, "worstDecile": s.worstDecile, "maxRegret": s.maxRegret, "regret90": s.regret90,
                "nonDominated": s.nonDominated, "minimaxRegret": i == result.minimaxRegret,
            ]
            for (p, v) in zip(result.levers, s.values) { object[p.key] = p.levels == nil ? v as Any : p.text(v) as Any }
            return try ResultRow(section: "setting", index: i, name: s.label, object: object)
        }
        guard let store, let id else { return }
        try store.complete(id, summaryJSON: try StableJSON.text(result), results: rows)
        FileHandle.standardError.write(
            Data("recorded as experiment \(id); `stalemate report \(id) -o FILE.html` draws it\n".utf8))
    }
}

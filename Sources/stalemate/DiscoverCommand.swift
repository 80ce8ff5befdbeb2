import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateJobs
import StalemateReport
import StalemateScenario
import StalemateStore

/// `stalemate discover SWEEP --where 'METRIC OP VALUE'` (docs/discovery.md).
struct DiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Scenario discovery: the box of swept parameters where a metric meets a condition (PRIM).",
        discussion: """
            SOURCE is a stored sweep experiment's id, a sweep's result file (sweep -o FILE.json, or collect), or a \
            scenario to sweep now with --param (the options of `sweep`, e.g. --design lhs --points 2000). The \
            points whose METRIC meets the condition are of interest, e.g. --where 'stillAtWar104 < 0.5' or \
            --where 'medianWeeksOfWar < 80'; the output has each parameter's feature score, PRIM's peeling \
            trajectory (coverage, density, mass, restricted parameters), the chosen box with the quasi-p-value of \
            each limit, and the box's stability over bootstrap resamples. The discovery is recorded in the store \
            (`stalemate report ID` draws it) and --report writes its HTML report at once.
            """)

    @Argument(help: "A stored sweep's experiment id, a sweep result file (.json), or a scenario to sweep with --param.")
    var source: String

    @Option(name: .customLong("where"), help: "The condition on a point: METRIC OP VALUE.")
    var condition: String

    @Option(help: "Pick this box of the trajectory (0 is all points).")
    var box: Int?

    @Option(name: .customLong("min-density"), help: "Pick the box of highest coverage with at least this density.")
    var minDensity: Double?

    @Option(name: .customLong("min-coverage"), help: "Pick the box of highest density with at least this coverage.")
    var minCoverage: Double?

    @Option(help: "Share of the box's points peeled off at each step.")
    var alpha = 0.05

    @Option(name: .customLong("paste-alpha"), help: "Share pasted back at each step.")
    var pasteAlpha = 0.05

    @Option(name: .customLong("mass-min"), help: "The smallest box, as a share of all points.")
    var massMin = 0.05

    @Option(help: "Bootstrap resamples for the box's stability (0: none).")
    var resamples = 50

    @Option(help: "Label shufflings for the feature scores' p-values.")
    var permutations = 999

    @Option(name: .customLong("resample-seed"), help: "Seed of the resamples and shufflings.")
    var resampleSeed: UInt64 = 1

    @Option(help: "Also write the HTML report to this file.")
    var report: String?

    @Option(
        name: .customLong("param"),
        help: "With a scenario: a parameter to sweep, key=lo:hi[:log] or key=a,b,… (repeatable).")
    var parameters: [String] = []

    @Option(help: "With a scenario: grid or lhs.")
    var design: SweepDesignKind = .lhs

    @Option(help: "With a scenario: points in all (lhs) or levels per parameter (grid).")
    var points: Int = 500

    @Option(help: "With a scenario: runs per point (default: the scenario's run.runs).")
    var runs: Int?

    @Option(help: "With a scenario: master seed (default: the scenario's run.seed).")
    var seed: UInt64?

    @Option(help: "With a scenario: horizon in weeks (default: the scenario's).")
    var weeks: Int?

    @OptionGroup var workers: ThreadOptions

    @OptionGroup var setting: OverrideOptions

    @OptionGroup var out: OutputOptions

    @OptionGroup var storage: StoreOptions

    func validate() throws {
        let picks = [box != nil, minDensity != nil, minCoverage != nil].filter { $0 }.count
        guard picks <= 1 else { throw ValidationError("give at most one of --box, --min-density and --min-coverage") }
        try workers.validate()
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1 (got \(runs))") }
        guard resamples >= 0, resamples <= 10_000 else { throw ValidationError("--resamples must be in 0...10000") }
        guard permutations >= 0, permutations <= 100_000 else {
            throw ValidationError("--permutations must be in 0...100000")
        }
        try validateParameters(parameters)
    }

    /// Where the points come from.
    enum Source {
        case stored(ExperimentInfo)
        case file(String)
        case scenario(String)
    }

    var kind: Source {
        get throws {
            if let id = Int64(source) {
                let path = storage.resolvedPath
                guard FileManager.default.fileExists(atPath: path) else {
                    throw Message(
                        "there is no store at \(path) to find experiment \(id) in: give --store PATH, or a sweep's result file"
                    )
                }
                let store = try StoreLocation.open(path)
                guard let e = try store.experiment(id) else {
                    throw Message("no experiment \(id) in \(store.path) (`stalemate history` lists them)")
                }
                return .stored(e)
            }
            if source.lowercased().hasSuffix(".json") { return .file(source) }
            return .scenario(source)
        }
    }

    func run() throws {
        let parsed: Discovery.Condition
        do { parsed = try Discovery.Condition(parsing: condition, metrics: Discovery.metricNames) } catch {
            throw ValidationError(error.description)
        }
        let (file, origin, sweepInfo) = try loadPoints()
        let choice: Discovery.Choice =
            box.map { .step($0) } ?? minDensity.map { .minDensity($0) } ?? minCoverage.map { .minCoverage($0) } ?? .last
        let discovery: Discovery
        do {
            discovery = try Discovery(
                sweep: file, condition: parsed, choice: choice, peelAlpha: alpha, pasteAlpha: pasteAlpha,
                massMin: massMin, resamples: resamples, permutations: permutations, seed: resampleSeed, source: origin)
        } catch { throw Message(error.description) }
        switch out.format {
        case .table: try out.emit(discovery.table())
        case .json: try out.emit(try StableJSON.text(discovery) + "\n")
        case .csv: try out.emit(discovery.csv())
        }
        if let report {
            try writeText(ReportRenderer.html(ReportBuilder.discovery(discovery)), to: report)
            FileHandle.standardError.write(Data("wrote \(report)\n".utf8))
        }
        try record(discovery, sweep: sweepInfo, file: file)
    }

    /// The sweep's points, where they came from, and the stored sweep if there is one.
    func loadPoints() throws -> (SweepJob.ResultFile, String, ExperimentInfo?) {
        let decoder = JSONDecoder()
        switch try kind {
        case .stored(let e):
            guard parameters.isEmpty else {
                throw ValidationError("--param sweeps a scenario; \(source) is a stored experiment's id")
            }
            return (try Self.sweepFile(e), "experiment \(e.id)", e)
        case .file(let path):
            guard parameters.isEmpty else {
                throw ValidationError("--param sweeps a scenario; \(source) is a sweep's result file")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Message(
                    "cannot read \(path): give a stored sweep's experiment id, a sweep result file (sweep -o FILE.json) or a scenario with --param"
                )
            }
            do { return (try decoder.decode(SweepJob.ResultFile.self, from: data), path, nil) } catch {
                throw Message(
                    "\(path) is not a sweep's result file (schema stalemate.sweep/1, written by `sweep -o FILE.json` or `collect`)"
                )
            }
        case .scenario(let name):
            guard !parameters.isEmpty else {
                throw ValidationError(
                    "\(name) is not a stored experiment's id or a .json result file; to sweep it now, give the parameters: --param key=lo:hi (repeatable)"
                )
            }
            let base = try ScenarioInput.loadReference(name)
            let spec = JobSpec.sweep(
                SweepSpec(
                    scenario: ScenarioInput(base),
                    ensemble: try EnsembleSettings.resolve(
                        base, overrides: setting.overrides, runs: runs, seed: seed, weeks: weeks),
                    parameters: parameters, design: design, points: points))
            let execution = JobExecution(threads: workers.threads, storage: storage, sinks: [])
            let (result, sink) = try execution.run(spec)
            guard case .sweep(let sweep) = result else { throw internalMismatch(spec) }
            try JobExecution.finish(sink)
            let file = try decoder.decode(
                SweepJob.ResultFile.self, from: Data(try sweep.job.json(rows: sweep.rows).utf8))
            if let id = sink?.experimentID, let e = try storage.open()?.experiment(id) {
                FileHandle.standardError.write(Data("the sweep is experiment \(id)\n".utf8))
                return (file, "experiment \(id), swept now", e)
            }
            return (file, "a sweep of \(name) run now", nil)
        }
    }

    /// A stored sweep's points.
    static func sweepFile(_ e: ExperimentInfo) throws -> SweepJob.ResultFile {
        guard e.kind == .sweep else {
            throw Message(
                "experiment \(e.id) is a \(e.kind.rawValue), not a sweep: discover looks for boxes in a sweep's points (`stalemate sweep … --design lhs --points N`, or give a scenario and --param)"
            )
        }
        guard e.status == .complete, let json = e.summaryJSON,
            let file = try? JSONDecoder().decode(SweepJob.ResultFile.self, from: Data(json.utf8))
        else {
            throw Message("experiment \(e.id) is \(e.status.rawValue): only a complete sweep has all its points")
        }
        return file
    }

    /// Records the discovery as an experiment of kind `discovery`, its scenario that of the sweep.
    func record(_ d: Discovery, sweep: ExperimentInfo?, file: SweepJob.ResultFile) throws {
        guard let store = try storage.open() else { return }
        var text = sweep?.scenarioText ?? ""
        var resolved = sweep?.resolvedScenario ?? ""
        if sweep == nil, let s = try? ScenarioInput.loadReference(file.scenario.id), s.sourceHash == file.scenario.hash
        {
            text = s.sourceText
            resolved = ScenarioWriter.yaml(s)
        }
        var options: [String: Any] = [
            "where": d.condition.description, "alpha": alpha, "pasteAlpha": pasteAlpha, "massMin": massMin,
            "resamples": resamples, "permutations": permutations, "resampleSeed": "\(resampleSeed)",
            "box": d.chosen, "choice": d.choice, "source": d.source ?? source,
        ]
        if let sweep { options["sweepExperiment"] = sweep.id }
        let json = try StoreSink.parametersJSON(overrides: sweep?.overrides ?? [], options: options)
        let id = try store.begin(
            NewExperiment(
                kind: .discovery, scenarioID: file.scenario.id, scenarioTitle: file.scenario.title, scenarioText: text,
                scenarioHash: file.scenario.hash, parametersJSON: json, resolvedScenario: resolved, seed: file.seed,
                runs: file.runs, weeks: sweep?.weeks ?? 0, threads: 1, programVersion: StalemateVersion.current,
                commandLine: commandLineText))
        let rows = try d.trajectory.enumerated().map { i, s in
            let object: [String: Any] = [
                "box": i, "coverage": s.coverage, "density": s.density, "mass": s.mass, "restricted": s.restricted,
                "n": s.n, "k": s.k, "chosen": i == d.chosen,
            ]
            return try ResultRow(section: "step", index: i, name: i == d.chosen ? "chosen" : "", object: object)
        }
        try store.complete(id, summaryJSON: try StableJSON.text(d), results: rows)
        FileHandle.standardError.write(
            Data(
                "recorded as experiment \(id)\(text.isEmpty ? " (without the scenario's text: \(file.scenario.id) with hash \(file.scenario.hash.prefix(12)) is not at hand)" : ""); `stalemate report \(id) -o FILE.html` draws it\n"
                    .utf8))
    }
}

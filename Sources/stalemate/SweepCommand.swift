import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateJobs
import StalemateScenario

extension SweepDesignKind: ExpressibleByArgument {}

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run an ensemble at every point of a parameter grid or Latin hypercube; one row per point.",
        discussion: """
            Each finished point is appended to OUTPUT.partial at once, so Ctrl-C (or a crash) keeps the finished \
            points; run the same command with --resume to finish the rest. When all points are done, OUTPUT is \
            written (CSV, or JSON when it ends in .json) and OUTPUT.partial is removed.
            """)

    @Argument(help: "A scenario YAML file or the name of a bundled scenario.")
    var scenario: String = "kursk-2024"

    @Option(name: .customLong("param"), help: "A parameter to sweep, key=lo:hi or key=lo:hi:log (repeatable).")
    var parameters: [String] = []

    @Option(help: "grid (levels per parameter) or lhs (Latin hypercube).")
    var design: SweepDesignKind = .grid

    @Option(help: "Points: levels per parameter for a grid, points in all for lhs.")
    var points: Int = 5

    @Option(name: [.short, .long], help: "The result file (.csv or .json, or any name with --format).")
    var output: String

    @Option(help: "csv or json (default: by the extension of --output).")
    var format: OutputFormat?

    /// Whether the result file is JSON.
    var writesJSON: Bool {
        format.map { $0 == .json } ?? (URL(fileURLWithPath: output).pathExtension.lowercased() == "json")
    }

    @Flag(help: "Finish an interrupted sweep from OUTPUT.partial.")
    var resume = false

    @Option(help: "Runs per point (default: the scenario's run.runs).")
    var runs: Int?

    @Option(help: "Master seed, the same at every point (default: the scenario's run.seed).")
    var seed: UInt64?

    @Option(help: "Horizon in weeks (default: the scenario's).")
    var weeks: Int?

    @OptionGroup var workers: ThreadOptions
    var threads: Int? { workers.threads }

    @OptionGroup var setting: OverrideOptions
    var overrides: [String] { setting.overrides }

    @OptionGroup var storage: StoreOptions

    func validate() throws {
        try workers.validate()
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1 (got \(runs))") }
        if let format {
            try format.require([.csv, .json], command: "sweep")
        } else {
            let ext = URL(fileURLWithPath: output).pathExtension.lowercased()
            if ext != "csv" && ext != "json" {
                throw ValidationError(
                    "--output must end in .csv or .json, or give --format csv|json (got \(output))")
            }
        }
        try validateParameters(parameters)
    }

    /// The job these arguments describe (also what `stalemate plan sweep …` cuts into tasks).
    func spec() throws -> JobSpec {
        let base = try ScenarioInput.loadReference(scenario)
        return .sweep(
            SweepSpec(
                scenario: ScenarioInput(base),
                ensemble: try EnsembleSettings.resolve(
                    base, overrides: overrides, runs: runs, seed: seed, weeks: weeks),
                parameters: parameters, design: design, points: points))
    }

    func run() throws {
        let spec = try spec()
        let url = URL(fileURLWithPath: output)
        let partial = SweepCheckpoint.url(for: url).path
        let checkpoint = SweepCheckpointSink(output: url, resume: resume)
        var execution = JobExecution(
            threads: threads, storage: storage, sinks: [checkpoint],
            interruptedMessage: { _ in
                "interrupted: \(checkpoint.finishedPoints) finished points are kept in \(partial); run the same command with --resume to finish"
            })
        // Where the results went is the front end's, not the job's: recorded beside it.
        execution.extraOptions = ["output": output]
        let (result, store) = try execution.run(spec)
        guard case .sweep(let sweep) = result else { throw internalMismatch(spec) }
        do { try sweep.job.write(rows: sweep.rows, to: url, json: writesJSON) } catch {
            let message = "cannot write \(output): \(error.localizedDescription) (the points stay in \(partial))"
            store?.failAfterCompletion(message)
            throw Message(message)
        }
        print("wrote \(sweep.rows.count) points to \(output)")
        try JobExecution.finish(store)
    }
}

/// A malformed `--param` is a usage error (exit 64), like any other bad option.
func validateParameters(_ parameters: [String]) throws {
    for parameter in parameters {
        do { _ = try SweepParameter(parsing: parameter) } catch { throw ValidationError("\(error)") }
    }
}

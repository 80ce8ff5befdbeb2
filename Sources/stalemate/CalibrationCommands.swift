import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateCalibration
import StalemateJobs
import StalemateScenario
import StalemateStore

struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit", abstract: "Fit models to data.", subcommands: [FitLanchesterCommand.self])
}

struct FitLanchesterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lanchester",
        abstract: "Fit Lanchester coefficients (square, linear, logarithmic, mixed) to daily battle data.",
        discussion: "FILE is a CSV in the layout of docs/calibration.md, or Helmbold's Iwo Jima spreadsheet.")

    @Argument(help: "The daily battle data (CSV).")
    var file: String

    @OptionGroup var out: OutputOptions

    func validate() throws { try out.require([.table, .json], command: "fit lanchester") }

    func run() throws {
        let spec: JobSpec
        do { spec = .fit(FitSpec(data: try DataInput.file(file))) } catch {
            throw LanchesterDataError.unreadable(path: error.path, reason: error.reason)
        }
        let (result, _) = try JobExecution().run(spec)
        guard case .fit(let report) = result else { throw internalMismatch(spec) }
        try out.emit(out.format == .json ? try report.json() : report.text.withNewline)
    }
}

extension OutcomeMoments: ExpressibleByArgument {}

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit scenario parameters so that simulated wars match observed ones (simulated method of moments).",
        discussion: """
            TARGET is the Correlates of War inter-state war file (data/cow-interstate-wars-v4.0.csv). Without \
            --param on interstate-generic (or its v1 file, docs/calibration/interstate-generic-v1.yaml) this runs \
            the shipped calibration (docs/calibration.md): fit on wars with an even WarNum, validate on the odd \
            ones, then fit on all.
            """)

    @Argument(help: "A scenario YAML file or the name of a bundled scenario.")
    var scenario: String = "interstate-generic"

    @Option(help: "The observed wars (COW inter-state war CSV).")
    var target: String

    @Option(
        name: .customLong("param"),
        help: "A parameter to fit, key=lo:hi or key=lo:hi:log; join keys with + to fit them as one (repeatable).")
    var parameters: [String] = []

    @Option(
        help:
            "The outcome shares matched: threeClasses (decisive, compromise, stalemate) or noWinner. Default: noWinner for a model v2 scenario (valuation 2), else threeClasses."
    )
    var outcomes: OutcomeMoments?

    @Option(help: "Simulated wars per evaluation of the objective.")
    var runs: Int = 4000

    @Option(help: "Seed of the common random numbers.")
    var seed: UInt64 = 1823

    @OptionGroup var workers: ThreadOptions
    var threads: Int? { workers.threads }

    @OptionGroup var out: OutputOptions

    @OptionGroup var storage: StoreOptions

    func validate() throws {
        try workers.validate()
        try out.require([.table, .json], command: "calibrate")
        if runs < 10 { throw ValidationError("--runs must be at least 10 (got \(runs))") }
    }

    /// The job these arguments describe (also what `stalemate plan calibrate …` cuts into tasks).
    func spec() throws -> JobSpec {
        let loaded = try ScenarioInput.loadReference(scenario)
        return .calibrate(
            CalibrateSpec(
                scenario: ScenarioInput(loaded), target: try Self.read(target), parameters: parameters,
                outcomes: outcomes, runs: runs, seed: seed))
    }

    func run() throws {
        let spec = try spec()
        let (result, store) = try JobExecution(threads: threads, storage: storage).run(spec)
        switch result {
        case .calibrate(.shipped(let report)):
            try out.emit(out.format == .json ? try result.json() : report.text.withNewline)
        case .calibrate(.fitted(let fit)): try out.emit(out.format == .json ? try result.json() : fit.text.withNewline)
        default: throw internalMismatch(spec)
        }
        try JobExecution.finish(store)
    }

    /// The COW file, with the COW reader's message when it cannot be read.
    static func read(_ path: String) throws -> DataInput {
        do { return try DataInput.file(path) } catch {
            throw CowDataError.unreadable(path: error.path, reason: error.reason)
        }
    }
}

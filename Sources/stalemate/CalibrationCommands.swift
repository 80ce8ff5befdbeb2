import ArgumentParser
import Foundation
import StalemateAnalysis
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

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func validate() throws { try format.require([.table, .json], command: "fit lanchester") }

    func run() throws {
        do {
            let report = try LanchesterFitReport.from(csvPath: file)
            print(format == .json ? try report.json() : report.text, terminator: format == .json ? "" : "\n")
        } catch {
            throw fail(error)
        }
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

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @OptionGroup var storage: StoreOptions

    func validate() throws {
        try workers.validate()
        try format.require([.table, .json], command: "calibrate")
        if runs < 10 { throw ValidationError("--runs must be at least 10 (got \(runs))") }
    }

    func run() throws {
        let threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let loaded: Scenario
        do {
            loaded = try loadScenario(scenario)
            // The shipped calibration's parameters need the shape of interstate-generic (or its v1 file).
            if parameters.isEmpty && !loaded.id.hasPrefix("interstate-generic") {
                throw Message(
                    "give the parameters to fit with --param key=lo:hi[:log] (only interstate-generic has a shipped calibration)"
                )
            }
        } catch {
            throw fail(error)
        }
        struct Options: Encodable {
            var parameters: [String]
            var target: String
            var shipped: Bool
        }
        let recorder = try StoreRecorder.begin(
            storage, kind: .calibrate, scenario: loaded, resolved: loaded, overrides: [],
            options: Options(parameters: parameters, target: target, shipped: parameters.isEmpty), seed: seed,
            runs: runs, threads: threads)
        var storeError: String? = nil
        do {
            if parameters.isEmpty {
                let report = try Calibration.calibrateInterstateGeneric(
                    cowPath: target, runsPerEvaluation: runs, seed: seed, threads: threads, scenario: loaded,
                    outcomes: outcomes)
                storeError = recorder?.complete(
                    summaryJSON: try StableJSON.text(report) + "\n",
                    results: Self.rows(report.full, section: "estimate"))
                print(format == .json ? try StableJSON.text(report) : report.text)
            } else {
                let params = try parameters.map(Self.parameter)
                let calibration = try Calibration(
                    scenario: loaded, parameters: params, runsPerEvaluation: runs, seed: seed, threads: threads,
                    outcomes: outcomes ?? Calibration.defaultOutcomes(for: loaded))
                let observed = try CowWars.load(path: target).observations()
                let result = try calibration.fit(to: observed)
                storeError = recorder?.complete(
                    summaryJSON: try StableJSON.text(result) + "\n", results: Self.rows(result, section: "estimate"))
                print(format == .json ? try StableJSON.text(result) : result.text)
            }
        } catch {
            throw recorder?.failed(error) ?? fail(error)
        }
        if let storeError { throw fail(Message(storeError)) }
        recorder?.announce()
    }

    /// One row per fitted parameter and one per moment.
    static func rows(_ r: CalibrationResult, section: String) -> [ResultRow] {
        struct Estimate: Encodable {
            var parameter: String
            var value: Double
            var lower: Double
            var upper: Double
            var logScale: Bool
        }
        struct Moment: Encodable {
            var moment: String
            var observed: Double
            var simulated: Double
            var weight: Double
        }
        let estimates = zip(r.parameters, r.estimate).map {
            Estimate(parameter: $0.name, value: $1, lower: $0.lower, upper: $0.upper, logScale: $0.logScale)
        }
        let m = r.moments
        let moments = m.names.indices.map {
            Moment(moment: m.names[$0], observed: m.observed[$0], simulated: m.simulated[$0], weight: m.weights[$0])
        }
        return resultRows(section, estimates) { $0.parameter } + resultRows("moment", moments) { $0.moment }
    }

    /// `key[+key…]=lo:hi[:log]`.
    static func parameter(_ text: String) throws -> CalibrationParameter {
        let sweep = try SweepParameter(parsing: text)
        let keys = sweep.key.split(separator: "+").map(String.init)
        return CalibrationParameter(
            name: sweep.key, keys: keys, lower: sweep.lower, upper: sweep.upper, logScale: sweep.logScale)
    }
}

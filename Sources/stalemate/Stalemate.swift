import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateCalibration
import StalemateCore
import StalemateJobs
import StalemateScenario
import StalemateSensitivity
import StalemateStore
import StalemateTheory

@main
struct Stalemate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stalemate",
        abstract: "Simulate wars in which fighting and negotiating are intertwined.",
        version: StalemateVersion.current,
        subcommands: [
            RunCommand.self, CompareCommand.self, ExplainCommand.self, BacktestCommand.self, SweepCommand.self,
            AnalyzeCommand.self,
            SensitivityCommand.self, CalibrateCommand.self, FitCommand.self, ValidateCommand.self,
            ScenariosCommand.self,
            ParametersCommand.self, HistoryCommand.self, ShowCommand.self, ExportCommand.self, RmCommand.self,
            ResumeCommand.self, ReportCommand.self, CheckStoreCommand.self, ServeCommand.self, PlanCommand.self,
            TaskCommand.self, CollectCommand.self, SubmitCommand.self, StatusCommand.self, DiscoverCommand.self,
            RobustCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )

    /// One mapping of errors to message and exit code (README, "Exit codes"): 64 for usage
    /// (ArgumentParser's parsing and validation), 65 for data (scenarios, files, stores, jobs:
    /// every `DataError`), 130 after Ctrl-C, 70 for anything else, which is a bug of ours.
    static func main() {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch {
            exit(withError: exitError(for: error))
        }
    }

    /// The error `exit(withError:)` reports for `error` (printing the message of a data error).
    static func exitError(for error: any Error) -> any Error {
        switch error {
        case is ExitCode, is ValidationError, is CleanExit: return error
        case let data as any DataError: return fail(data)
        default:
            // ArgumentParser's own errors (help, version, usage) keep their codes; anything
            // else it would map to a bare 1 is a bug of ours.
            if exitCode(for: error) != ExitCode.failure { return error }
            FileHandle.standardError.write(Data("error: internal error (a bug; please report it): \(error)\n".utf8))
            return ExitCode(70)
        }
    }
}

/// An error in what the user gave (a scenario, a data file, a store, a job), not a bug: its
/// message says what to fix and the exit code is 65 (`EX_DATAERR`).
protocol DataError: Error {}
extension ScenarioErrors: DataError {}
extension ScenarioError: DataError {}
extension StoreError: DataError {}
extension JobError: DataError {}
extension UnreadableFile: DataError {}
extension Message: DataError {}
extension CocoaError: DataError {}
extension SweepError: DataError {}
extension SensitivityError: DataError {}
extension BacktestDataError: DataError {}
extension CalibrationError: DataError {}
extension CowDataError: DataError {}
extension LanchesterDataError: DataError {}
extension BattleDataError: DataError {}
extension CompareJob.VariantError: DataError {}

/// Prints a user-facing error to stderr and returns the exit code 65 (`EX_DATAERR`).
func fail(_ error: any Error) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    return ExitCode(65)
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check a scenario file (or bundled scenario) and report every problem.")

    @Argument(help: "A scenario YAML file or the name of a bundled scenario.")
    var scenario: String

    @OptionGroup var setting: OverrideOptions
    var overrides: [String] { setting.overrides }

    /// table, or json (schema stalemate.validation/1: ok, and the problems with file, line,
    /// column, key, code, message, fix).
    @OptionGroup var out: OutputOptions

    func validate() throws { try out.require([.table, .json], command: "validate") }

    /// `validate --format json` (docs/output.md): what scripts and editors read.
    struct Report: Encodable {
        struct Problem: Encodable {
            var file: String
            var line: Int?
            var column: Int?
            var key: String
            var code: String
            var message: String
            var fix: String
        }
        var schema = "stalemate.validation/1"
        var ok: Bool
        var scenario: String?
        var problems: [Problem]
    }

    func run() throws {
        do {
            let s = try RunJob(scenario: ScenarioInput.loadReference(scenario), overrides: overrides).scenario
            let m = s.model
            if out.format == .json {
                try out.emit(try StableJSON.text(Report(ok: true, scenario: s.id, problems: [])).withNewline)
                return
            }
            try out.emit(
                "ok: \(s.id) — \(m.regions.count) regions, \(m.thirdParties.count) third parties, \(m.policies.count) policies, \(m.events.count) events, \(m.horizon) weeks\n"
            )
        } catch {
            guard out.format == .json, !(error is Message) else { throw error }
            let errors = (error as? ScenarioErrors)?.errors ?? []
            let problems =
                errors.isEmpty
                ? [Report.Problem(file: scenario, key: "", code: "error", message: "\(error)", fix: "")]
                : errors.map {
                    Report.Problem(
                        file: $0.file, line: $0.line, column: $0.column, key: $0.keyPath, code: "\($0.code)",
                        message: $0.problem, fix: $0.fix)
                }
            try out.emit(try StableJSON.text(Report(ok: false, scenario: nil, problems: problems)).withNewline)
            throw ExitCode(65)
        }
    }
}

struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios", abstract: "List the bundled scenarios.")

    @Flag(help: "Print the YAML of the named scenario instead.")
    var show = false

    @Argument(help: "With --show: the scenario to print.")
    var name: String?

    func validate() throws {
        if show && name == nil {
            throw ValidationError("--show needs a scenario name, e.g. `stalemate scenarios --show kursk-2024`")
        }
        // A name without --show would otherwise be ignored and the list printed.
        if !show, let name {
            throw ValidationError(
                "to print a scenario, add --show: `stalemate scenarios --show \(name)`; without it the command lists them all"
            )
        }
    }

    func run() throws {
        if show, let name {
            print(try ScenarioLoader.bundled(name: name).sourceText, terminator: "")
            return
        }
        for name in BundledScenarios.names {
            let title = (try? ScenarioLoader.bundled(name: name).title) ?? ""
            print("\(name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(title)")
        }
    }
}

struct ParametersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parameters", abstract: "List every model parameter with its unit, default and valid range.")

    @Flag(help: "Print Markdown tables (as in docs/model.md).")
    var markdown = false

    func run() {
        print(markdown ? ParameterTable.markdown() : ParameterTable.text(), terminator: "")
    }
}

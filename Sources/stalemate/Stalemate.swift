import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateCore
import StalemateScenario

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
            ResumeCommand.self, ReportCommand.self, CheckStoreCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )
}

/// Loads a bundled scenario by name, or a YAML file by path.
func loadScenario(_ reference: String) throws -> Scenario {
    let fm = FileManager.default
    if fm.fileExists(atPath: reference) || reference.hasSuffix(".yaml") || reference.hasSuffix(".yml")
        || reference.contains("/")
    {
        return try ScenarioLoader.load(path: reference)
    }
    return try ScenarioLoader.bundled(name: reference)
}

/// Says on stderr, once, what a horizon shorter than the scenario's left out.
func noteDroppedPastHorizon(_ scenario: Scenario) {
    let dropped = scenario.droppedPastHorizon
    guard !dropped.isEmpty else { return }
    let message =
        "note: the horizon of \(scenario.model.horizon) weeks leaves out what comes at or after it: "
        + dropped.joined(separator: ", ") + "\n"
    FileHandle.standardError.write(Data(message.utf8))
}

/// Prints a user-facing error to stderr and exits with `EX_DATAERR` (65): scenario and
/// parameter problems are the user's data, not a crash.
func fail(_ error: Error) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    return ExitCode(65)
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check a scenario file (or bundled scenario) and report every problem.")

    @Argument(help: "A scenario YAML file or the name of a bundled scenario.")
    var scenario: String

    @Option(name: .customLong("set"), help: "Override a parameter, key=value (repeatable).")
    var overrides: [String] = []

    func run() throws {
        do {
            let s = try RunJob(scenario: loadScenario(scenario), overrides: overrides).scenario
            let m = s.model
            print(
                "ok: \(s.id) — \(m.regions.count) regions, \(m.thirdParties.count) third parties, \(m.policies.count) policies, \(m.events.count) events, \(m.horizon) weeks"
            )
        } catch {
            throw fail(error)
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

    func run() throws {
        if show {
            guard let name else {
                throw ValidationError("--show needs a scenario name, e.g. `stalemate scenarios --show kursk-2024`")
            }
            do { print(try ScenarioLoader.bundled(name: name).sourceText, terminator: "") } catch { throw fail(error) }
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

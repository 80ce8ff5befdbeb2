import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateScenario

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Measure the source's claims on a scenario and write them as Markdown (docs/analyses/).")

    @Argument(help: "A scenario YAML file or the name of a bundled scenario.")
    var scenario: String = "kursk-2024"

    @Option(name: [.short, .long], help: "The Markdown file to write (default: print to stdout).")
    var output: String?

    @Option(help: "Runs per arm.")
    var runs: Int = 20_000

    @Option(help: "Master seed (default: the scenario's run.seed).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: the number of cores). Results do not depend on it.")
    var threads: Int?

    @Option(help: "The incursion event switched off in the no-incursion arm.")
    var incursionEvent: String = "kursk-incursion"

    @Option(help: "The third party whose decoupling the decoupling arms raise.")
    var mediator: String = "mediators"

    @Option(help: "The decoupling level of the decoupling arms, in 0...1.")
    var decoupling: Double = 0.8

    /// A backtest is added against this series (by default the scenario's declared one, if any).
    @OptionGroup var observation: ObservationOptions

    func validate() throws {
        if runs < 2 { throw ValidationError("--runs must be at least 2 (got \(runs))") }
        if !(0...1).contains(decoupling) { throw ValidationError("--decoupling must be in 0...1 (got \(decoupling))") }
    }

    func run() throws {
        let loaded: Scenario
        do { loaded = try loadScenario(scenario) } catch { throw fail(error) }
        let analysis = ClaimsAnalysis(
            scenario: loaded, runs: runs, seed: seed ?? loaded.run.seed,
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, incursionEvent: incursionEvent,
            mediator: mediator, decoupling: decoupling)
        let result: (Comparison, Experiment.Outcome)
        do { result = try analysis.execute() } catch { throw fail(error) }
        var command = "stalemate analyze \(scenario) --runs \(runs)"
        if let seed { command += " --seed \(seed)" }
        if let output { command += " -o \(output)" }
        command += observation.commandLine
        var text = ClaimsReport.markdown(
            analysis: analysis, comparison: result.0, outcome: result.1, command: command,
            version: StalemateVersion.current)
        if observation.observed != nil || !loaded.observations.isEmpty {
            var options = try EnsembleOptions.parse(["--runs", "\(runs)"])
            options.seed = seed
            options.threads = threads
            let job: BacktestJob
            do {
                job = try BacktestCommand.job(
                    base: loaded, ensemble: options, observation: observation, trendFrom: nil)
            } catch {
                throw fail(error)
            }
            let backtest = "stalemate backtest \(scenario)\(observation.commandLine) --runs \(runs)"
            text += "\n" + BacktestFormatter.markdown(job.execute().result, command: backtest)
        }
        if let output {
            do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                throw fail(Message("cannot write \(output): \(error.localizedDescription)"))
            }
            print("wrote \(output)")
        } else {
            print(text, terminator: "")
        }
    }
}

import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateCalibration
import StalemateJobs
import StalemateScenario
import StalemateStore

struct RmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Delete experiments and everything stored with them.",
        discussion: """
            Asks for confirmation on a terminal; elsewhere (scripts, pipes) it refuses unless --yes is given. \
            A running experiment whose process is alive is never deleted.
            """)

    @Argument(help: "The experiment ids.")
    var ids: [ExperimentID]

    @Flag(name: [.short, .long], help: "Delete without asking.")
    var yes = false

    @OptionGroup var location: StoreLocation

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give the id of the experiment to delete (see `stalemate history`)") }
    }

    func run() throws {
        let store = try location.openExisting()
        let experiments = try ids.map { try loadExperiment($0.value, from: store) }
        for e in experiments where e.status == .running {
            throw Message(
                "experiment \(e.id) is still running (pid \(e.pid.map(String.init) ?? "?") on \(e.host ?? "?")): stop it before deleting it"
            )
        }
        if !yes {
            guard isatty(STDIN_FILENO) != 0 else {
                throw Message("rm deletes experiments for good: add --yes to confirm (stdin is not a terminal)")
            }
            for e in experiments {
                print(
                    "experiment \(e.id): \(e.kind.rawValue) of \(e.scenarioID), \(e.runs) runs, \(e.status.rawValue), \(e.startedAt)"
                )
            }
            print(
                "delete \(experiments.count == 1 ? "it" : "them") and everything stored with \(experiments.count == 1 ? "it" : "them")? [y/N] ",
                terminator: "")
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
            guard answer == "y" || answer == "yes" else {
                print("nothing deleted")
                return
            }
        }
        for e in experiments {
            try store.delete(e.id)
            print("deleted experiment \(e.id)")
        }
    }
}

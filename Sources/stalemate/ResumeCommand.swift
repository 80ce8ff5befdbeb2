import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateCalibration
import StalemateJobs
import StalemateScenario
import StalemateStore

struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Finish an interrupted `run` experiment from its stored batches.",
        discussion: """
            Reloads the scenario text, overrides, seed and runs from the store, merges the stored batches and \
            simulates only the missing ones: the result is the same, byte for byte, as an uninterrupted run.
            """)

    @Argument(help: "The experiment id (see `stalemate history --status interrupted`).")
    var id: ExperimentID

    @OptionGroup var workers: ThreadOptions
    var threads: Int? { workers.threads }

    @OptionGroup var out: OutputOptions

    @OptionGroup var location: StoreLocation

    func validate() throws {
        try workers.validate()
    }

    func run() throws {
        let store = try location.openExisting()
        _ = try loadExperiment(id.value, from: store)
        let resume: StoreResume
        resume = try StoreResume(id.value, store: store, commandLine: commandLineText)
        if isatty(STDERR_FILENO) != 0 {
            FileHandle.standardError.write(
                Data(
                    "resuming experiment \(id.value): \(resume.storedChunks) of \(resume.chunks) batches stored\n".utf8)
            )
        }
        let execution = JobExecution(
            threads: threads, continuing: resume.sink, chunkSize: resume.chunkSize,
            interruptedMessage: JobExecution.resumableMessage)
        let (result, store2) = try execution.run(resume.spec)
        guard case .run(let summary, _) = result else { throw internalMismatch(resume.spec) }
        try out.emit(try RunCommand.text(summary, format: out.format))
        if let problem = store2?.problem { throw Message(problem) }
    }
}

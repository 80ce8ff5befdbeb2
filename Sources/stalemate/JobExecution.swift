import ArgumentParser
import Dispatch
import Foundation
import StalemateAnalysis
import StalemateJobs
import StalemateStore
import Synchronization

/// How every command runs its job: the store (unless `--no-store`) as a sink, a progress bar
/// per stage on stderr, Ctrl-C as a stop request (a second one quits at once), and one place
/// that turns errors into messages and exit codes.
struct JobExecution {
    var threads: Int?
    var storage: StoreOptions?
    /// Sinks besides the store (e.g. a sweep's progress file).
    var sinks: [any JobSink] = []
    /// A resumed experiment's sink, used instead of a new store record.
    var continuing: StoreSink? = nil
    var chunkSize = JobRunner.defaultChunkSize
    /// What Ctrl-C says was kept, given the experiment id (nil: nothing stored).
    var interruptedMessage: (@Sendable (Int64?) -> String)? = nil

    /// Front-end settings recorded with the experiment beside the job's.
    var extraOptions: [String: String] = [:]

    /// Runs `spec`; returns its result and the store sink (to check and announce after printing).
    func run(_ spec: JobSpec) throws -> (JobResult, StoreSink?) {
        var store: StoreSink? = continuing
        if store == nil, let storage, let opened = try storage.open() {
            store = StoreSink(store: opened, commandLine: commandLineText, extraOptions: extraOptions)
        }
        let runner = JobRunner(
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, chunkSize: chunkSize)
        let stop = StopFlag()
        let display = ProgressDisplay()
        let handler = Self.installInterrupt(stop: stop, display: display)
        defer { handler.cancel() }
        do {
            let result = try runner.run(
                spec, sinks: (store.map { [$0] } ?? []) + sinks, stop: stop, events: display.receive)
            display.finish()
            return (result, store)
        } catch is Stopped {
            display.finish()
            let id = store?.experimentID
            let message =
                interruptedMessage?(id)
                ?? (id.map {
                    "interrupted: experiment \($0) is recorded as interrupted; run the command again to redo it"
                }
                    ?? (storage == nil
                        ? "interrupted: nothing was kept" : "interrupted: nothing was stored (--no-store)"))
            FileHandle.standardError.write(Data((message + "\n").utf8))
            throw ExitCode(130)
        } catch {
            display.finish()
            throw error
        }
    }

    /// What Ctrl-C says of a stored run, which `resume` finishes.
    static let resumableMessage: @Sendable (Int64?) -> String = { id in
        id.map {
            "interrupted: experiment \($0) keeps the runs finished so far; finish it with `stalemate resume \($0)`"
        } ?? "interrupted: nothing was stored (--no-store)"
    }

    /// The first Ctrl-C asks the job to stop after the tasks under way; a second quits now.
    static func installInterrupt(stop: StopFlag, display: ProgressDisplay) -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            if stop.isSet { exit(130) }
            stop.set()
            display.clear()
            FileHandle.standardError.write(Data("stopping after the tasks under way (Ctrl-C again to quit now)\n".utf8))
        }
        source.resume()
        return source
    }

    /// After the results are printed: a storing problem is an error (exit 65), else the
    /// experiment's id is announced on a terminal.
    static func finish(_ store: StoreSink?) throws {
        guard let store else { return }
        if let problem = store.problem { throw Message(problem) }
        guard let id = store.experimentID, isatty(STDERR_FILENO) != 0 else { return }
        FileHandle.standardError.write(Data("recorded as experiment \(id) in \(store.store.path)\n".utf8))
    }
}

/// Turns a job's events into progress bars (one per stage) and notes on stderr.
final class ProgressDisplay: Sendable {
    private let bar = Mutex<ProgressBar?>(nil)

    var receive: JobEvents {
        { [self] event in
            switch event {
            case .stage(_, let runs):
                let next = runs > 0 ? ProgressBar(total: runs) : nil
                bar.withLock {
                    $0?.finish()
                    $0 = next
                }
            case .progress(let done, _):
                bar.withLock { $0?.update(done) }
            case .note(let text):
                bar.withLock { $0?.finish() }
                FileHandle.standardError.write(Data("note: \(text)\n".utf8))
            }
        }
    }

    /// Clears the bar's line (it is drawn again on the next update).
    func clear() { bar.withLock { $0?.finish() } }

    func finish() {
        bar.withLock {
            $0?.finish()
            $0 = nil
        }
    }
}

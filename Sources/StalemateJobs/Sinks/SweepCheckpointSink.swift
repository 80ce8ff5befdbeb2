import Foundation
import StalemateAnalysis
import Synchronization

/// A sweep's progress file as a sink: the points it holds are restored (with `resume`), each
/// finished point is appended and synced, and a complete sweep removes it after the result
/// is written (`SweepJob.write`).
public final class SweepCheckpointSink: JobSink {
    let output: URL
    let resume: Bool
    private let checkpoint = Mutex<SweepCheckpoint?>(nil)
    private let kept = Mutex(0)

    public init(output: URL, resume: Bool) {
        self.output = output
        self.resume = resume
    }

    public func begin(_ job: JobContext) throws -> RestoredWork {
        guard let sweep = job.sweep else { return RestoredWork() }
        let opened: SweepCheckpoint
        do { opened = try SweepCheckpoint(output: output, resume: resume, header: sweep.header) } catch let e
            as SweepError
        {
            throw e
        } catch {
            throw JobError(
                "cannot open the sweep's progress file \(SweepCheckpoint.url(for: output).path): \(error.localizedDescription)"
            )
        }
        checkpoint.withLock { $0 = opened }
        kept.withLock { $0 = opened.restored.count }
        return RestoredWork(points: opened.restored)
    }

    public func point(_ row: SweepRow) throws {
        try checkpoint.withLock { c in
            do { try c?.append(row) } catch {
                throw JobError(
                    "cannot write the sweep's progress file \(c?.url.path ?? ""): \(error.localizedDescription)")
            }
        }
        kept.withLock { $0 += 1 }
    }

    /// Points the checkpoint holds (restored and written since).
    public var finishedPoints: Int { kept.withLock { $0 } }
}

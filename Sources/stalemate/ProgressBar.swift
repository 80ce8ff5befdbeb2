import Dispatch
import Foundation
import Synchronization

/// A progress bar with rate and ETA on stderr, shown only when stderr is a terminal.
final class ProgressBar: Sendable {
    private let total: Int
    private let start = Date()
    private let last = Mutex<(time: Double, done: Int)>((0, 0))

    /// Nil when stderr is not a terminal (pipes and CI get no bar).
    init?(total: Int) {
        guard isatty(STDERR_FILENO) != 0 else { return nil }
        self.total = total
    }

    func update(_ done: Int) {
        let now = Date().timeIntervalSince(start)
        let show = last.withLock { l -> Bool in
            guard now - l.time >= 0.1 || done == total, done > l.done else { return false }
            l = (now, done)
            return true
        }
        guard show else { return }
        let fraction = Double(done) / Double(max(1, total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = Double(done) / max(now, 1e-9)
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let text = String(
            format: "\r%@ %3.0f%%  %d/%d runs  %.0f runs/s  ETA %.1fs ", bar, 100 * fraction, done, total, rate, eta)
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The callback a job reports its progress to, `done` counted in units of `unit` runs
    /// (a point of a design runs `unit` runs); nil without a bar.
    static func callback(_ bar: ProgressBar?, per unit: Int = 1) -> (@Sendable (Int) -> Void)? {
        guard let bar else { return nil }
        return { bar.update($0 * unit) }
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

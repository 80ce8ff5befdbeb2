import Dispatch
import Synchronization

/// Runs `count` independent chunks of work on `threads` workers and hands their results to
/// `merge` strictly in chunk order, whatever order they finish in. This is what makes
/// ensembles, experiments and sweeps give the same numbers for every thread count.
public enum OrderedChunks {
    /// - Parameters:
    ///   - work: computes chunk `i` (called on a worker thread).
    ///   - merge: receives each chunk's result, in order 0, 1, 2, … (called under a lock).
    ///   - shouldStop: checked before each chunk is claimed; once it returns true no new chunk
    ///     starts (chunks under way finish), so the merged chunks are a prefix.
    public static func run<Result: Sendable>(
        count: Int, threads: Int, work: @escaping @Sendable (Int) -> Result,
        merge: @escaping @Sendable (Int, Result) -> Void, shouldStop: (@Sendable () -> Bool)? = nil
    ) {
        let shared = OrderedMerge<Result>(merge: merge)
        let worker: @Sendable (Int) -> Void = { _ in
            while shouldStop?() != true, let chunk = shared.claim(limit: count) {
                shared.complete(chunk: chunk, result: work(chunk))
            }
        }
        if threads <= 1 {
            worker(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: threads, execute: worker)
        }
    }
}

private final class OrderedMerge<Result: Sendable>: Sendable {
    struct State {
        var next = 0
        var nextToMerge = 0
        var pending: [Int: Result] = [:]
    }
    let state = Mutex(State())
    let merge: @Sendable (Int, Result) -> Void

    init(merge: @escaping @Sendable (Int, Result) -> Void) { self.merge = merge }

    func claim(limit: Int) -> Int? {
        state.withLock { s in
            guard s.next < limit else { return nil }
            defer { s.next += 1 }
            return s.next
        }
    }

    func complete(chunk: Int, result: sending Result) {
        state.withLock { s in
            s.pending[chunk] = result
            while let ready = s.pending.removeValue(forKey: s.nextToMerge) {
                merge(s.nextToMerge, ready)
                s.nextToMerge += 1
            }
        }
    }
}

/// A value that workers update under a lock (merge targets, progress counters).
public final class Locked<Value: Sendable>: Sendable {
    let state: Mutex<Value>
    public init(_ value: sending Value) { state = Mutex(value) }
    public func withLock<R>(_ body: (inout sending Value) -> sending R) -> sending R { state.withLock(body) }
}

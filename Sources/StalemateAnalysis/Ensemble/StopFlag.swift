import Synchronization

/// A request to stop a long computation (Ctrl-C, a cancelled server request). Computations
/// check it between chunks: once it is set no new chunk starts, chunks under way finish, and
/// the computation throws `Stopped` instead of returning a result made of part of its runs.
public final class StopFlag: Sendable {
    private let flag = Mutex(false)

    public init() {}

    /// Asks every computation that checks this flag to stop.
    public func set() { flag.withLock { $0 = true } }

    public var isSet: Bool { flag.withLock { $0 } }

    /// The closure form the chunk loops check.
    public var check: @Sendable () -> Bool { { [self] in isSet } }

    /// Throws `Stopped` when the flag is set.
    public func throwIfSet() throws(Stopped) {
        if isSet { throw Stopped() }
    }
}

/// A computation stopped at a `StopFlag`'s request before it finished; what it had done is
/// not a result.
public struct Stopped: Error, CustomStringConvertible, Sendable {
    public init() {}
    public var description: String { "stopped before the end, at the user's request" }
}

extension Optional where Wrapped == StopFlag {
    /// Throws `Stopped` when there is a flag and it is set.
    public func throwIfSet() throws(Stopped) {
        if let flag = self { try flag.throwIfSet() }
    }
}

import Foundation

/// How `stalemate serve` runs: where it listens, where it keeps results and what it accepts.
public struct ServerOptions: Sendable {
    public var host: String
    public var port: Int
    /// The results store; nil: jobs are kept in memory only.
    public var storePath: String?
    /// Worker threads of a job.
    public var threads: Int
    /// Jobs computed at once: on a laptop one, using every core, finishes each soonest.
    public var maxRunningJobs: Int
    /// Jobs waiting beyond those; a submission past them gets 429.
    public var maxQueuedJobs: Int
    /// The most run-weeks one job may simulate (runs × weeks × arms or points); past it, 422.
    public var maxRunWeeks: Int
    /// The largest request body accepted; past it, 413.
    public var maxBodyBytes: Int
    /// Finished jobs kept in memory for their status and results (the store keeps all).
    public var keepFinishedJobs: Int
    /// Seconds a connection may stay idle, or take to send a request, before it is closed.
    public var idleTimeoutSeconds: Int

    public init(
        host: String = "127.0.0.1", port: Int = 8080, storePath: String? = nil,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, maxRunningJobs: Int = 1,
        maxQueuedJobs: Int = 16, maxRunWeeks: Int = 200_000_000, maxBodyBytes: Int = 1 << 20,
        keepFinishedJobs: Int = 256, idleTimeoutSeconds: Int = 30
    ) {
        self.host = host
        self.port = port
        self.storePath = storePath
        self.threads = threads
        self.maxRunningJobs = maxRunningJobs
        self.maxQueuedJobs = maxQueuedJobs
        self.maxRunWeeks = maxRunWeeks
        self.maxBodyBytes = maxBodyBytes
        self.keepFinishedJobs = keepFinishedJobs
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }

    /// Whether `host` is a loopback address: anything else exposes a server without
    /// authentication to the network.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

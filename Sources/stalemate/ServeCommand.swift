import ArgumentParser
import Foundation
import StalemateServer
import Synchronization

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (docs/api.md) on this machine.",
        discussion: """
            Binds 127.0.0.1:8080 by default. Another address exposes a server without
            authentication: it needs --host explicitly and prints a warning. Jobs submitted to
            the server are recorded in the results store like commands. SIGTERM or Ctrl-C stop
            it: running jobs are stopped after their tasks under way and recorded as interrupted.
            """)

    @Option(help: "The address to listen on (only loopback is private).")
    var host = "127.0.0.1"

    @Option(help: "The port (0: any free port, printed at start).")
    var port = 8080

    @OptionGroup var store: StoreOptions

    @Option(help: "Worker threads of a job (default: the machine's cores).")
    var threads: Int?

    @Option(name: .customLong("max-queued"), help: "Jobs that may wait; past them a submission gets 429.")
    var maxQueued = 16

    @Option(
        name: .customLong("max-run-weeks"),
        help: "The most run-weeks (runs × weeks × arms or points) one job may simulate; past it, 422.")
    var maxRunWeeks = 200_000_000

    @Option(
        name: .customLong("idle-timeout"),
        help: "Seconds a connection may stay idle, or take to send its request, before it is closed.")
    var idleTimeout = 30

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, not \(port)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, not \(threads)") }
        guard maxQueued >= 0 else { throw ValidationError("--max-queued must be at least 0, not \(maxQueued)") }
        guard maxRunWeeks >= 1 else { throw ValidationError("--max-run-weeks must be at least 1, not \(maxRunWeeks)") }
        guard idleTimeout >= 1 else {
            throw ValidationError("--idle-timeout must be at least 1 second, not \(idleTimeout)")
        }
    }

    func run() throws {
        var options = ServerOptions(
            host: host, port: port, maxQueuedJobs: maxQueued, maxRunWeeks: maxRunWeeks,
            idleTimeoutSeconds: idleTimeout)
        if let threads { options.threads = threads }
        let opened = try store.open()
        options.storePath = opened?.path
        if !options.isLoopback {
            FileHandle.standardError.write(
                Data(
                    "warning: listening on \(host): the server has no authentication; anyone who can reach this address can run jobs and read the store\n"
                        .utf8))
        }
        let failure = Mutex<(any Error)?>(nil)
        let done = DispatchSemaphore(value: 0)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let storeNote = opened.map { "store \($0.path)" } ?? "no store"
        Task {
            do {
                try await StalemateServer.run(options: options, store: opened) { bound in
                    // Written at once, unbuffered: scripts wait for this line to find the port.
                    FileHandle.standardOutput.write(
                        Data("Serving Stalemate on http://\(shownHost):\(bound)/ (\(storeNote); Ctrl-C to stop)\n".utf8)
                    )
                }
            } catch {
                failure.withLock { $0 = error }
            }
            done.signal()
        }
        done.wait()
        if let error = failure.withLock({ $0 }) {
            throw Message("the server stopped: \(error)")
        }
    }
}

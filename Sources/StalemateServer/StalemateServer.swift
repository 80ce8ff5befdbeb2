import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import StalemateStore

/// `stalemate serve`: the HTTP API (docs/api.md) over the job layer. SIGTERM or SIGINT stop
/// it gracefully: no new jobs, running ones stop after their tasks under way and are
/// recorded as interrupted, then the server closes.
public enum StalemateServer {
    /// The application: its router, its job board and the service that stops the board.
    /// `onRunning` receives the bound port (the one asked for, or the one chosen for port 0).
    public static func application(
        options: ServerOptions, store: Store?, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let board = JobBoard(options: options, store: store)
        let router = Router(context: BasicRequestContext.self)
        Routes(board: board).add(to: router)
        var logger = Logger(label: "stalemate.serve")
        logger.logLevel = .warning
        return Application(
            router: router,
            // A connection idle this long closes: also one whose request never completes (slow
            // clients), as the handler counts activity in whole request parts.
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(options.idleTimeoutSeconds)))),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "stalemate"),
            services: [BoardService(board: board)],
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? options.port) },
            logger: logger)
    }

    /// Runs the server until SIGTERM or SIGINT.
    public static func run(options: ServerOptions, store: Store?, onRunning: @escaping @Sendable (Int) async -> Void)
        async throws
    {
        try await application(options: options, store: store, onRunning: onRunning).runService()
    }
}

/// Stops the job board when the server shuts down gracefully.
struct BoardService: Service {
    let board: JobBoard

    func run() async throws {
        try? await gracefulShutdown()
        await board.shutdown()
    }
}

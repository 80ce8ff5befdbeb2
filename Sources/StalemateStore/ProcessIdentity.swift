import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who is writing an experiment: the process id, the host, and a token that tells this
/// process apart from a later one that reuses its id (on Linux: the boot id and the
/// process's start time in clock ticks since boot, from /proc).
public struct ProcessIdentity: Sendable, Equatable {
    public var pid: Int32
    public var host: String
    public var token: String

    public init(pid: Int32, host: String, token: String) {
        self.pid = pid
        self.host = host
        self.token = token
    }

    /// This process.
    public static var current: ProcessIdentity {
        let pid = getpid()
        return ProcessIdentity(pid: pid, host: hostName, token: token(of: pid) ?? "")
    }

    public static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The boot id and start time of `pid`, or nil where /proc is not available.
    static func token(of pid: Int32) -> String? {
        guard
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name (which may contain spaces): state is field 3,
        // starttime field 22, i.e. index 19 after ")".
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        let boot =
            (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return "\(boot)/\(fields[19])"
    }

    /// Whether the process that wrote this identity may still be running: false when it is
    /// on this host and its id is gone (or now belongs to another process). Processes on
    /// other hosts cannot be checked and count as alive.
    public var isAlive: Bool {
        guard host == Self.hostName else { return true }
        if kill(pid, 0) != 0 && errno == ESRCH { return false }
        // A zombie (killed, not yet reaped by its parent) is dead for our purposes.
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")"),
            stat[stat.index(after: close)...].split(separator: " ").first == "Z"
        {
            return false
        }
        guard !token.isEmpty, let now = Self.token(of: pid) else { return true }
        return now == token
    }
}

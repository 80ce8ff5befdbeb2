import Foundation

/// Runs Debian's headless Chromium on report files, with a timeout.
///
/// With `--enable-logging=stderr`, Chromium writes every message a page sends to the
/// console (log, warn and error alike, and uncaught exceptions as `"Uncaught …"`) to stderr
/// as a line like
/// `[pid:tid:date:INFO:CONSOLE:12] "Uncaught ReferenceError: x is not defined", source: file:///…/r.html (12)`.
/// Reports never write to the console, so any such line counts as a console error.
struct Chromium {
    /// What one run printed.
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool

        /// The console lines on stderr (see the type's documentation).
        var consoleLines: [String] {
            stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") }
        }
    }

    /// The executable.
    let path: String

    /// Chromium from `PATH` (`chromium`, then `chromium-browser`), or `nil`.
    static func locate() -> Chromium? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser"] {
            for directory in directories {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return Chromium(path: candidate) }
            }
        }
        return nil
    }

    /// Whether the browser tests are switched off by `STALEMATE_SKIP_BROWSER=1`.
    static var skipped: Bool { ProcessInfo.processInfo.environment["STALEMATE_SKIP_BROWSER"] == "1" }

    /// Whether a missing Chromium is a failure (`STALEMATE_REQUIRE_BROWSER=1`, set by CI).
    static var required: Bool { ProcessInfo.processInfo.environment["STALEMATE_REQUIRE_BROWSER"] == "1" }

    /// Whether the browser tests run: Chromium is installed or required, and not switched off.
    /// Without it a fresh machine skips them with one line instead of failing.
    static var testsRun: Bool { !skipped && (required || locate() != nil) }

    /// Where screenshots and rendered reports are kept: `$STALEMATE_ARTIFACTS`, or
    /// `stalemate-artifacts` in the system temporary directory.
    static var artifactDirectory: URL {
        let url =
            ProcessInfo.processInfo.environment["STALEMATE_ARTIFACTS"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("stalemate-artifacts")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Loads `file` headless and returns the DOM after scripts ran (`--dump-dom`).
    func dumpDOM(_ file: URL, timeout: Double = 60) async throws -> Output {
        try await run(["--virtual-time-budget=2000", "--dump-dom", file.absoluteString], timeout: timeout)
    }

    /// Loads `file` headless in a 1200×3000 window and writes a PNG screenshot to `png`.
    func screenshot(_ file: URL, to png: URL, timeout: Double = 60) async throws -> Output {
        try await run(
            [
                "--virtual-time-budget=2000", "--hide-scrollbars", "--window-size=1200,3000",
                "--screenshot=\(png.path)", file.absoluteString,
            ], timeout: timeout)
    }

    /// Runs Chromium with the common headless flags and its own profile directory; after
    /// `timeout` seconds it is sent SIGTERM, then SIGKILL.
    func run(_ arguments: [String], timeout: Double) async throws -> Output {
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("stalemate-chromium-\(UUID().uuidString)")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work) }
        let outURL = work.appendingPathComponent("stdout"), errURL = work.appendingPathComponent("stderr")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                "--no-first-run", "--user-data-dir=\(work.appendingPathComponent("profile").path)",
            ]
            + arguments
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                try await Task.sleep(for: .seconds(2))
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return Output(status: process.terminationStatus, stdout: stdout, stderr: stderr, timedOut: timedOut)
    }
}

import ArgumentParser
import Foundation

/// The output formats (README, "Output conventions").
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv

    /// Rejects a format the command cannot print, naming the ones it can (a usage error).
    func require(_ supported: [OutputFormat], command: String) throws {
        guard supported.contains(self) else {
            throw ValidationError(
                "\(command) prints \(supported.map(\.rawValue).joined(separator: " or ")), not \(rawValue)")
        }
    }
}

/// `--format` and `-o FILE`, declared once for every command that prints results.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, json or csv (each command says which it prints; json and csv are tidy).")
    var format: OutputFormat = .table

    @Option(name: [.short, .long], help: "Write the results to this file instead of stdout.")
    var output: String?

    /// Checks the format against what the command prints.
    func require(_ supported: [OutputFormat], command: String) throws {
        try format.require(supported, command: command)
    }

    /// Prints `text` (which ends in a newline) or writes it to `--output`.
    func emit(_ text: String) throws {
        guard let output else {
            print(text, terminator: "")
            return
        }
        try writeText(text, to: output)
        if isatty(STDERR_FILENO) != 0 {
            FileHandle.standardError.write(Data("wrote \(output)\n".utf8))
        }
    }
}

/// Writes a command's result file, or says which file could not be written and why.
func writeText(_ text: String, to path: String) throws {
    do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        throw Message("cannot write \(path): \(error.localizedDescription)")
    }
}

extension String {
    /// The text with a final newline (JSON documents are printed with one).
    var withNewline: String { hasSuffix("\n") ? self : self + "\n" }
}

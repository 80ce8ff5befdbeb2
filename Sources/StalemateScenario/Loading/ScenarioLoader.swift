import Foundation

/// Reads scenario files. Every entry point either returns a fully validated `Scenario` or
/// throws `ScenarioErrors` listing every problem found, each with file, line, column, key
/// path and a fix.
public enum ScenarioLoader {
    /// Loads the scenario file at `path`.
    public static func load(path: String) throws(ScenarioErrors) -> Scenario {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let why =
                FileReadProblem.missing(path)
                ?? error.localizedDescription.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            throw ScenarioErrors([ScenarioError(.unreadable(why), at: ScenarioLocation(file: path), keyPath: "")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioErrors([
                ScenarioError(.unreadable("the file is not UTF-8 text"), at: ScenarioLocation(file: path), keyPath: "")
            ])
        }
        var scenario = try load(text: text, fileName: path)
        scenario.baseDirectory = url.deletingLastPathComponent().path
        return scenario
    }

    /// Loads a scenario from YAML `text`; `fileName` is used in error messages.
    public static func load(text: String, fileName: String = "<text>") throws(ScenarioErrors) -> Scenario {
        var parser = ScenarioParser(file: fileName, text: text)
        if let scenario = parser.parse(), parser.errors.isEmpty { return scenario }
        throw ScenarioErrors(parser.errors.isEmpty ? [internalError(fileName)] : sorted(parser.errors))
    }

    /// Loads a scenario stored as text (e.g. in the results store): its relative file names are
    /// read from the bundle when the text is the bundled scenario of that id, else from `folder`.
    public static func reload(text: String, fileName: String, folder: String? = nil) throws(ScenarioErrors)
        -> Scenario
    {
        var scenario = try load(text: text, fileName: fileName)
        if BundledScenarios.text(of: scenario.id) == text {
            scenario.baseDirectory = BundledScenarios.url(of: scenario.id)?.deletingLastPathComponent().path
        } else {
            scenario.baseDirectory = folder
        }
        return scenario
    }

    /// Loads the bundled scenario called `name` (e.g. `kursk-2024`; see `BundledScenarios.names`).
    public static func bundled(name: String) throws(ScenarioErrors) -> Scenario {
        guard let text = BundledScenarios.text(of: name) else {
            throw ScenarioErrors([
                ScenarioError(
                    .unknownReference(kind: "bundled scenario", name: name, valid: BundledScenarios.names),
                    at: ScenarioLocation(file: name), keyPath: "")
            ])
        }
        var scenario = try load(text: text, fileName: name + ".yaml")
        scenario.baseDirectory = BundledScenarios.url(of: name)?.deletingLastPathComponent().path
        return scenario
    }

    /// Errors in file order (stable for errors on the same line).
    static func sorted(_ errors: [ScenarioError]) -> [ScenarioError] {
        errors.enumerated().sorted { l, r in
            let a = (l.element.line ?? Int.max, l.element.column ?? Int.max, l.offset)
            let b = (r.element.line ?? Int.max, r.element.column ?? Int.max, r.offset)
            return a < b
        }.map(\.element)
    }

    private static func internalError(_ file: String) -> ScenarioError {
        ScenarioError(
            .invalidValue("the scenario could not be assembled", fix: "report this as a bug, with the file"),
            at: ScenarioLocation(file: file), keyPath: "")
    }
}

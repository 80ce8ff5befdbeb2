import Foundation

/// The scenarios shipped in the module's `Bundled/` resource folder.
public enum BundledScenarios {
    /// Names of the bundled scenarios (file names without `.yaml`), sorted.
    public static var names: [String] {
        guard let folder = folder,
            let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The file of bundled scenario `name`, if it exists.
    public static func url(of name: String) -> URL? {
        guard names.contains(name) else { return nil }
        return folder?.appendingPathComponent(name + ".yaml")
    }

    /// The YAML text of bundled scenario `name`, if it exists.
    public static func text(of name: String) -> String? {
        url(of: name).flatMap { try? String(contentsOf: $0, encoding: .utf8) }
    }

    private static var folder: URL? { Bundle.module.url(forResource: "Bundled", withExtension: nil) }
}

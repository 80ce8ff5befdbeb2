import Foundation

/// Why a file could not be read, in words a user can act on.
public enum FileReadProblem {
    /// "there is no file at this path" or "this is a folder, not a file", when either is why
    /// `path` could not be read; nil otherwise (the caller words the other reasons).
    public static func missing(_ path: String) -> String? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return "there is no file at this path"
        }
        return isFolder.boolValue ? "this is a folder, not a file" : nil
    }
}

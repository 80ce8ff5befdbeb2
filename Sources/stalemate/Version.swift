/// The program version recorded with results.
enum StalemateVersion {
    static let current = "0.1.0"
}

/// The program version recorded with results and reports.
public enum StalemateVersion {
    public static let current = "0.2.0"
}

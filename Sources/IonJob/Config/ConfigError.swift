import IonCore

/// A problem in a job file, at a line, with what was expected.
public struct ConfigError: IonScopeError {
    public var path: String
    public var line: Int?
    public var message: String
    public init(path: String, line: Int?, _ message: String) {
        self.path = path; self.line = line; self.message = message
    }
    public var category: ErrorCategory { .usage }
    public var description: String { line.map { "\(path):\($0): \(message)" } ?? "\(path): \(message)" }
}

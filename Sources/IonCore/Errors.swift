/// Every error IonScope throws conforms to this protocol: a message a user can act on.
public protocol IonScopeError: Error, CustomStringConvertible, Sendable {}

extension IonScopeError {
    public var localizedDescription: String { description }
}

/// A file could not be opened, read or written.
public struct FileError: IonScopeError {
    public var path: String
    public var message: String
    public init(path: String, _ message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): \(message)" }
}

/// A file's content does not follow its format. Names the file and, where known, the frame
/// (counted from 0) and line (counted from 1), and says what was expected.
public struct FormatError: IonScopeError {
    public var path: String
    public var frame: Int?
    public var line: Int?
    public var message: String
    /// True when the file ends inside a frame: the frames before it are good.
    public var isTruncation: Bool
    public init(path: String, frame: Int? = nil, line: Int? = nil, truncation: Bool = false,
                _ message: String) {
        self.path = path; self.frame = frame; self.line = line; self.message = message
        self.isTruncation = truncation
    }
    public var description: String {
        var place = path
        if let frame { place += ", frame \(frame)" }
        if let line { place += ", line \(line)" }
        return "\(place): \(message)"
    }
}

/// Inputs that are each well formed but do not fit together (a topology with another atom
/// count than the trajectory, a missing box where one is needed, an unknown unit system).
public struct InputError: IonScopeError {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Every error IonScope throws conforms to this protocol: a message a user can act on, and the
/// class of problem, which fixes the process's exit status.
public protocol IonScopeError: Error, CustomStringConvertible, Sendable {
    var category: ErrorCategory { get }
}

extension IonScopeError {
    public var localizedDescription: String { description }
}

/// The classes of error, each with a stable name and exit status (README, "Exit status").
public enum ErrorCategory: String, Sendable, CaseIterable, Codable {
    /// The command line, a job file or a selection asks for something impossible.
    case usage
    /// A file is missing, unreadable, or does not follow its format.
    case inputFile = "input-file"
    /// Files that are each well formed do not fit together or lack what the analysis needs.
    case inputData = "input-data"
    /// The data are read but the numbers cannot be computed (too few frames, no fit).
    case numerical
    /// The output directory cannot be written or would replace data that is not IonScope's.
    case output
    /// A defect in IonScope itself: please report it.
    case `internal`

    /// The process exit status (sysexits.h where one fits).
    public var exitStatus: Int32 {
        switch self {
        case .usage: return 64  // EX_USAGE, as the argument parser's own errors
        case .inputData: return 65  // EX_DATAERR
        case .inputFile: return 66  // EX_NOINPUT
        case .numerical: return 67
        case .internal: return 70  // EX_SOFTWARE
        case .output: return 73  // EX_CANTCREAT
        }
    }
}

/// A defect: a state IonScope should never reach.
public struct InternalError: IonScopeError {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var category: ErrorCategory { .internal }
    public var description: String { "internal error (please report it): \(message)" }
}

/// Numbers that cannot be computed from data that were read correctly.
public struct NumericalError: IonScopeError {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var category: ErrorCategory { .numerical }
    public var description: String { message }
}

/// A file could not be opened, read or written.
public struct FileError: IonScopeError {
    public var path: String
    public var message: String
    public init(path: String, _ message: String) { self.path = path; self.message = message }
    public var category: ErrorCategory { .inputFile }
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
    public init(
        path: String, frame: Int? = nil, line: Int? = nil, truncation: Bool = false,
        _ message: String
    ) {
        self.path = path; self.frame = frame; self.line = line; self.message = message
        self.isTruncation = truncation
    }
    public var category: ErrorCategory { .inputFile }
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
    public var category: ErrorCategory { .inputData }
    public var description: String { message }
}

/// The results cannot be written where asked: the directory exists, is not IonScope's, or is not
/// writable.
public struct OutputError: IonScopeError {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var category: ErrorCategory { .output }
    public var description: String { message }
}

/// A short, printable excerpt of text from an input, for an error message: control characters
/// (terminal escapes, NUL) written as \u{…}, and at most `limit` characters, with the full
/// length said when cut.
public func excerpt(_ text: some StringProtocol, limit: Int = 60) -> String {
    var out = ""
    var count = 0
    for scalar in text.unicodeScalars {
        if count == limit {
            return out + "… (\(text.utf8.count) bytes)"
        }
        if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
            out += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
            out.unicodeScalars.append(scalar)
        }
        count += 1
    }
    return out
}

/// A message as it may reach a terminal: control characters other than newlines escaped (so that
/// escape sequences from a file cannot act on the terminal), every quoted excerpt ('…', opened
/// after a space or punctuation, closed by a quote not followed by a letter) longer than 80
/// characters cut to 60 with its length said, and the whole cut after 2000 characters.
public func terminalSafe(_ message: String) -> String {
    var out = ""
    var quote: (head: String, characters: Int, bytes: Int)?  // the quote being read
    var closing = false  // a quote was seen inside one: it closes unless a letter follows
    var previous: Character?
    func emit(_ c: Character) { out += c == "\n" ? "\n" : excerpt(String(c), limit: 8) }
    func closeQuote() {
        guard let q = quote else { return }
        out += "'" + excerpt(q.head, limit: 80) + (q.characters > 80 ? "… (\(q.bytes) bytes)" : "") + "'"
        quote = nil
    }
    for c in message {
        if out.count > 2000 { break }
        if closing {
            closing = false
            if c.isLetter {
                quote!.characters += 1; quote!.bytes += 1
                if quote!.characters <= 80 { quote!.head.append("'") }
            } else {
                closeQuote()
            }
        }
        if quote != nil {
            if c == "'" {
                closing = true
            } else {
                quote!.characters += 1; quote!.bytes += c.utf8.count
                if quote!.characters <= 80 { quote!.head.append(c) }
                if quote!.characters == 81 { quote!.head = String(quote!.head.prefix(60)) }
            }
        } else if c == "'" && !(previous.map { $0.isLetter || $0.isNumber } ?? false) {
            quote = ("", 0, 0)
        } else {
            emit(c)
        }
        previous = c
    }
    if quote != nil { closeQuote() }
    return out.count > 2000 ? String(out.prefix(2000)) + "… (\(message.utf8.count) bytes in all)" : out
}

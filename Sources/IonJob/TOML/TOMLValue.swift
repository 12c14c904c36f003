/// A TOML value with the line it was written on (1-based), so configuration errors can point at
/// the place in the file.
public indirect enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([TOMLValue], line: Int)
    case table(TOMLTable)

    /// Name of the value's type as a user reads it in a message.
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number"
        case .boolean: "true or false"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A TOML table: keys in the order written, each with its value and line.
public struct TOMLTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: TOMLValue
        /// Line of the key (1-based).
        public var line: Int
    }
    public private(set) var entries: [Entry] = []
    /// Line of the table's header, or of its first key for the root and inline tables.
    public var line: Int
    /// Whether the table was opened by a `[header]` (may not be opened twice) or implicitly.
    var isExplicit = false

    public init(line: Int) { self.line = line }

    public subscript(key: String) -> TOMLValue? { entries.first { $0.key == key }?.value }
    public func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }
    public var keys: [String] { entries.map(\.key) }

    mutating func set(_ key: String, _ value: TOMLValue, line: Int) {
        entries.append(Entry(key: key, value: value, line: line))
    }

    mutating func replace(_ key: String, _ value: TOMLValue) {
        if let index = entries.firstIndex(where: { $0.key == key }) { entries[index].value = value }
    }
}

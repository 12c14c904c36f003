/// Typed, checked access to one table of a job file. Every key read is remembered, so
/// ``finish()`` can reject keys the table does not know, naming the line and the known keys.
struct ConfigTable {
    let table: TOMLTable
    /// How the table is named in messages, e.g. "[[msd]] #2" or "[input]".
    let name: String
    let path: String
    private(set) var used: Set<String> = []

    init(_ table: TOMLTable, name: String, path: String) { self.table = table; self.name = name; self.path = path }

    func error(_ key: String?, _ message: String) -> ConfigError {
        let line = key.flatMap { table.entry($0)?.line } ?? table.line
        return ConfigError(
            path: path, line: line, key.map { "\(name) key '\($0)': \(message)" } ?? "\(name): \(message)")
    }

    private mutating func value(_ key: String) -> TOMLValue? { used.insert(key); return table[key] }

    /// Accepts `key` without reading it here (its value is read elsewhere).
    mutating func markKnown(_ key: String) { used.insert(key) }

    mutating func string(_ key: String) throws(ConfigError) -> String? {
        switch value(key) {
        case nil: return nil
        case .string(let s)?: return s
        case let other?: throw error(key, "expected a string in quotes, got \(other.typeName)")
        }
    }

    mutating func requiredString(_ key: String) throws(ConfigError) -> String {
        guard let s = try string(key) else { throw error(nil, "the key '\(key)' is missing") }
        return s
    }

    mutating func double(_ key: String, positive: Bool = false) throws(ConfigError) -> Double? {
        let number: Double
        switch value(key) {
        case nil: return nil
        case .integer(let i)?: number = Double(i)
        case .float(let d)?: number = d
        case let other?: throw error(key, "expected a number, got \(other.typeName)")
        }
        guard number.isFinite else { throw error(key, "expected a finite number") }
        if positive && !(number > 0) { throw error(key, "must be positive; got \(number)") }
        return number
    }

    mutating func integer(_ key: String, minimum: Int? = nil) throws(ConfigError) -> Int? {
        switch value(key) {
        case nil: return nil
        case .integer(let i)?:
            if let minimum, i < minimum { throw error(key, "must be \(minimum) or more; got \(i)") }
            return i
        case let other?: throw error(key, "expected an integer, got \(other.typeName)")
        }
    }

    mutating func bool(_ key: String) throws(ConfigError) -> Bool? {
        switch value(key) {
        case nil: return nil
        case .boolean(let b)?: return b
        case let other?: throw error(key, "expected true or false, got \(other.typeName)")
        }
    }

    /// A number or an array of numbers.
    mutating func doubles(_ key: String) throws(ConfigError) -> [Double]? {
        switch value(key) {
        case nil: return nil
        case .integer(let i)?: return [Double(i)]
        case .float(let x)?: return [x]
        case .array(let items, _)?:
            var out: [Double] = []
            for item in items {
                switch item {
                case .integer(let i): out.append(Double(i))
                case .float(let x) where x.isFinite: out.append(x)
                default: throw error(key, "expected an array of numbers; found \(item.typeName)")
                }
            }
            return out
        case let other?: throw error(key, "expected an array of numbers, got \(other.typeName)")
        }
    }

    /// A string or an array of strings.
    mutating func strings(_ key: String) throws(ConfigError) -> [String]? {
        switch value(key) {
        case nil: return nil
        case .string(let s)?: return [s]
        case .array(let items, _)?:
            var out: [String] = []
            for item in items {
                guard case .string(let s) = item else {
                    throw error(key, "expected an array of strings; found \(item.typeName)")
                }
                out.append(s)
            }
            return out
        case let other?: throw error(key, "expected a string or an array of strings, got \(other.typeName)")
        }
    }

    mutating func subtable(_ key: String) throws(ConfigError) -> ConfigTable? {
        switch value(key) {
        case nil: return nil
        case .table(let t)?: return ConfigTable(t, name: "[\(key)]", path: path)
        case let other?: throw error(key, "expected a table, got \(other.typeName)")
        }
    }

    /// Rejects keys that were never read.
    func finish() throws(ConfigError) {
        for entry in table.entries where !used.contains(entry.key) {
            let known = used.sorted().joined(separator: ", ")
            let hint = closest(entry.key, in: Array(used)).map { " (did you mean '\($0)'?)" } ?? ""
            throw ConfigError(
                path: path, line: entry.line, "\(name): unknown key '\(entry.key)'\(hint); known keys: \(known)")
        }
    }
}

/// The candidate within edit distance 2 of `word`, if any.
func closest(_ word: String, in candidates: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var previous = row[0]; row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
    let scored = candidates.map { ($0, distance(Array(word), Array($0))) }.filter { $0.1 <= 2 }
    return scored.min { $0.1 < $1.1 }?.0
}

/// Reads an analysis' declared settings from its job-file table: the same checks as the command
/// line (``SettingParser``), with errors at the key's line.
extension ConfigTable {
    mutating func settings(_ declared: [Setting], parser: SettingParser, temperature: Double?) throws(ConfigError)
        -> SettingValues
    {
        var values: [String: SettingValue] = [:]
        for setting in declared {
            for old in setting.formerly where table[old] != nil {
                throw error(old, "renamed '\(setting.key)'")
            }
            markKnown(setting.key)
            guard let raw = table[setting.key] else {
                if setting.required { throw error(nil, "the key '\(setting.key)' is missing (\(setting.help))") }
                continue
            }
            do { values[setting.key] = try Self.convert(raw, setting.kind, parser) } catch let problem {
                throw error(setting.key, problem.message)
            }
        }
        try finish()
        return SettingValues(declared: declared, values: values, temperature: temperature)
    }

    private static func convert(_ raw: TOMLValue, _ kind: SettingKind, _ parser: SettingParser) throws(SettingError)
        -> SettingValue
    {
        func wrong(_ expected: String) -> SettingError {
            SettingError(nil, "expected \(expected), got \(raw.typeName)")
        }
        func number(_ value: TOMLValue, _ rule: NumberRule) throws(SettingError) -> Double {
            switch value {
            case .integer(let i): return try parser.number(Double(i), rule)
            case .float(let x): return try parser.number(x, rule)
            default: throw SettingError(nil, "expected a number, got \(value.typeName)")
            }
        }
        func strings() throws(SettingError) -> [String] {
            switch raw {
            case .string(let s): return [s]
            case .array(let items, _):
                var out: [String] = []
                for item in items {
                    guard case .string(let s) = item else {
                        throw SettingError(nil, "expected an array of strings; found \(item.typeName)")
                    }
                    out.append(s)
                }
                return out
            default: throw wrong("a string or an array of strings")
            }
        }
        switch kind {
        case .flag:
            guard case .boolean(let b) = raw else { throw wrong("true or false") }
            return .bool(b)
        case .integer(let minimum, let maximum):
            guard case .integer(let i) = raw else { throw wrong("an integer") }
            return .integer(try parser.integer(i, minimum: minimum, maximum: maximum))
        case .number(let rule):
            return .number(try number(raw, rule))
        case .text:
            guard case .string(let s) = raw else { throw wrong("a string in quotes") }
            return .text(s)
        case .file:
            guard case .string(let s) = raw else { throw wrong("a file name in quotes") }
            return .text(parser.file(s))
        case .files:
            return .texts(try strings().map(parser.file))
        case .choice(let words):
            guard case .string(let s) = raw else { throw wrong("a string in quotes") }
            return .text(try parser.choice(s, words))
        case .selection:
            guard case .string(let s) = raw else { throw wrong("a selection in quotes") }
            return .selection(NamedSelection(name: s, selection: try parser.selection(s)))
        case .wordOrSelection(let words):
            guard case .string(let s) = raw else { throw wrong("a string in quotes") }
            return words.contains(s)
                ? .text(s) : .selection(NamedSelection(name: s, selection: try parser.selection(s)))
        case .species:
            let items = try strings()
            guard !items.isEmpty else { throw SettingError(nil, "give at least one group") }
            var out: [NamedSelection] = []
            for item in items { out.append(try parser.namedSelection(item)) }
            return .species(out)
        case .numbers(let rule, let count):
            switch raw {
            case .array(let items, _):
                var out: [Double] = []
                for item in items { out.append(try number(item, rule)) }
                return .numbers(try parser.counted(out, count))
            default: return .numbers(try parser.counted([try number(raw, rule)], count))
            }
        case .keyedNumbers(let rule):
            if case .table(let t) = raw {
                var keyed = KeyedNumbers()
                for entry in t.entries { keyed.byKey.append((entry.key, try number(entry.value, rule))) }
                return .keyedNumbers(keyed)
            }
            return .keyedNumbers(KeyedNumbers(all: try number(raw, rule)))
        case .texts:
            return .texts(try strings())
        }
    }
}

import IonCore

/// Reads declared settings from command-line arguments: `--fit-start 20`, `--fit-start=20`,
/// `--molecules`, repeated `--species 'Li=type 1'`; other arguments are the input files.
/// The same checks as a job file (``SettingParser``).
public struct ArgumentSettings: Sendable {
    /// Values of the settings given, by key.
    public var values: [String: SettingValue]
    /// The arguments that are not options, in order.
    public var positional: [String]

    public init(_ arguments: [String], declared: [Setting]) throws(SettingError) {
        let parser = SettingParser(named: [:])
        var byOption: [String: Setting] = [:]
        var renamed: [String: String] = [:]
        for setting in declared {
            byOption[setting.option] = setting
            for old in setting.formerly { renamed[Setting.option(old)] = setting.option }
        }
        values = [:]
        positional = []
        var k = 0
        while k < arguments.count {
            let argument = arguments[k]
            k += 1
            guard argument.hasPrefix("--"), argument.count > 2 else {
                if argument.hasPrefix("-"), argument.count > 1, Double(argument) == nil {
                    throw SettingError(nil, "unknown option '\(argument)'")
                }
                positional.append(argument)
                continue
            }
            var name = argument, inline: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals]); inline = String(argument[argument.index(after: equals)...])
            }
            guard let setting = byOption[name] else {
                if let now = renamed[name] { throw SettingError(nil, "\(name) is now \(now)") }
                let hint = closest(name, in: Array(byOption.keys)).map { " (did you mean \($0)?)" } ?? ""
                throw SettingError(nil, "unknown option '\(name)'\(hint)")
            }
            if case .flag = setting.kind {
                guard inline == nil else { throw SettingError(setting.key, "is a switch and takes no value") }
                values[setting.key] = .bool(true)
                continue
            }
            let text: String
            if let inline {
                text = inline
            } else {
                guard k < arguments.count else {
                    throw SettingError(setting.key, "needs a value (\(setting.kind.placeholder))")
                }
                text = arguments[k]; k += 1
            }
            // A single-valued option given again replaces the earlier value, as in most tools.
            if !setting.kind.repeats { values[setting.key] = nil }
            do {
                values[setting.key] = try Self.convert(text, setting.kind, adding: values[setting.key], parser)
            } catch let problem {
                throw SettingError(setting.key, problem.message)
            }
        }
        for setting in declared where setting.required && values[setting.key] == nil {
            throw SettingError(setting.key, "is required (\(setting.help))")
        }
    }

    private static func convert(
        _ text: String, _ kind: SettingKind, adding earlier: SettingValue?,
        _ parser: SettingParser
    ) throws(SettingError) -> SettingValue {
        switch kind {
        case .flag: return .bool(true)
        case .integer(let minimum, let maximum):
            guard let i = Int(text) else {
                throw SettingError(nil, "expected an integer from \(minimum) to \(maximum); got '\(excerpt(text))'")
            }
            return .integer(try parser.integer(i, minimum: minimum, maximum: maximum))
        case .number(let rule): return .number(try parser.number(text, rule))
        case .text, .file: return .text(text)
        case .choice(let words): return .text(try parser.choice(text, words))
        case .selection: return .selection(NamedSelection(name: text, selection: try parser.selection(text)))
        case .wordOrSelection(let words):
            return words.contains(text)
                ? .text(text) : .selection(NamedSelection(name: text, selection: try parser.selection(text)))
        case .species:
            var list: [NamedSelection] = []
            if case .species(let old)? = earlier { list = old }
            list.append(try parser.namedSelection(text))
            return .species(list)
        case .numbers(let rule, let count):
            var list: [Double] = []
            if case .numbers(let old)? = earlier { list = old }
            for part in text.split(separator: ",") { list.append(try parser.number(String(part), rule)) }
            if let count, list.count > count { throw SettingError(nil, "expected \(count) numbers; got \(list.count)") }
            return .numbers(list)
        case .keyedNumbers(let rule):
            var keyed = KeyedNumbers()
            if case .keyedNumbers(let old)? = earlier { keyed = old }
            try parser.keyedNumber(text, rule, into: &keyed)
            return .keyedNumbers(keyed)
        case .texts, .files:
            var list: [String] = []
            if case .texts(let old)? = earlier { list = old }
            return .texts(list + [text])
        }
    }

    /// The values of `declared`, for an analysis.
    public func values(for declared: [Setting], temperature: Double?) throws(SettingError) -> SettingValues {
        for setting in declared {
            if case .numbers(_, let count?) = setting.kind, case .numbers(let list)? = values[setting.key],
                list.count != count
            {
                throw SettingError(setting.key, "expected \(count) numbers; got \(list.count)")
            }
        }
        let keys = Set(declared.map(\.key))
        return SettingValues(
            declared: declared, values: values.filter { keys.contains($0.key) }, temperature: temperature)
    }
}

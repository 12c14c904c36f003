import Foundation
import IonCore

/// One setting of an analysis, declared once: the job file's key and the command line's option
/// are derived from it (`fit_start` in a table, `--fit-start` on the command line), with one
/// default, one unit, one help text and one check.
public struct Setting: Sendable {
    /// The job-file key, snake_case.
    public let key: String
    public let kind: SettingKind
    public let help: String
    /// Unit of a number, shown in help ("ps", "Å"); nil for none.
    public let unit: String?
    /// The value when the setting is absent; nil: absent stays absent (an optional setting).
    public let defaultValue: SettingValue?
    /// Whether the setting must be given.
    public let required: Bool
    /// Earlier names of the setting, answered with "renamed" instead of "unknown".
    public let formerly: [String]

    public init(
        _ key: String, _ kind: SettingKind, unit: String? = nil, default defaultValue: SettingValue? = nil,
        required: Bool = false, formerly: [String] = [], help: String
    ) {
        self.key = key; self.kind = kind; self.help = help; self.unit = unit
        self.defaultValue = defaultValue; self.required = required; self.formerly = formerly
    }

    /// The command-line spelling: `--` and the key with dashes for underscores.
    public var option: String { Setting.option(key) }

    /// How the value is written in help ("X", "SELECTION"); empty for a switch.
    public var kindPlaceholder: String { kind.placeholder }

    /// The default as help shows it; nil when there is none (or a switch, off by default).
    public var defaultText: String? {
        switch defaultValue {
        case .integer(let i)?: return String(i)
        case .number(let x)?: return x == x.rounded() && abs(x) < 1e6 ? String(Int(x)) : String(x)
        case .text(let t)?: return t
        case .numbers(let list)?: return list.map { String(format: "%.4g", $0) }.joined(separator: ",")
        default: return nil
        }
    }

    static func option(_ key: String) -> String { "--" + key.replacingOccurrences(of: "_", with: "-") }

    /// A true/false switch (a bare `--flag` on the command line); false unless given.
    public static func flag(_ key: String, formerly: [String] = [], help: String) -> Setting {
        Setting(key, .flag, default: .bool(false), formerly: formerly, help: help)
    }
}

/// What a setting holds and how its text is checked.
public enum SettingKind: Sendable {
    case flag
    /// An integer in minimum...maximum (the maximum bounds what a setting may allocate or run).
    case integer(minimum: Int, maximum: Int = 1_000_000)
    case number(NumberRule)
    case text
    /// One of the listed words.
    case choice([String])
    /// A named selection of the job's `[selections]`, or a selection expression.
    case selection
    /// One of the listed words, or else a selection (`drift = "system"`, `"none"` or `"type 7"`).
    case wordOrSelection([String])
    /// Named groups, each `NAME=SELECTION` or a named selection (whose name it keeps); repeat the
    /// option on the command line, an array in a job file.
    case species
    /// Numbers, comma-separated on the command line (or the option repeated), an array in a job
    /// file; `count` fixes how many.
    case numbers(NumberRule, count: Int?)
    /// One number for every key and/or `KEY=number` for one: `--cutoff 6.3`, `--cutoff Li:TFSI=6.3`;
    /// in a job file a number or a table `{ "Li:TFSI" = 6.3 }`.
    case keyedNumbers(NumberRule)
    /// Several strings (column names), shown in help as `placeholder`; repeat the option, an
    /// array in a job file.
    case texts(placeholder: String)
    /// A file name: relative to the current directory on the command line, to the job file's
    /// folder in a job file (as its trajectories are).
    case file
    /// Several file names, read as ``file``; repeat the option, an array in a job file.
    case files

    /// How the value is written in help.
    var placeholder: String {
        switch self {
        case .flag: return ""
        case .integer: return "N"
        case .number: return "X"
        case .text: return "TEXT"
        case .choice(let words): return words.joined(separator: "|")
        case .selection: return "SELECTION"
        case .wordOrSelection(let words): return words.joined(separator: "|") + "|SELECTION"
        case .species: return "NAME=SELECTION"
        case .numbers(_, let count): return count == 2 ? "X,Y" : "X,…"
        case .keyedNumbers: return "X|KEY=X"
        case .texts(let placeholder): return placeholder
        case .file, .files: return "FILE"
        }
    }

    /// Whether the option may be given more than once on the command line.
    var repeats: Bool {
        switch self {
        case .species, .numbers, .keyedNumbers, .texts, .files: return true
        default: return false
        }
    }
}

/// Which numbers a numeric setting accepts.
public enum NumberRule: Sendable {
    case any, positive, nonNegative
    /// 0 < x ≤ 1.
    case fraction

    /// Nil when `x` is acceptable, else what is expected.
    func violation(_ x: Double) -> String? {
        guard x.isFinite else { return "expected a finite number" }
        switch self {
        case .any: return nil
        case .positive: return x > 0 ? nil : "must be positive; got \(x)"
        case .nonNegative: return x >= 0 ? nil : "must be 0 or more; got \(x)"
        case .fraction: return x > 0 && x <= 1 ? nil : "must lie in (0, 1]; got \(x)"
        }
    }
}

/// A named group: `Li=type 1`, or the named selection `Li`.
public struct NamedSelection: Sendable {
    public var name: String
    public var selection: Selection
    public init(name: String, selection: Selection) { self.name = name; self.selection = selection }
}

/// One number for every key and numbers for some keys.
public struct KeyedNumbers: Sendable {
    public var all: Double?
    public var byKey: [(key: String, value: Double)]
    public init(all: Double? = nil, byKey: [(key: String, value: Double)] = []) { self.all = all; self.byKey = byKey }
    /// The number for `key`: its own, else the one for every key.
    public func value(for key: String) -> Double? { byKey.last { $0.key == key }?.value ?? all }
}

/// A checked setting value.
public enum SettingValue: Sendable {
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case text(String)
    /// The selection with the text as written (a name of `[selections]` or the expression).
    case selection(NamedSelection)
    case species([NamedSelection])
    case numbers([Double])
    case keyedNumbers(KeyedNumbers)
    case texts([String])
}

/// A setting's value, or a combination of settings, that the analysis cannot use; the job
/// reader adds the file and line, the command line the option's name.
public struct SettingError: IonScopeError {
    /// The key at fault; nil for the table as a whole.
    public var key: String?
    public var message: String
    public init(_ key: String?, _ message: String) { self.key = key; self.message = message }
    public var category: ErrorCategory { .usage }
    public var description: String { key.map { "\(Setting.option($0)): \(message)" } ?? message }
}

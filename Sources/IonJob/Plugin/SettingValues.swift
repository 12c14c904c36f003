import Foundation
import IonCore

/// The checked settings of one analysis, from a job-file table or the command line, with every
/// declared default filled in. Reading a key the analysis did not declare is a programming
/// error (the registry test reads every plug-in's settings).
public struct SettingValues: Sendable {
    public let declared: [Setting]
    private var values: [String: SettingValue]
    /// Keys given explicitly (not defaults).
    public let given: Set<String>
    /// Temperature of the run, K (reduced for LAMMPS lj), from `[input]` or `--temperature`.
    public let temperature: Double?

    init(declared: [Setting], values: [String: SettingValue], temperature: Double?) {
        self.declared = declared
        self.given = Set(values.keys)
        var filled = values
        for setting in declared where filled[setting.key] == nil {
            if let value = setting.defaultValue { filled[setting.key] = value }
        }
        self.values = filled
        self.temperature = temperature
    }

    private func value(_ key: String) -> SettingValue? {
        // A programming error the registry test catches (debug builds stop here); a release build
        // answers as for an absent setting rather than crash.
        assert(declared.contains { $0.key == key }, "the setting '\(key)' is read but not declared")
        return values[key]
    }

    public func bool(_ key: String) -> Bool {
        if case .bool(let b)? = value(key) { return b }
        return false
    }
    public func integer(_ key: String) -> Int? {
        if case .integer(let i)? = value(key) { return i }
        return nil
    }
    public func number(_ key: String) -> Double? {
        if case .number(let x)? = value(key) { return x }
        return nil
    }
    public func text(_ key: String) -> String? {
        if case .text(let s)? = value(key) { return s }
        return nil
    }
    public func selection(_ key: String) -> Selection? {
        if case .selection(let s)? = value(key) { return s.selection }
        return nil
    }
    /// A selection setting as written: the name from `[selections]`, or the expression.
    public func written(_ key: String) -> String? {
        if case .selection(let s)? = value(key) { return s.name }
        return nil
    }
    public func species(_ key: String) -> [NamedSelection] {
        if case .species(let s)? = value(key) { return s }
        return []
    }
    public func numbers(_ key: String) -> [Double]? {
        if case .numbers(let x)? = value(key) { return x }
        return nil
    }
    public func keyedNumbers(_ key: String) -> KeyedNumbers {
        if case .keyedNumbers(let k)? = value(key) { return k }
        return KeyedNumbers()
    }
    public func texts(_ key: String) -> [String] {
        if case .texts(let t)? = value(key) { return t }
        return []
    }

    /// The selection of a required selection setting.
    public func requiredSelection(_ key: String) throws -> Selection {
        guard let selection = selection(key) else { throw SettingError(key, "is required") }
        return selection
    }

    /// The temperature, or an error saying where to give it.
    public func requiredTemperature(for purpose: String) throws -> Double {
        guard let temperature else {
            throw SettingError(
                nil,
                "\(purpose) needs the temperature: --temperature K on the command line, temperature = … in a job's [input]"
            )
        }
        return temperature
    }
}

/// Turns the text of one setting into its checked value: the one set of rules behind both the
/// job file and the command line.
struct SettingParser {
    /// Named selections of the job (none on the command line).
    let named: [String: Selection]
    /// The job file's folder, which anchors relative file names in it (nil on the command line,
    /// where they are relative to the current directory).
    var folder: URL? = nil

    /// A file name as the user meant it: absolute, or relative to ``folder`` where there is one.
    func file(_ text: String) -> String {
        guard let folder, !text.hasPrefix("/") else { return text }
        return folder.appendingPathComponent(text).path
    }

    /// A selection from a name or an expression.
    func selection(_ text: String) throws(SettingError) -> Selection {
        if let known = named[text] { return known }
        do { return try Selection(text) } catch {
            let names = named.keys.sorted()
            let hint = names.isEmpty ? "" : " (the named selections are: \(names.joined(separator: ", ")))"
            throw SettingError(nil, "'\(text)' is neither a named selection nor a valid selection\(hint): \(error)")
        }
    }

    /// `NAME=SELECTION`, or a named selection (keeping its name), or an expression (named by it).
    func namedSelection(_ text: String) throws(SettingError) -> NamedSelection {
        if let selection = named[text] { return NamedSelection(name: text, selection: selection) }
        if let equals = text.firstIndex(of: "=") {
            let name = text[..<equals].trimmingCharacters(in: .whitespaces)
            let rest = text[text.index(after: equals)...]
            // `charge == 1`, `mass <= 10`: a comparison, not a name.
            if !name.isEmpty, !name.contains(where: { $0 == " " || "<>!()".contains($0) }), rest.first != "=" {
                return NamedSelection(name: name, selection: try selection(String(rest)))
            }
        }
        return NamedSelection(name: text, selection: try selection(text))
    }

    func number(_ x: Double, _ rule: NumberRule) throws(SettingError) -> Double {
        if let problem = rule.violation(x) { throw SettingError(nil, problem) }
        return x
    }

    /// A number written as text (the command line).
    func number(_ text: String, _ rule: NumberRule) throws(SettingError) -> Double {
        guard let x = Double(text.trimmingCharacters(in: .whitespaces)) else {
            throw SettingError(nil, "expected a number; got '\(text)'")
        }
        return try number(x, rule)
    }

    func integer(_ i: Int, minimum: Int, maximum: Int = .max) throws(SettingError) -> Int {
        guard i >= minimum else { throw SettingError(nil, "must be \(minimum) or more; got \(i)") }
        guard i <= maximum else { throw SettingError(nil, "must be at most \(maximum); got \(i)") }
        return i
    }

    func choice(_ word: String, _ words: [String]) throws(SettingError) -> String {
        guard words.contains(word) else {
            throw SettingError(nil, "'\(word)' is not one of \(words.joined(separator: ", "))")
        }
        return word
    }

    /// `6.3` or `KEY=6.3`, added to `into`.
    func keyedNumber(_ text: String, _ rule: NumberRule, into keyed: inout KeyedNumbers) throws(SettingError) {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let value = Double(parts.last ?? "") else {
            throw SettingError(nil, "expected a number or KEY=number; got '\(text)'")
        }
        let checked = try number(value, rule)
        if parts.count == 2 { keyed.byKey.append((parts[0], checked)) } else { keyed.all = checked }
    }

    /// Checks the count of a `numbers` setting.
    func counted(_ values: [Double], _ count: Int?) throws(SettingError) -> [Double] {
        if let count, values.count != count {
            throw SettingError(nil, "expected \(count) numbers; got \(values.count)")
        }
        guard !values.isEmpty else { throw SettingError(nil, "expected at least one number") }
        return values
    }
}

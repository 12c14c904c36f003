import Foundation
import IonAnalysis
import IonCore

/// Reads the points of `ionscope arrhenius`: tables of T, value[, error], or JSON written by other
/// ionscope commands.
enum ArrheniusInput {
    /// Keys tried, in order, when no --key is given: msd, vacf, conductivity (--green-kubo).
    static let defaultKeys = ["diffusion.coefficient", "diffusion", "conductivity", "einstein.conductivity"]

    /// Points from one argument: `TABLE` (.csv, .txt, .dat, …), `FILE.json` (with a top-level
    /// "temperature") or `T:FILE.json` (temperature in K).
    static func points(_ argument: String, key: String?) throws -> [ArrheniusPoint] {
        var path = argument
        var temperature: Double?
        if let colon = argument.firstIndex(of: ":"), let t = Double(argument[..<colon]) {
            temperature = t; path = String(argument[argument.index(after: colon)...])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError(path: path, "cannot read the file")
        }
        if path.lowercased().hasSuffix(".json") {
            return [try jsonPoint(data, path: path, temperature: temperature, key: key)]
        }
        guard temperature == nil else {
            throw InputError("\(argument): T:FILE is for JSON results; a table carries its temperatures")
        }
        return try tablePoints(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Rows "T value [error]", separated by commas, tabs or spaces; '#' starts a comment; one
    /// non-numeric row before the first data row is a header.
    static func tablePoints(_ text: String, path: String) throws -> [ArrheniusPoint] {
        var points: [ArrheniusPoint] = []
        var headerSeen = false
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = line.split { $0 == "," || $0 == " " || $0 == "\t" || $0 == "\r" }.map(String.init)
            if fields.isEmpty { continue }
            let numbers = fields.map { Double($0) }
            if numbers.contains(where: { $0 == nil }) {
                if points.isEmpty && !headerSeen { headerSeen = true; continue }  // one header before the rows
                throw FormatError(path: path, line: n + 1, "expected numbers 'T value [error]', got '\(line)'")
            }
            guard (2...3).contains(numbers.count) else {
                throw FormatError(
                    path: path, line: n + 1, "expected 2 or 3 columns (T, value, error), got \(numbers.count)")
            }
            points.append(
                ArrheniusPoint(
                    temperature: numbers[0]!, value: numbers[1]!, error: numbers.count == 3 ? numbers[2]! : nil,
                    source: "\(path):\(n + 1)"))
        }
        guard !points.isEmpty else { throw FormatError(path: path, "no rows of 'T value [error]'") }
        return points
    }

    /// The estimate at `key` (a dot path) of an ionscope JSON result: a number, or an object with
    /// "value" and "uncertainty" (or "fitError"/"blockError", the larger taken).
    static func jsonPoint(_ data: Data, path: String, temperature: Double?, key: String?) throws -> ArrheniusPoint {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FormatError(path: path, "not a JSON object")
        }
        func lookup(_ dotted: String) -> Any? {
            dotted.split(separator: ".").reduce(object as Any?) { ($0 as? [String: Any])?[String($1)] }
        }
        let keys = key.map { [$0] } ?? defaultKeys
        guard
            let (found, item) = keys.lazy.compactMap({ k in lookup(k).map { (k, $0) } }).first(where: {
                estimate($0.1) != nil
            })
        else {
            throw InputError(
                "\(path): no estimate at \(keys.map { "'\($0)'" }.joined(separator: ", ")); name one with --key")
        }
        guard let t = temperature ?? (object["temperature"] as? Double) else {
            throw InputError("\(path) has no \"temperature\"; write it as T:\(path)")
        }
        let (value, error) = estimate(item)!
        return ArrheniusPoint(temperature: t, value: value, error: error, source: "\(path) [\(found)]")
    }

    private static func estimate(_ item: Any) -> (Double, Double?)? {
        if let number = item as? Double { return (number, nil) }
        guard let dictionary = item as? [String: Any], let value = dictionary["value"] as? Double else { return nil }
        let errors = ["uncertainty", "fitError", "blockError"].compactMap { dictionary[$0] as? Double }
        return (value, errors.max())
    }
}

import ArgumentParser
import Foundation
import IonCore

/// Prints a result as pretty JSON on stdout.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write("\n".data(using: .utf8)!)
}

/// Writes a line to stderr.
func printError(_ text: String) {
    FileHandle.standardError.write((text + "\n").data(using: .utf8)!)
}

/// A number with `digits` significant figures, for tables.
func format(_ value: Double, _ digits: Int = 4) -> String {
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e-3 && magnitude < 1e6 {
        let decimals = max(0, digits - 1 - Int(floor(log10(magnitude))))
        return String(format: "%.\(decimals)f", value)
    }
    return String(format: "%.\(digits - 1)e", value)
}

/// Runs `body`, turning IonScope's errors into a clean message and exit code 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as any IonScopeError {
        printError("error: \(error.description)")
        throw ExitCode.failure
    }
}

import ArgumentParser
import Foundation
import IonCore

/// Prints a result as pretty JSON on stdout.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write("\n".data(using: .utf8)!)
}

/// Writes a line to stderr, made safe for a terminal (``terminalSafe(_:)``).
func printError(_ text: String) {
    FileHandle.standardError.write((terminalSafe(text) + "\n").data(using: .utf8)!)
}

/// Runs `body`, turning IonScope's errors into a clean message and the exit status of their
/// class (``ErrorCategory``); any other error is a defect.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as any IonScopeError {
        printError("error: \(error.description)")
        throw ExitCode(error.category.exitStatus)
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("error: \(InternalError("\(error)").description)")
        throw ExitCode(ErrorCategory.internal.exitStatus)
    }
}

import ArgumentParser
import Foundation
import IonCore
import IonReport

/// Prints a result as pretty JSON on stdout.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    var data = try encoder.encode(value)
    data.append(0x0A)
    fflush(nil)  // after anything printed before
    do { try FileHandle.standardOutput.write(contentsOf: data) } catch {
        throw OutputError("cannot write the JSON to standard output: \(OutputDirectory.reason(error))")
    }
}

/// Flushes what `print` buffered; a write that failed (a full disk, a closed pipe) is an error,
/// never a lost output with exit status 0.
func flushStandardOutput() throws {
    // fflush(nil) flushes every stream (the C `stdout` is not reachable from strict Swift 6).
    if fflush(nil) != 0 {
        throw OutputError("cannot write the output to standard output: \(String(cString: strerror(errno)))")
    }
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
        try flushStandardOutput()
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

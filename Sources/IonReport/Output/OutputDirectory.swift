import Foundation
import IonCore

/// A directory of results that appears whole or not at all.
///
/// Files are written into a hidden staging directory beside the destination
/// (`.NAME.partial-PID`); ``commit()`` renames it into place. An existing destination is kept
/// unless `force` is given, in which case it is replaced only at commit, after every file was
/// written, and only when it is empty or an earlier IonScope output (it holds `provenance.json`);
/// the current directory, its parents and the root are refused. A run that fails, or is interrupted (SIGINT, SIGTERM, see
/// ``installInterruptCleanup()``), removes the staging directory and leaves the destination as
/// it was.
public final class OutputDirectory {
    public let destination: URL
    public let staging: URL
    private let force: Bool
    private var committed = false

    /// - Throws: ``InputError`` when the destination exists and `force` is false, or the parent
    ///   directory cannot be written.
    public init(_ path: String, force: Bool) throws {
        destination = URL(fileURLWithPath: path).standardizedFileURL
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let current = URL(fileURLWithPath: manager.currentDirectoryPath).standardizedFileURL.resolvingSymlinksInPath()
        let resolved = destination.resolvingSymlinksInPath()
        if resolved.pathComponents.count <= 1 || current.path == resolved.path
            || current.path.hasPrefix(resolved.path + "/")
        {
            throw OutputError(
                "\(path) is the current directory, one of its parents or the root; give a new directory for the results"
            )
        }
        if manager.fileExists(atPath: destination.path, isDirectory: &isDirectory) {
            guard force else {
                throw OutputError(
                    "\(path) already exists; choose another output directory or pass --force to replace it")
            }
            guard isDirectory.boolValue else {
                throw OutputError("\(path) exists and is a file, not an output directory")
            }
            // --force replaces only what IonScope wrote (or an empty directory), never other data.
            let contents = (try? manager.contentsOfDirectory(atPath: destination.path)) ?? []
            guard contents.isEmpty || contents.contains("provenance.json") else {
                throw OutputError(
                    "\(path) holds files IonScope did not write (no provenance.json); --force replaces only earlier IonScope outputs, so choose another directory"
                )
            }
        }
        let parent = destination.deletingLastPathComponent()
        guard manager.isWritableFile(atPath: parent.path) else { throw OutputError("cannot write into \(parent.path)") }
        staging = parent.appendingPathComponent(
            ".\(destination.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: staging)
        try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        OutputDirectory.register(staging.path)
        self.force = force
    }

    deinit { if !committed { discard() } }

    /// Writes `data` as `name` (a relative path) inside the staging directory.
    public func write(_ name: String, _ data: Data) throws {
        let url = staging.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    public func write(_ name: String, text: String) throws { try write(name, Data(text.utf8)) }

    /// Moves the finished directory into place, replacing the old one (with `force`).
    public func commit() throws {
        let manager = FileManager.default
        var old: URL?
        if manager.fileExists(atPath: destination.path) {
            precondition(force)
            let aside = destination.deletingLastPathComponent()
                .appendingPathComponent(
                    ".\(destination.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
            try? manager.removeItem(at: aside)
            try manager.moveItem(at: destination, to: aside)
            old = aside
        }
        do {
            try manager.moveItem(at: staging, to: destination)
        } catch {
            if let old { try? manager.moveItem(at: old, to: destination) }
            throw error
        }
        committed = true
        OutputDirectory.unregister(staging.path)
        if let old { try? manager.removeItem(at: old) }
    }

    /// Removes the staging directory.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
        OutputDirectory.unregister(staging.path)
    }

    // MARK: Interrupts

    nonisolated(unsafe) private static var live: Set<String> = []
    private static let lock = NSLock()
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    private static func register(_ path: String) { lock.lock(); live.insert(path); lock.unlock() }
    private static func unregister(_ path: String) { lock.lock(); live.remove(path); lock.unlock() }

    /// On SIGINT or SIGTERM, removes every staging directory still open, then exits with
    /// 128 + the signal number.
    public static func installInterruptCleanup() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                lock.lock()
                for path in live { try? FileManager.default.removeItem(atPath: path) }
                lock.unlock()
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}

import Foundation
import IonCore

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A directory of results that appears whole or not at all, and never costs a user data
/// IonScope did not write.
///
/// Files are written into a hidden staging directory beside the destination
/// (`.NAME.partial-PID`); ``commit()`` adds `manifest.json` (every file's size and SHA-256) and
/// renames the directory into place. An existing destination is kept unless `force` is given,
/// and then replaced only at commit, after every file was written, and only when it is empty
/// or holds exactly the files its manifest lists, unchanged: a file a user added or edited
/// makes `--force` refuse, naming it. The current directory, its parents and the root are
/// refused. One run at a time may write a destination (an `flock` on `.NAME.lock`, released
/// when the process ends, however it ends). Leftovers of runs that were killed are cleaned
/// when the next run starts, and said: a staging directory is removed; a previous output set
/// aside just before a kill is put back. A run that fails, or is interrupted (SIGINT, SIGTERM,
/// see ``installInterruptCleanup()``), removes its staging directory and leaves the
/// destination as it was; an interrupt during the final renames waits for them.
public final class OutputDirectory {
    public let destination: URL
    public let staging: URL
    private let force: Bool
    private var committed = false
    private var written: [String] = []
    private var lockDescriptor: Int32 = -1
    private let lockPath: String

    /// The name of the list of files IonScope wrote, inside every output directory.
    public static let manifestName = "manifest.json"

    /// - Throws: ``OutputError`` when the destination exists and `force` is false or it holds
    ///   files IonScope did not write, another run is writing it, or the parent directory cannot
    ///   be written.
    /// - Parameter note: told what was cleaned up from earlier runs (before any refusal).
    public init(_ path: String, force: Bool, note: (String) -> Void = { _ in }) throws {
        destination = URL(fileURLWithPath: path).standardizedFileURL
        self.force = force
        let manager = FileManager.default
        let current = URL(fileURLWithPath: manager.currentDirectoryPath).standardizedFileURL.resolvingSymlinksInPath()
        let resolved = destination.resolvingSymlinksInPath()
        if resolved.pathComponents.count <= 1 || current.path == resolved.path
            || current.path.hasPrefix(resolved.path + "/")
        {
            throw OutputError(
                "\(path) is the current directory, one of its parents or the root; give a new directory for the results"
            )
        }
        if (try? manager.attributesOfItem(atPath: destination.path)) != nil
            && !manager.fileExists(atPath: destination.path)
        {
            throw OutputError(
                "\(path) is a symbolic link that leads nowhere (broken, or a loop); remove it or choose another directory"
            )
        }
        let parent = destination.deletingLastPathComponent()
        var parentIsDirectory: ObjCBool = false
        guard manager.fileExists(atPath: parent.path, isDirectory: &parentIsDirectory), parentIsDirectory.boolValue
        else { throw OutputError("cannot write \(path): its parent \(parent.path) is not a directory") }
        guard manager.isWritableFile(atPath: parent.path) else { throw OutputError("cannot write into \(parent.path)") }
        let name = destination.lastPathComponent
        lockPath = parent.appendingPathComponent(".\(name).lock").path
        staging = parent.appendingPathComponent(".\(name).partial-\(ProcessInfo.processInfo.processIdentifier)")
        try lock(path)
        do {
            try recoverLeftovers(in: parent, name: name, note: note)
            try checkDestination(path)
            try? manager.removeItem(at: staging)
            do { try manager.createDirectory(at: staging, withIntermediateDirectories: false) } catch {
                throw OutputError("cannot create \(staging.path): \(Self.reason(error))")
            }
        } catch {
            unlock()
            throw error
        }
        OutputDirectory.register(staging.path)
    }

    deinit {
        if !committed { discard() }
        unlock()
    }

    /// Writes `data` as `name` (a relative path) inside the staging directory.
    /// - Throws: ``OutputError`` saying which file could not be written and why (a full disk).
    public func write(_ name: String, _ data: Data) throws {
        let url = staging.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw OutputError("cannot write \(name) for \(destination.path): \(Self.reason(error))")
        }
        if !written.contains(name) { written.append(name) }
    }

    public func write(_ name: String, text: String) throws { try write(name, Data(text.utf8)) }

    /// Writes the manifest and moves the finished directory into place, replacing the old one
    /// (with `force`).
    public func commit() throws {
        try writeManifest()
        let manager = FileManager.default
        // An interrupt now waits until both renames are done (the handler takes the same lock).
        OutputDirectory.lock.lock()
        defer { OutputDirectory.lock.unlock() }
        var old: URL?
        if manager.fileExists(atPath: destination.path) {
            guard force else {
                throw OutputError("\(destination.path) appeared while this run wrote; pass --force to replace it")
            }
            let aside = destination.deletingLastPathComponent()
                .appendingPathComponent(
                    ".\(destination.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
            try? manager.removeItem(at: aside)
            do { try manager.moveItem(at: destination, to: aside) } catch {
                throw OutputError("cannot move the old \(destination.path) aside: \(Self.reason(error))")
            }
            old = aside
        }
        do {
            try manager.moveItem(at: staging, to: destination)
        } catch {
            if let old { try? manager.moveItem(at: old, to: destination) }
            throw OutputError("cannot move the results into \(destination.path): \(Self.reason(error))")
        }
        committed = true
        OutputDirectory.live.remove(staging.path)
        if let old { try? manager.removeItem(at: old) }
        unlock()
    }

    /// Removes the staging directory.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
        OutputDirectory.unregister(staging.path)
    }

    // MARK: Manifest

    /// One file IonScope wrote.
    struct ManifestEntry: Codable, Equatable {
        var bytes: Int
        var sha256: String
    }

    struct Manifest: Codable {
        var generator = "IonScope"
        var files: [String: ManifestEntry]
    }

    private func writeManifest() throws {
        var files: [String: ManifestEntry] = [:]
        for name in written {
            let path = staging.appendingPathComponent(name).path
            let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            files[name] = ManifestEntry(bytes: bytes, sha256: try SHA256.hex(ofFile: path))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(Manifest(files: files))
        let url = staging.appendingPathComponent(Self.manifestName)
        do { try data.write(to: url) } catch {
            throw OutputError("cannot write \(Self.manifestName) for \(destination.path): \(Self.reason(error))")
        }
    }

    /// Refuses an existing destination unless `force` is given and it is empty or exactly an
    /// earlier output (the files its manifest lists, unchanged).
    private func checkDestination(_ path: String) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: destination.path, isDirectory: &isDirectory) else { return }
        guard force else {
            throw OutputError("\(path) already exists; choose another output directory or pass --force to replace it")
        }
        guard isDirectory.boolValue else { throw OutputError("\(path) exists and is a file, not an output directory") }
        let present = try Self.files(under: destination)
        if present.isEmpty { return }
        let manifestURL = destination.appendingPathComponent(Self.manifestName)
        guard let data = try? Data(contentsOf: manifestURL),
            let manifest = try? JSONDecoder().decode(Manifest.self, from: data), manifest.generator == "IonScope"
        else {
            throw OutputError(
                "\(path) holds files IonScope did not write (it has no IonScope \(Self.manifestName)); --force replaces only earlier IonScope outputs, so choose another directory"
            )
        }
        var foreign: [String] = []
        for file in present where file != Self.manifestName {
            guard let entry = manifest.files[file] else { foreign.append(file); continue }
            let url = destination.appendingPathComponent(file)
            let bytes = (try? manager.attributesOfItem(atPath: url.path)[.size] as? Int) ?? -1
            if bytes != entry.bytes || (try? SHA256.hex(ofFile: url.path)) != entry.sha256 {
                foreign.append(file + " (changed since IonScope wrote it)")
            }
        }
        guard foreign.isEmpty else {
            let shown = foreign.prefix(5).joined(separator: ", ") + (foreign.count > 5 ? ", …" : "")
            throw OutputError(
                "\(path) holds \(foreign.count) file(s) IonScope did not write or that were changed: \(shown); --force replaces only IonScope's own files, so move them or choose another directory"
            )
        }
    }

    /// Every regular file and symbolic link under `root`, as relative paths (directories are
    /// entered; an empty directory counts as a file so it is not lost silently).
    static func files(under root: URL) throws -> [String] {
        let manager = FileManager.default
        var found: [String] = []
        func walk(_ relative: String) throws {
            let url = relative.isEmpty ? root : root.appendingPathComponent(relative)
            let names = try manager.contentsOfDirectory(atPath: url.path)
            if names.isEmpty && !relative.isEmpty { found.append(relative + "/") }
            for name in names.sorted() {
                let child = relative.isEmpty ? name : relative + "/" + name
                let attributes = try manager.attributesOfItem(atPath: root.appendingPathComponent(child).path)
                if attributes[.type] as? FileAttributeType == .typeDirectory {
                    try walk(child)
                } else {
                    found.append(child)
                }
            }
        }
        do { try walk("") } catch { throw OutputError("cannot read \(root.path): \(reason(error))") }
        return found
    }

    // MARK: One run at a time, and leftovers

    private func lock(_ path: String) throws {
        let descriptor = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw OutputError("cannot create the lock \(lockPath): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw OutputError("another IonScope run is writing \(path) now; wait for it or choose another directory")
        }
        lockDescriptor = descriptor
    }

    private func unlock() {
        guard lockDescriptor >= 0 else { return }
        unlink(lockPath)
        close(lockDescriptor)
        lockDescriptor = -1
    }

    /// Cleans what killed runs left beside the destination (we hold the lock, so none is live):
    /// staging directories are removed; an output set aside just before a kill is put back when
    /// the destination is missing, else removed (its replacement had landed).
    private func recoverLeftovers(in parent: URL, name: String, note: (String) -> Void) throws {
        let manager = FileManager.default
        let entries = (try? manager.contentsOfDirectory(atPath: parent.path)) ?? []
        for entry in entries.sorted() {
            let url = parent.appendingPathComponent(entry)
            if entry.hasPrefix(".\(name).partial-") {
                try? manager.removeItem(at: url)
                note("removed \(entry), left by an earlier run of IonScope that was killed while writing")
            } else if entry.hasPrefix(".\(name).old-") {
                if manager.fileExists(atPath: destination.path) {
                    try? manager.removeItem(at: url)
                    note("removed \(entry), the output an earlier killed run had already replaced")
                } else {
                    do { try manager.moveItem(at: url, to: destination) } catch {
                        throw OutputError("cannot put back \(url.path) as \(destination.path): \(Self.reason(error))")
                    }
                    note(
                        "put back \(destination.lastPathComponent) from \(entry): an earlier run was killed while replacing it"
                    )
                }
            }
        }
    }

    /// A sentence for a file-system error: its POSIX reason when there is one ("No space left on
    /// device"), never a raw error dump.
    public static func reason(_ error: any Error) -> String {
        if let output = error as? OutputError { return output.message }
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileWriteOutOfSpace: return "no space left on the device"
        case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
        case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or directory"
        case .fileWriteFileExists: return "a file of that name exists"
        default: return ns.localizedDescription
        }
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

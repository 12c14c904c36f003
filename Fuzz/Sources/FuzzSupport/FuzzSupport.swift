import Foundation
import IonCore
import IonIO

#if canImport(Glibc)
    import Glibc
#endif

/// What every fuzz target does with one input: hand it to IonScope as a file or text and read
/// it all. Any error IonScope throws is an answer; a crash, a hang or an allocation past
/// libFuzzer's `-rss_limit_mb`/`-malloc_limit_mb` is a defect.
public enum Fuzz {
    /// Where inputs are written: memory when /dev/shm exists.
    static let folder: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return base + "/ionscope-fuzz-\(getpid())"
    }()

    /// Writes the input to a file named `name` (its extension picks the format) and returns the path.
    public static func file(_ data: UnsafePointer<UInt8>?, _ size: Int, name: String) -> String {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + name
        let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
        FileManager.default.createFile(atPath: path, contents: bytes)
        return path
    }

    /// The input as text (invalid UTF-8 repaired, as a file read as text would be).
    public static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
        guard let data else { return "" }
        return String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    }

    /// Opens the input as a trajectory of `format` (a file extension), reads every frame and a
    /// second pass, then (for formats that hold one) its topology; errors are answers.
    /// `perAtomColumns` asks for further columns too (LAMMPS dump `c_pe`), in a second read.
    public static func trajectory(
        _ data: UnsafePointer<UInt8>?, _ size: Int, extension format: String, perAtomColumns: [String] = []
    ) {
        let path = file(data, size, name: "input.\(format)")
        Formats.readThrough(path)
        if !perAtomColumns.isEmpty { Formats.readThrough(path, options: ReaderOptions(perAtomColumns: perAtomColumns)) }
    }

    /// A topology-only format (a LAMMPS data file).
    public static func topology(_ data: UnsafePointer<UInt8>?, _ size: Int, extension format: String) {
        let path = file(data, size, name: "input.\(format)")
        _ = try? Formats.readTopology(path)
    }
}

import IonCore

/// A file format IonScope reads: how to recognise it and what it can provide.
public struct FileFormat: Sendable {
    /// Human-readable name, e.g. "LAMMPS dump".
    public let name: String
    /// File name extensions (lower case, without the dot; a trailing `.gz` is ignored).
    public let extensions: [String]
    /// Opens a trajectory, when the format stores frames.
    let trajectory: (@Sendable (String, ReaderOptions) throws -> any TrajectoryReader)?
    /// Reads the topology, when the format stores one.
    let topology: (@Sendable (String, ReaderOptions) throws -> Topology)?

    public var providesTrajectory: Bool { trajectory != nil }
    public var providesTopology: Bool { topology != nil }
}

/// The one list of supported formats. A new format adds its line here.
public enum Formats {
    public static let all: [FileFormat] = [
        FileFormat(
            name: "LAMMPS data", extensions: ["data", "lmp"],
            trajectory: nil, topology: { try LAMMPSDataReader.read(path: $0, options: $1) }),
        FileFormat(
            name: "LAMMPS dump", extensions: ["lammpstrj", "dump", "lammpsdump"],
            trajectory: { try LAMMPSDumpReader(path: $0, options: $1) },
            topology: { try LAMMPSDumpReader(path: $0, options: $1).embeddedTopology! }),
        FileFormat(
            name: "GROMACS xtc", extensions: ["xtc"],
            trajectory: { try XTCReader(path: $0, options: $1) }, topology: nil),
        FileFormat(
            name: "GROMACS trr", extensions: ["trr"],
            trajectory: { try TRRReader(path: $0, options: $1) }, topology: nil),
        FileFormat(
            name: "GROMACS gro", extensions: ["gro"],
            trajectory: { try GROReader(path: $0, options: $1) },
            topology: { try GROReader.readTopology(path: $0, options: $1) }),
        FileFormat(
            name: "DCD (CHARMM, NAMD, LAMMPS)", extensions: ["dcd"],
            trajectory: { try DCDReader(path: $0, options: $1) }, topology: nil),
        FileFormat(
            name: "HOOMD-blue GSD", extensions: ["gsd"],
            trajectory: { try GSDReader(path: $0, options: $1) },
            topology: { try GSDReader.readTopology(path: $0, options: $1) }),
        FileFormat(
            name: "PDB", extensions: ["pdb", "ent"],
            trajectory: { try PDBReader(path: $0, options: $1) },
            topology: { try PDBReader.readTopology(path: $0, options: $1) }),
        FileFormat(
            name: "XYZ / extended XYZ", extensions: ["xyz", "extxyz"],
            trajectory: { try ExtendedXYZReader(path: $0, options: $1) },
            topology: { try ExtendedXYZReader.readTopology(path: $0, options: $1) }),
    ]

    /// The format of `path`, from its extension (ignoring `.gz`).
    public static func format(of path: String) throws -> FileFormat {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        if name.lowercased().hasSuffix(".gz") { name.removeLast(3) }
        let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last!).lowercased() : ""
        if let format = all.first(where: { $0.extensions.contains(ext) }) { return format }
        let known = all.flatMap(\.extensions).map { "." + $0 }.joined(separator: ", ")
        throw FileError(
            path: path, "cannot tell the file format from the extension '.\(ext)'; known extensions: \(known)")
    }

    /// Opens `path` as a trajectory.
    public static func openTrajectory(_ path: String, options: ReaderOptions = ReaderOptions()) throws
        -> any TrajectoryReader
    {
        let format = try format(of: path)
        guard let open = format.trajectory else {
            throw InputError("\(path): a \(format.name) file holds no trajectory frames")
        }
        return try open(path, options)
    }

    /// Reads the topology stored in `path`.
    public static func readTopology(_ path: String, options: ReaderOptions = ReaderOptions()) throws -> Topology {
        let format = try format(of: path)
        guard let read = format.topology else {
            throw InputError("\(path): a \(format.name) file holds no topology (atom names, types, masses)")
        }
        return try read(path, options)
    }
}

extension Formats {
    /// Reads everything a file holds the way the analyses would: its topology (when the format
    /// has one), then every frame, twice (after a rewind), and the frame count; errors end a
    /// step and are not reported. For the fuzz targets and their regression test, which only ask
    /// that every input is answered: no crash, hang or unbounded allocation.
    /// - Returns: the frames read in the first pass.
    @discardableResult
    public static func readThrough(
        _ path: String, options: ReaderOptions = ReaderOptions(), frameLimit: Int = 10_000
    ) -> Int {
        if let topology = try? readTopology(path) { _ = topology.atomCount }
        guard var reader = try? openTrajectory(path, options: options) else { return 0 }
        var frame = Frame()
        var first = 0
        for pass in 0..<2 {
            var frames = 0
            while frames < frameLimit, (try? reader.read(into: &frame)) == true { frames += 1 }
            if pass == 0 { first = frames }
            if (try? reader.rewind()) == nil { break }
        }
        _ = try? reader.frameCount()
        return first
    }
}

import IonCore

/// Parses one .gro frame (title, atom count, atom lines, box line) for ``TextTrajectory``.
struct GROFrameParser: TextFrameParser {
    let path: String
    let units: UnitSystem
    /// Atoms per frame, fixed by frame 0; nil until then.
    var atomCount: Int?
    private var fields = TextFields()
    /// Velocity storage kept for the next frame that has velocities.
    private var spareVelocities: [Vec3] = []

    init(path: String, units: UnitSystem) { self.path = path; self.units = units }

    mutating func read(_ lines: LineReader, frame index: Int, into frame: inout Frame) throws -> Bool {
        try read(lines, frame: index, into: &frame, atomLine: nil)
    }

    mutating func skip(_ lines: LineReader, frame index: Int) throws -> Bool {
        guard let title = try lines.nextLine() else { return false }
        let blankTitle = GROLayout.trimmed(title, from: 0, to: title.count).isEmpty
        guard let count = try readAtomCount(lines, frame: index, blankTitle: blankTitle) else { return false }
        let skipped = try lines.skipLines(count + 1)
        guard skipped == count + 1 else {
            throw truncated(
                frame: index, line: lines.lineNumber,
                skipped < count ? "after \(skipped) of \(count) atom lines" : "before the box line")
        }
        return true
    }

    /// Parses the next frame into `frame`; false at the end of the file. `atomLine` sees each
    /// atom line with its line number (the topology is read that way).
    mutating func read(
        _ lines: LineReader, frame index: Int, into frame: inout Frame,
        atomLine: ((UnsafeBufferPointer<UInt8>, Int) throws -> Void)?
    ) throws -> Bool {
        guard let title = try lines.nextLine() else { return false }
        let (time, step) = GROLayout.timeAndStep(title: title)
        let blankTitle = GROLayout.trimmed(title, from: 0, to: title.count).isEmpty
        guard let count = try readAtomCount(lines, frame: index, blankTitle: blankTitle) else { return false }
        let (lengthScale, velocityScale) = (units.length, units.velocity)
        frame.positions.removeAll(keepingCapacity: true)
        var velocities = frame.velocities ?? spareVelocities
        frame.velocities = nil
        spareVelocities = []
        velocities.removeAll(keepingCapacity: true)
        var width = 0
        var hasVelocities = false
        for i in 0..<count {
            guard let line = try lines.nextLine() else {
                throw truncated(frame: index, line: lines.lineNumber, "after \(i) of \(count) atom lines")
            }
            let lineNumber = lines.lineNumber
            func number(_ k: Int) throws -> Double {
                let text = GROLayout.field(line, k, width: width)
                guard let value = parseDouble(text) else {
                    let from = GROLayout.coordinateColumn + k * width
                    let what = ["x", "y", "z", "vx", "vy", "vz"][k]
                    throw FormatError(
                        path: path, frame: index, line: lineNumber,
                        "\(what) (columns \(from + 1)–\(from + width)) '\(GROLayout.text(line, from: from, to: from + width))' is not a finite number"
                    )
                }
                return value
            }
            if i == 0 {
                guard let found = GROLayout.fieldWidth(line) else {
                    throw FormatError(
                        path: path, frame: index, line: lineNumber,
                        "cannot find three coordinates with evenly spaced decimal points after column 20 (.gro is a fixed-column format)"
                    )
                }
                width = found
                hasVelocities = !GROLayout.field(line, 3, width: width).isEmpty
            }
            frame.positions.append(Vec3(try number(0), try number(1), try number(2)) * lengthScale)
            if hasVelocities {
                guard !GROLayout.field(line, 3, width: width).isEmpty else {
                    throw FormatError(
                        path: path, frame: index, line: lineNumber,
                        "velocities are missing, but the first atom line of the frame has them")
                }
                velocities.append(Vec3(try number(3), try number(4), try number(5)) * velocityScale)
            }
            try atomLine?(line, lineNumber)
        }
        guard let boxLine = try lines.nextLine() else {
            throw truncated(frame: index, line: lines.lineNumber, "before the box line")
        }
        fields.split(boxLine)
        guard fields.count == 3 || fields.count == 9 else {
            throw FormatError(
                path: path, frame: index, line: lines.lineNumber,
                "the box line should have 3 or 9 numbers, found \(fields.count) fields")
        }
        var values = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        try withUnsafeMutableBytes(of: &values) { raw in
            let v = raw.bindMemory(to: Double.self)
            for k in 0..<fields.count {
                guard let value = fields.double(k) else {
                    throw FormatError(
                        path: path, frame: index, line: lines.lineNumber,
                        "box value \(k + 1) '\(fields.string(k))' is not a finite number")
                }
                v[k] = value
            }
        }
        let (v1x, v2y, v3z, v1y, v1z, v2x, v2z, v3x, v3y) = values
        frame.box = try GROMACSBox.box(
            Vec3(v1x, v1y, v1z), Vec3(v2x, v2y, v2z), Vec3(v3x, v3y, v3z),
            lengthScale: lengthScale, path: path, frame: index, line: lines.lineNumber)
        if hasVelocities { frame.velocities = velocities } else { spareVelocities = velocities }
        frame.time = time.map { $0 * units.time }
        frame.step = step
        frame.wrapping = .unknown
        frame.forces = nil; frame.images = nil; frame.charges = nil
        return true
    }

    /// Reads the atom-count line after a title: nil when the file ends after a blank title
    /// (trailing blank lines); throws when it ends after a real title, when the line is not a
    /// count, or when the count differs from `atomCount`.
    private func readAtomCount(_ lines: LineReader, frame index: Int, blankTitle: Bool) throws -> Int? {
        guard let line = try lines.nextLine() else {
            if blankTitle { return nil }
            throw truncated(frame: index, line: lines.lineNumber, "after the title line")
        }
        guard let count = parseInt(GROLayout.trimmed(line, from: 0, to: line.count)), count >= 0 else {
            throw FormatError(
                path: path, frame: index, line: lines.lineNumber,
                "expected the number of atoms, found '\(GROLayout.text(line, from: 0, to: line.count))'")
        }
        if let atomCount, count != atomCount {
            throw FormatError(
                path: path, frame: index, line: lines.lineNumber,
                "the frame has \(count) atoms, but the first frame has \(atomCount); IonScope reads trajectories with a fixed atom count"
            )
        }
        return count
    }

    private func truncated(frame: Int, line: Int, _ where: String) -> FormatError {
        FormatError(
            path: path, frame: frame, line: line, truncation: true, "the file ends inside the frame, \(`where`)")
    }
}

import IonCore

extension LAMMPSDumpFrameParser {
    /// Parses the atom lines of frame `index` into `frame`, placing each atom by its id.
    /// The hot loop of the reader: one pass over the bytes of each line, no allocation.
    mutating func readAtoms(_ lines: LineReader, frame index: Int, into frame: inout Frame, box: Box?) throws {
        let n = atomCount
        if layout.positions.isScaled && box == nil {
            throw FormatError(path: path, frame: index, "scaled coordinates (xs ys zs) need a BOX BOUNDS item")
        }
        // Move the frame's arrays out (keeping their storage unique), fill them, put them back.
        // Absent fields are empty arrays while filling.
        var positions = take(&frame.positions, count: n, zero: Vec3.zero)
        var velocities = layout.hasVelocities ? take(&frame.velocities, count: n, zero: Vec3.zero) : []
        var forces = layout.hasForces ? take(&frame.forces, count: n, zero: Vec3.zero) : []
        var images = layout.hasImages ? take(&frame.images, count: n, zero: SIMD3<Int32>()) : []
        var charges = layout.has(.charge) ? take(&frame.charges, count: n, zero: 0.0) : []
        frame.velocities = nil; frame.forces = nil; frame.images = nil; frame.charges = nil
        stamp &+= 1
        // Moved out too, so the parsing below may read self while it is filled.
        var seen = take(&self.seen, count: n, zero: -1)
        defer { self.seen = seen }
        // Further columns, column-major (k·n + atom), parsed into the parser's scratch.
        var extraValues = take(&self.extraValues, count: extras.count * n, zero: 0.0)
        defer { self.extraValues = extraValues }
        try positions.withUnsafeMutableBufferPointer { p in
            try velocities.withUnsafeMutableBufferPointer { v in
                try forces.withUnsafeMutableBufferPointer { f in
                    try images.withUnsafeMutableBufferPointer { i in
                        try charges.withUnsafeMutableBufferPointer { q in
                            try seen.withUnsafeMutableBufferPointer { seen in
                                try extraValues.withUnsafeMutableBufferPointer { e in
                                    try layout.actions.withUnsafeBufferPointer { actions in
                                        try parseAtomLines(
                                            lines, frame: index,
                                            AtomColumns(
                                                positions: p, velocities: v, forces: f, images: i, charges: q, extras: e
                                            ),
                                            actions: actions, seen: seen, box: box)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        frame.positions = positions
        if layout.hasVelocities { frame.velocities = velocities }
        if layout.hasForces { frame.forces = forces }
        if layout.hasImages { frame.images = images }
        if layout.has(.charge) { frame.charges = charges }
        if frame.perAtom.count != extras.count { frame.perAtom = [[Double]](repeating: [], count: extras.count) }
        for k in 0..<extras.count {
            frame.perAtom[k].removeAll(keepingCapacity: true)
            frame.perAtom[k].append(contentsOf: extraValues[(k * n)..<((k + 1) * n)])
        }
    }

    /// Destinations of one frame's per-atom values; empty buffers for fields the dump lacks.
    struct AtomColumns {
        let positions: UnsafeMutableBufferPointer<Vec3>
        let velocities: UnsafeMutableBufferPointer<Vec3>
        let forces: UnsafeMutableBufferPointer<Vec3>
        let images: UnsafeMutableBufferPointer<SIMD3<Int32>>
        let charges: UnsafeMutableBufferPointer<Double>
        /// The per-atom columns, k·n + atom.
        let extras: UnsafeMutableBufferPointer<Double>
    }

    /// The hot loop: one pass over the bytes of each atom line, no allocation, each atom placed
    /// at the index of its id.
    private func parseAtomLines(
        _ lines: LineReader, frame frameIndex: Int, _ out: AtomColumns,
        actions: UnsafeBufferPointer<LAMMPSDumpColumn>,
        seen: UnsafeMutableBufferPointer<Int32>, box: Box?
    ) throws {
        let n = atomCount
        let scaled = layout.positions.isScaled
        let (lengthScale, velocityScale, forceScale, chargeScale) = (
            units.length, units.velocity, units.force, units.charge
        )
        let hasID = layout.has(.id)
        let (hasV, hasF, hasI, hasQ) = (
            out.velocities.count > 0, out.forces.count > 0, out.images.count > 0, out.charges.count > 0
        )
        let stamp = self.stamp
        // The row's per-atom column values, before its atom index is known.
        let rowExtras = UnsafeMutablePointer<Double>.allocate(capacity: max(1, extras.count))
        defer { rowExtras.deallocate() }
        for row in 0..<n {
            guard let line = try lines.nextLine() else { throw truncated(lines, frame: frameIndex, after: row) }
            var id = row + 1
            var p = Vec3.zero, v = Vec3.zero, f = Vec3.zero
            var image = SIMD3<Int32>()
            var q = 0.0
            var column = 0
            guard var cursor = line.baseAddress else { throw truncated(lines, frame: frameIndex, after: row) }
            let end = cursor + line.count
            while column < actions.count {
                while cursor < end && (cursor.pointee == 0x20 || cursor.pointee == 0x09) { cursor += 1 }
                if cursor == end { break }
                let fieldStart = cursor
                switch actions[column] {
                case .skip, .type, .mol, .element, .mass:
                    while cursor < end && cursor.pointee != 0x20 && cursor.pointee != 0x09 { cursor += 1 }
                case .id:
                    guard let value = scanInt(&cursor, end: end) else {
                        throw bad(lines, frame: frameIndex, fieldStart, end, column)
                    }; id = value
                case .x:
                    guard let value = scanDouble(&cursor, end: end) else {
                        throw bad(lines, frame: frameIndex, fieldStart, end, column)
                    }; p.x = value
                case .y:
                    guard let value = scanDouble(&cursor, end: end) else {
                        throw bad(lines, frame: frameIndex, fieldStart, end, column)
                    }; p.y = value
                case .z:
                    guard let value = scanDouble(&cursor, end: end) else {
                        throw bad(lines, frame: frameIndex, fieldStart, end, column)
                    }; p.z = value
                case .vx:
                    guard let value = scanDouble(&cursor, end: end) else {
                        throw bad(lines, frame: frameIndex, fieldStart, end, column)
                    }; v.x = value
                case .vy:
                    guard let value = scanDouble(&cursor, end: end) else {
                        throw bad(lines, frame: frameIndex, fieldStart, end, column)
                    }; v.y = value
                case .vz:
                    guard let value = scanDouble(&cursor, end: end) else {
                        throw bad(lines, frame: frameIndex, fieldStart, end, column)
                    }; v.z = value
                case .fx:
                    guard let value = scanDouble(&cursor, end: end) else {
                        throw bad(lines, frame: frameIndex, fieldStart, end, column)
                    }; f.x = value
                case .fy:
                    guard let value = scanDouble(&cursor, end: end) else {
                        throw bad(lines, frame: frameIndex, fieldStart, end, column)
                    }; f.y = value
                case .fz:
                    guard let value = scanDouble(&cursor, end: end) else {
                        throw bad(lines, frame: frameIndex, fieldStart, end, column)
                    }; f.z = value
                case .charge:
                    guard let value = scanDouble(&cursor, end: end) else {
                        throw bad(lines, frame: frameIndex, fieldStart, end, column)
                    }; q = value
                case .ix:
                    guard let value = scanInt(&cursor, end: end) else {
                        throw bad(lines, frame: frameIndex, fieldStart, end, column)
                    }; image.x = Int32(truncatingIfNeeded: value)
                case .iy:
                    guard let value = scanInt(&cursor, end: end) else {
                        throw bad(lines, frame: frameIndex, fieldStart, end, column)
                    }; image.y = Int32(truncatingIfNeeded: value)
                case .iz:
                    guard let value = scanInt(&cursor, end: end) else {
                        throw bad(lines, frame: frameIndex, fieldStart, end, column)
                    }; image.z = Int32(truncatingIfNeeded: value)
                case .extra:
                    guard let value = scanDouble(&cursor, end: end) else {
                        throw bad(lines, frame: frameIndex, fieldStart, end, column)
                    }; rowExtras[layout.extraSlots[column]] = value
                }
                column += 1
            }
            guard column == actions.count else {
                throw FormatError(
                    path: path, frame: frameIndex, line: lines.lineNumber, truncation: row == n - 1 && lines.atEnd,
                    "expected \(actions.count) columns (\(layout.header.joined(separator: " "))), found \(column)")
            }
            let index = hasID ? atomOrder.index(of: id) : row
            guard index >= 0 else {
                throw FormatError(
                    path: path, frame: frameIndex, line: lines.lineNumber,
                    "atom id \(id) was not in the first frame (or the topology)")
            }
            guard seen[index] != stamp else {
                throw FormatError(
                    path: path, frame: frameIndex, line: lines.lineNumber, "atom id \(id) appears twice in this frame")
            }
            seen[index] = stamp
            out.positions[index] = scaled ? box!.position(fractional: p) : lengthScale * p
            if hasV { out.velocities[index] = velocityScale * v }
            if hasF { out.forces[index] = forceScale * f }
            if hasI { out.images[index] = image }
            if hasQ { out.charges[index] = chargeScale * q }
            for k in 0..<extras.count { out.extras[k * n + index] = rowExtras[k] }
        }
    }

    /// The error for a field that does not parse (slow path: finds the field's end first).
    private func bad(
        _ lines: LineReader, frame index: Int, _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>,
        _ column: Int
    ) -> FormatError {
        var stop = start
        while stop < end && stop.pointee != 0x20 && stop.pointee != 0x09 { stop += 1 }
        let text = String(decoding: UnsafeBufferPointer(start: start, count: min(stop - start, 40)), as: UTF8.self)
        let what =
            layout.actions[column] == .id || [.ix, .iy, .iz].contains(layout.actions[column])
            ? "an integer" : "a finite number"
        return FormatError(
            path: path, frame: index, line: lines.lineNumber,
            "column '\(layout.header[column])' should be \(what), found '\(text)'")
    }
}

/// Moves an array out of an optional frame field (keeping its storage unique) at size `count`.
@inline(__always)
func take<T>(_ slot: inout [T]?, count: Int, zero: T) -> [T] {
    var array = slot ?? []
    slot = nil
    if array.count != count { array = [T](repeating: zero, count: count) }
    return array
}

@inline(__always)
func take<T>(_ slot: inout [T], count: Int, zero: T) -> [T] {
    var array: [T] = []
    swap(&array, &slot)
    if array.count != count { array = [T](repeating: zero, count: count) }
    return array
}

import IonCore

/// What a text trajectory format has to say: how to parse one frame and how to skip one.
/// Everything else (the frame-offset index, random access, counting, rewinding) is
/// ``TextTrajectory``'s job, as in chemfiles' `TextFormat`.
protocol TextFrameParser {
    /// Parses the frame that starts at the next line of `lines` into `frame`. Returns false at a
    /// clean end of the file (nothing but blank lines left). `index` is the frame's number from 0,
    /// for messages.
    mutating func read(_ lines: LineReader, frame index: Int, into frame: inout Frame) throws -> Bool
    /// Moves past one frame, checking only its shape; false at a clean end of the file.
    mutating func skip(_ lines: LineReader, frame index: Int) throws -> Bool
}

/// Where frames start in a text file: byte offset and number of lines before each frame.
struct TextFrameIndex {
    private(set) var offsets: [Int] = []
    private(set) var lineNumbers: [Int] = []
    /// Number of complete frames, once the end of the file has been reached.
    var completeCount: Int?

    var knownCount: Int { offsets.count }

    mutating func append(offset: Int, lineNumber: Int) {
        offsets.append(offset); lineNumbers.append(lineNumber)
    }

    mutating func removeLast() {
        offsets.removeLast(); lineNumbers.removeLast()
    }
}

/// A text trajectory read frame by frame through a format's ``TextFrameParser``.
///
/// The frame-offset index grows as frames are read or skipped, so reading front to back costs
/// nothing extra, `seek(toFrame:)` to a frame seen before is one `lseek`, and `frameCount()`
/// skips (without converting numbers) only the frames not yet indexed.
/// On gzip files a backward seek decompresses from the start.
struct TextTrajectory<Parser: TextFrameParser> {
    let lines: LineReader
    var parser: Parser
    private(set) var index: TextFrameIndex
    /// Number of the frame the next `read` returns.
    private(set) var nextFrame = 0

    var path: String { lines.path }

    init(lines: LineReader, parser: Parser, index: TextFrameIndex = TextFrameIndex()) {
        self.lines = lines; self.parser = parser; self.index = index
    }

    mutating func read(into frame: inout Frame) throws -> Bool {
        try advance { parser, lines, k in try parser.read(lines, frame: k, into: &frame) }
    }

    mutating func skipFrame() throws -> Bool {
        try advance { parser, lines, k in try parser.skip(lines, frame: k) }
    }

    /// Runs `step` on the next frame, recording where it started.
    private mutating func advance(_ step: (inout Parser, LineReader, Int) throws -> Bool) throws -> Bool {
        if let complete = index.completeCount, nextFrame >= complete, nextFrame < index.knownCount {
            // A frame known to be cut short: let the parser report it again.
            return try step(&parser, lines, nextFrame)
        }
        let (offset, line) = (lines.offset, lines.lineNumber)
        guard try cutShortIsTruncation({ try step(&parser, lines, nextFrame) }) else {
            if index.completeCount == nil, nextFrame == index.knownCount { index.completeCount = nextFrame }
            return false
        }
        if nextFrame == index.knownCount { index.append(offset: offset, lineNumber: line) }
        nextFrame += 1
        return true
    }

    /// Runs `body`; a parse error on the file's last line when that line has no newline (a
    /// writer killed mid-line) becomes a truncation, so the complete frames before it are kept;
    /// so does a frame that parsed but ends on such a line (LAMMPS and GROMACS end every file
    /// with a newline; a cut inside the last number would otherwise be read as a number).
    private func cutShortIsTruncation(_ body: () throws -> Bool) throws -> Bool {
        do {
            let read = try body()
            if read && lines.lastLineCut && lines.lastLineEndsInDigit {
                // The frame parsed, but its last line may be cut inside a number.
                throw FormatError(
                    path: lines.path, line: lines.lineNumber, truncation: true,
                    "the file's last line has no newline, so its last frame may be cut short inside a number and is left out"
                )
            }
            return read
        } catch let error as FormatError where !error.isTruncation {
            guard lines.lastLineCut, error.line == nil || error.line == lines.lineNumber else { throw error }
            throw FormatError(
                path: error.path, frame: error.frame, line: error.line, truncation: true,
                "the file ends inside this frame, in the middle of a line (\(error.message))")
        }
    }

    mutating func rewind() throws {
        try lines.seek(toOffset: 0, lineNumber: 0)
        nextFrame = 0
    }

    mutating func seek(toFrame target: Int) throws {
        guard target >= 0 else {
            throw FormatError(path: path, "asked for frame \(target); frames are counted from 0")
        }
        if target < index.knownCount {
            try lines.seek(toOffset: index.offsets[target], lineNumber: index.lineNumbers[target])
            nextFrame = target
            return
        }
        if index.knownCount > 0 {
            let last = index.knownCount - 1
            try lines.seek(toOffset: index.offsets[last], lineNumber: index.lineNumbers[last])
            nextFrame = last
        } else {
            try rewind()
        }
        while nextFrame < target {
            guard try skipFrame() else {
                throw FormatError(
                    path: path, frame: target,
                    "asked for frame \(target), but the file has only \(nextFrame) frames")
            }
        }
    }

    /// Number of complete frames. A last frame cut short by the end of the file is not counted.
    /// Leaves the reader where it was.
    mutating func frameCount() throws -> Int {
        if let complete = index.completeCount { return complete }
        let resume = nextFrame
        try seek(toFrame: max(0, index.knownCount - 1))
        do {
            while try skipFrame() {}
        } catch let error as FormatError where error.isTruncation {
            index.completeCount = nextFrame
        }
        // Skipping checks shape only; parse the last frame to catch a line cut in the middle.
        if let complete = index.completeCount, complete > 0, complete == index.knownCount {
            try seek(toFrame: complete - 1)
            var scratch = Frame()
            do {
                _ = try read(into: &scratch)
            } catch let error as FormatError where error.isTruncation {
                index.completeCount = complete - 1
            }
        }
        let count = index.completeCount ?? nextFrame
        try seek(toFrame: min(resume, count))
        return count
    }
}

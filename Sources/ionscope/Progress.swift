import Foundation

/// A one-line progress display on stderr — frames done, frames per second and, when the total
/// is known, time left — shown only when stderr is a terminal and at most 5 times a second.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var knownTotal: Int?
    /// Frames in the whole pass, when known (may arrive later, from a counting thread).
    var total: Int? {
        get { lock.lock(); defer { lock.unlock() }; return knownTotal }
        set { lock.lock(); knownTotal = newValue; lock.unlock() }
    }
    private let label: String
    private let enabled: Bool
    private let start = ContinuousClock.now
    private var lastDraw = ContinuousClock.now
    private var drawn = false

    init(_ label: String, total: Int?, enabled: Bool) {
        self.label = label
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
        self.total = total
    }

    /// Whether the line is drawn at all (stderr is a terminal and output was not silenced).
    var isEnabled: Bool { enabled }

    func update(_ done: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let total = self.total
        guard now - lastDraw > .milliseconds(200) || done == total else { return }
        lastDraw = now
        let elapsed = max(
            1e-9, Double((now - start).components.attoseconds) * 1e-18 + Double((now - start).components.seconds))
        let rate = Double(done) / elapsed
        var text = "\(label): \(done)"
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 24, filled = Int(fraction * Double(width))
            text +=
                "/\(total) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                + "]"
            if rate > 0 { text += String(format: " %.0f frames/s, %.0f s left", rate, Double(total - done) / rate) }
        } else {
            text += String(format: " frames, %.0f frames/s", rate)
        }
        FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
        drawn = true
    }

    /// Clears the line.
    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

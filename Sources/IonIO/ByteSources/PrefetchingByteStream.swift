import Foundation
import IonCore

/// Reads a slow stream (gzip decompression) on a background thread, a few chunks ahead, so
/// decompression overlaps with parsing on another core.
///
/// The consumer sees an ordinary ``ByteStream``. A seek stops the producer, moves the inner
/// stream and starts a new producer. Errors of the inner stream are handed to the consumer at
/// the point where they happened.
final class PrefetchingByteStream: ByteStream {
    /// The state both threads share, guarded by `condition`. The producer holds only this (and
    /// the inner stream), so dropping the stream stops the producer.
    private final class Channel: @unchecked Sendable {
        let condition = NSCondition()
        var chunks: [[UInt8]] = []
        var finished = false
        var failure: (any Error)?
        var stop = false
        var running = false
    }

    /// The wrapped stream: used by the producer while it runs, and by `seek` only after the
    /// producer has stopped, never by both at once.
    private final class Inner: @unchecked Sendable {
        let stream: any ByteStream
        init(_ stream: any ByteStream) { self.stream = stream }
    }

    private let innerBox: Inner
    private var inner: any ByteStream { innerBox.stream }
    private var channel = Channel()
    private var current: [UInt8] = []
    private var currentPosition = 0
    private let chunkSize: Int
    private let depth: Int
    var path: String { inner.path }
    var seeksCheaply: Bool { inner.seeksCheaply }

    init(_ inner: any ByteStream, chunkSize: Int = 1 << 20, depth: Int = 3) {
        innerBox = Inner(inner); self.chunkSize = chunkSize; self.depth = depth
        startProducer()
    }

    deinit { stopProducer() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var written = 0
        while written < buffer.count {
            if currentPosition == current.count {
                guard let next = try nextChunk() else { break }
                current = next; currentPosition = 0
            }
            let n = min(buffer.count - written, current.count - currentPosition)
            current.withUnsafeBytes { source in
                (buffer.baseAddress! + written).copyMemory(from: source.baseAddress! + currentPosition, byteCount: n)
            }
            written += n; currentPosition += n
        }
        return written
    }

    func seek(toOffset offset: Int) throws {
        stopProducer()
        try inner.seek(toOffset: offset)
        current = []; currentPosition = 0
        channel = Channel()
        startProducer()
    }

    /// The next decompressed chunk, or nil at the end of the stream.
    private func nextChunk() throws -> [UInt8]? {
        let channel = self.channel
        channel.condition.lock()
        defer { channel.condition.unlock() }
        while channel.chunks.isEmpty && !channel.finished && channel.failure == nil { channel.condition.wait() }
        if !channel.chunks.isEmpty {
            let chunk = channel.chunks.removeFirst()
            channel.condition.broadcast()
            return chunk
        }
        if let failure = channel.failure { throw failure }
        return nil
    }

    private func startProducer() {
        let (channel, inner, chunkSize, depth) = (self.channel, self.innerBox, self.chunkSize, self.depth)
        channel.running = true
        let thread = Thread {
            defer {
                channel.condition.lock(); channel.running = false; channel.condition.broadcast();
                channel.condition.unlock()
            }
            while true {
                var chunk = [UInt8](repeating: 0, count: chunkSize)
                let n: Int
                do {
                    n = try chunk.withUnsafeMutableBytes { try inner.stream.read(into: $0) }
                } catch {
                    channel.condition.lock(); channel.failure = error; channel.condition.broadcast();
                    channel.condition.unlock()
                    return
                }
                chunk.removeLast(chunkSize - n)
                channel.condition.lock()
                while channel.chunks.count >= depth && !channel.stop { channel.condition.wait() }
                if channel.stop { channel.condition.unlock(); return }
                if n > 0 { channel.chunks.append(chunk) } else { channel.finished = true }
                channel.condition.broadcast()
                channel.condition.unlock()
                if n == 0 { return }
            }
        }
        thread.start()
    }

    /// Asks the producer to stop and waits until it has.
    private func stopProducer() {
        let channel = self.channel
        channel.condition.lock()
        channel.stop = true
        channel.condition.broadcast()
        while channel.running { channel.condition.wait() }
        channel.condition.unlock()
    }
}

import Foundation

/// `body(0)`, …, `body(count − 1)` on up to `threads` threads (nil: every core), each thread taking
/// the next index when done with one; the results in index order. `body` must be safe to call
/// concurrently. Throws the error of the lowest index that failed, as a serial loop would.
public func parallelMap<T>(_ count: Int, threads: Int?, _ body: (Int) throws -> T) throws -> [T] {
    let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, count))
    if workers == 1 { return try (0..<count).map(body) }
    var results = [T?](repeating: nil, count: count)
    let failure = FirstError(), next = SharedCounter()
    try withoutActuallyEscaping(body) { body in
        let shared = UnsafeTransfer(body)
        results.withUnsafeMutableBufferPointer { results in
            let results = UnsafeTransfer(results)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let k = next.take(below: count) {
                    do { results.value[k] = try shared.value(k) } catch { failure.record(error, at: k) }
                }
            }
        }
        if let error = failure.error { throw error }
    }
    return results.map { $0! }
}

import Dispatch
import Foundation

/// Runs independent jobs at the same time and returns their results in order: the second on a thread of its
/// own, the first on the caller's. For work that mostly waits on other processes or the file system (git,
/// directory walks). A thread of its own, not a dispatch queue: nested `concurrentPerform` calls run one
/// after the other once the pool is busy, and these jobs nest.
public enum Concurrently {
    public static func run<A, B>(_ first: () -> A, _ second: @escaping () -> B) -> (A, B) {
        let job = UnsafeSendable(second)
        let slot = UnsafeSendable(UnsafeMutablePointer<B>.allocate(capacity: 1))
        defer { slot.value.deallocate() }
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            slot.value.initialize(to: job.value())
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        let firstResult = first()
        finished.wait()
        return (firstResult, slot.value.move())
    }

    /// `transform` of each element, on every core (`concurrentPerform`), in the elements' order. For work that
    /// keeps the cores busy and does not nest (linting many files).
    public static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        var results = [Result?](repeating: nil, count: elements.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: elements.count) { index in
                slots.value[index] = transform(elements[index])
            }
        }
        return results.map { $0! }
    }
}

/// Lets parallel workers write disjoint slots of one buffer: the caller promises they never share a slot.
public struct UnsafeSendable<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}

import Foundation

/// Runs blocking jobs (builds, engine calls: they wait on other processes) on threads of their own, at most
/// `width` at a time, and returns their results in the items' order. Threads, not the cooperative pool or a
/// dispatch queue: a job waits minutes on the engine, and the pool has one thread per core.
enum InParallel {
    static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], width: Int, _ transform: @escaping @Sendable (Item) -> Output
    ) -> [Output] {
        guard width > 1, items.count > 1 else { return items.map(transform) }
        let state = State<Output>(count: items.count)
        let group = DispatchGroup()
        for _ in 0..<min(width, items.count) {
            group.enter()
            let thread = Thread {
                while let index = state.claim() {
                    state.store(transform(items[index]), at: index)
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return state.outputs()
    }

    /// The next item to take and the outputs so far, behind one lock.
    private final class State<Output: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var slots: [Output?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func claim() -> Int? {
            lock.withLock {
                guard next < slots.count else { return nil }
                defer { next += 1 }
                return next
            }
        }

        func store(_ output: Output, at index: Int) { lock.withLock { slots[index] = output } }

        func outputs() -> [Output] { lock.withLock { slots.map { $0! } } }
    }
}

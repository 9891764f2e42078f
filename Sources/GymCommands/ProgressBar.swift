import Foundation
import Registry

/// A progress bar on standard error, drawn only on a terminal and only once the work has taken a second, so
/// quick runs and pipes stay quiet.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let started = Date()
    private let lock = NSLock()
    private let terminal = isatty(STDERR_FILENO) == 1
    private var drawn = false
    private var lastDraw = Date.distantPast

    init(_ label: String) { self.label = label }

    /// `done` of `total` (`total` 0: unknown), as bytes when `bytes`.
    func update(_ done: Int64, of total: Int64, bytes: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard terminal, now.timeIntervalSince(started) >= 1, now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        drawn = true
        func amount(_ value: Int64) -> String { bytes ? String(format: "%.1f MB", Double(value) / 1e6) : "\(value)" }
        let width = 30
        let line: String
        if total > 0 {
            let filled = Int(Double(width) * min(1, Double(done) / Double(total)))
            line =
                "\(label) [" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
                + "] \(amount(done))/\(amount(total))"
        } else {
            line = "\(label) \(amount(done))"
        }
        FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
    }

    /// Ends the bar's line, if one was drawn.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

extension ProgressBar {
    /// A pull's progress callback drawing a bar (only on a terminal, only after a second).
    static func pulling() -> @Sendable (PullProgress) -> Void {
        let bar = ProgressBar("pulling")
        return { progress in
            bar.update(progress.completedBytes, of: progress.totalBytes, bytes: true)
            if progress.completedBlobs == progress.totalBlobs && progress.totalBlobs > 0 { bar.finish() }
        }
    }
}

import Foundation
import Spawn

/// A program in a real terminal: a detached tmux session on a server of its own, driven by send-keys and
/// read by capture-pane, as a user at a terminal of that size would drive and see it.
public final class TmuxPane {
    let socket = "gym-test-\(UUID().uuidString.prefix(8))"

    /// Starts a shell in a `width` x `height` pane.
    public init(width: Int, height: Int) throws {
        try tmux(["new-session", "-d", "-s", "main", "-x", String(width), "-y", String(height), "sh"])
    }

    deinit { _ = try? Subprocess.run(["tmux", "-L", socket, "kill-server"]) }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let result = try Subprocess.run(["tmux", "-L", socket] + arguments)
        guard result.succeeded else {
            throw RegistryTestError(
                "tmux \(arguments.joined(separator: " ")): \(String(decoding: result.stderr, as: UTF8.self))")
        }
        return String(decoding: result.stdout, as: UTF8.self)
    }

    /// Types keys: tmux key names (`Enter`, `Down`, `Tab`) or literal text.
    public func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "main"] + keys) }

    /// Types `text` literally, then Enter.
    public func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "main", "-l", text])
        try tmux(["send-keys", "-t", "main", "Enter"])
    }

    /// The pane's lines as shown.
    public func screen() throws -> [String] {
        var lines = try tmux(["capture-pane", "-t", "main", "-p"]).split(
            separator: "\n", omittingEmptySubsequences: false
        ).map(String.init)
        // capture-pane ends its last row with a newline too
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The screen once `condition` holds of it and it has stopped changing (two captures a tenth of a second
    /// apart agree: a program may be midway through drawing a frame), or the last screen after `seconds`.
    @discardableResult
    public func wait(seconds: Double = 20, until condition: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        var previous: [String]? = nil
        var shown = try screen()
        while !(condition(shown) && shown == previous) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            previous = shown
            shown = try screen()
        }
        return shown
    }

    /// A tmux format of the pane, such as `#{alternate_on}`.
    public func format(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "main", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", String(width), "-y", String(height)])
    }
}

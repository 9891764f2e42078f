#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal settings to put back, reachable from a signal handler (which can capture nothing).
nonisolated(unsafe) private var savedSettings = termios()
nonisolated(unsafe) private var sessionActive: Int32 = 0

/// Leaves the alternate screen, shows the cursor and restores the settings the session found.
private func restoreTerminal() {
    let leave = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"
    leave.utf8CString.withUnsafeBufferPointer { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count - 1) }
    _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedSettings)
}

/// A signal ends the session as the program ends: the terminal restored first, then the default action.
private func endOnSignal(_ number: Int32) {
    if sessionActive != 0 { restoreTerminal() }
    signal(number, SIG_DFL)
    raise(number)
}

/// The width and height of a terminal, in character cells.
public struct TerminalSize: Sendable, Equatable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// A full-screen, keyboard-driven session on the terminal of standard input and output: raw mode and the
/// alternate screen while it runs, both given back when it ends (normally, on an error, or on SIGTERM, SIGHUP
/// or SIGINT). The screen is drawn again after every key and whenever the window's size changes.
public enum TerminalSession {
    /// Whether standard input and output are both a terminal.
    public static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// The size of standard output's terminal.
    public static func size() -> TerminalSize? {
        var window = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else {
            return nil
        }
        return TerminalSize(width: Int(window.ws_col), height: Int(window.ws_row))
    }

    /// Runs until `handle` returns false or input ends. `draw` gives the screen's lines for a size (at most
    /// `height` of them, each fitted to `width`); `handle` takes each key.
    public static func run(
        draw: (TerminalSize) -> [StyledLine], handle: (Key) -> Bool
    ) throws(TerminalError) {
        guard isInteractive else { throw .notATerminal }
        guard tcgetattr(STDIN_FILENO, &savedSettings) == 0 else { throw .system(call: "tcgetattr", errno: errno) }
        var raw = savedSettings
        cfmakeraw(&raw)
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else { throw .system(call: "tcsetattr", errno: errno) }
        sessionActive = 1
        let previous = [SIGTERM, SIGHUP, SIGINT].map { ($0, signal($0, endOnSignal)) }
        defer {
            restoreTerminal()
            sessionActive = 0
            for (number, handler) in previous { signal(number, handler) }
        }
        emit("\u{1B}[?1049h\u{1B}[?25l\u{1B}[2J")

        var shown: TerminalSize? = nil
        var dirty = true
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let size = self.size() ?? TerminalSize(width: 80, height: 24)
            if size != shown {
                emit("\u{1B}[2J")
                shown = size
                dirty = true
            }
            if dirty {
                emit(frame(draw(size), size: size))
                dirty = false
            }
            // a resize is noticed within a tenth of a second, without a SIGWINCH handler
            var ready = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let polled = poll(&ready, 1, 100)
            if polled < 0 {
                if errno == EINTR { continue }
                throw .system(call: "poll", errno: errno)
            }
            guard polled > 0 else { continue }
            let count = read(STDIN_FILENO, &buffer, buffer.count)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .system(call: "read", errno: errno)
            }
            guard count > 0 else { return }
            for key in Key.decode(Array(buffer[0..<count])) {
                guard handle(key) else { return }
            }
            dirty = true
        }
    }

    /// The whole screen in one write: each line at its row, fitted to the width; rows below cleared.
    static func frame(_ lines: [StyledLine], size: TerminalSize) -> String {
        var out = ""
        for row in 0..<size.height {
            out += "\u{1B}[\(row + 1);1H"
            if row < lines.count {
                out += lines[row].fitted(to: size.width).rendered
            } else {
                out += "\u{1B}[K"
            }
        }
        return out
    }

    private static func emit(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes {
                write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset)
            }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            offset += written
        }
    }
}

import Dockerfile
import Foundation

extension Fixer {
    /// Fixes the Dockerfile at `path`, reading its build context from its directory (the rules that look at
    /// the context see it); nothing is written.
    public func fix(file path: String) throws(LintError) -> FixOutcome {
        let bytes: [UInt8]
        do { bytes = try Dockerfile.readFile(path) } catch { throw .unreadable(path: path, reason: error.message) }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let context = try? BuildContextView.read(directory: directory, dockerfile: path)
        return try fix(source: String(decoding: bytes, as: UTF8.self), file: path, buildContext: context)
    }

    /// Writes a fixed file: the original kept beside it as `NAME.bak`, the new text put in place by a rename
    /// (never half-written); nothing at all when the file no longer holds what was fixed.
    public static func write(_ outcome: FixOutcome) throws(LintError) {
        guard outcome.changed else { return }
        let path = outcome.file
        guard let current = FileManager.default.contents(atPath: path),
            String(decoding: current, as: UTF8.self) == outcome.original
        else { throw .changedSinceRead(path: path) }
        let temporary = path + ".gym-fix-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try current.write(to: URL(fileURLWithPath: path + ".bak"))
            try Data(outcome.fixed.utf8).write(to: URL(fileURLWithPath: temporary))
            if let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] {
                try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: temporary)
            }
            guard rename(temporary, path) == 0 else {
                throw LintError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
        } catch let error as LintError {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .unreadable(path: path, reason: "cannot write: \(error.localizedDescription)")
        }
    }
}

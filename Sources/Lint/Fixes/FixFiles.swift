import Dockerfile
import Foundation

extension Fixer {
    /// Fixes the Dockerfile at `path`, reading its build context from its directory (the rules that look at
    /// the context see it); nothing is written.
    public func fix(file path: String) throws(LintError) -> FixOutcome {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try fix(file: path, buildContext: try? BuildContextView.read(directory: directory, dockerfile: path))
    }

    /// As `fix(file:)`, with the build context already read.
    public func fix(file path: String, buildContext: BuildContextView?) throws(LintError) -> FixOutcome {
        let bytes: [UInt8]
        do { bytes = try Dockerfile.readFile(path) } catch { throw .unreadable(path: path, reason: error.message) }
        return try fix(source: String(decoding: bytes, as: UTF8.self), file: path, buildContext: buildContext)
    }

    /// Writes a fixed file: the original kept beside it as `NAME.bak`, the new text put in place by a rename
    /// (never half-written); nothing at all when the file no longer holds what was fixed.
    public static func write(_ outcome: FixOutcome) throws(LintError) {
        let path = outcome.file
        let rewrites = outcome.original != outcome.fixed
        var current = Data()
        if rewrites {
            guard let bytes = FileManager.default.contents(atPath: path),
                String(decoding: bytes, as: UTF8.self) == outcome.original
            else { throw .changedSinceRead(path: path) }
            current = bytes
        }
        // a created file never replaces one that appeared since: the exclusive open fails instead
        for file in outcome.created { try create(file) }
        guard rewrites else { return }
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

    static func create(_ file: CreatedFile) throws(LintError) {
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .changedSinceRead(path: file.path) }
            throw .unreadable(path: file.path, reason: "cannot create: \(String(cString: strerror(errno)))")
        }
        let bytes = Array(file.text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else {
            unlink(file.path)
            throw .unreadable(path: file.path, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
    }

}

import Foundation

/// Where the learner's exercise files live: `<root>/<slug>/`. Starting never overwrites a file; resetting
/// moves the learner's files to `<root>/.gym-backups/` before restoring the starter, so work is never lost.
public struct Workspace: Sendable {
    public let root: URL

    /// `--workspace DIR`, else `$GYM_WORKSPACE`, else `./gym-workspace`.
    public init(root: String? = nil) {
        let path = root ?? ProcessInfo.processInfo.environment["GYM_WORKSPACE"] ?? "gym-workspace"
        self.root = URL(fileURLWithPath: path).standardizedFileURL
    }

    public func directory(for exercise: Exercise) -> URL { root.appendingPathComponent(exercise.slug) }

    public func isStarted(_ exercise: Exercise) -> Bool {
        FileManager.default.fileExists(atPath: directory(for: exercise).path)
    }

    /// What `start` did.
    public enum StartOutcome: Sendable, Equatable {
        /// The starter files were copied in.
        case created
        /// The exercise was already there: nothing was touched.
        case resumed
    }

    /// Copies the starter files in, unless the exercise is already there.
    public func start(_ exercise: Exercise) throws(GymError) -> StartOutcome {
        let target = directory(for: exercise)
        if isStarted(exercise) { return .resumed }
        try copyStarter(exercise, to: target)
        return .created
    }

    /// Moves the learner's files to a backup, then restores the starter. Returns the backup's path.
    public func reset(_ exercise: Exercise, now: Date = Date()) throws(GymError) -> URL? {
        let target = directory(for: exercise)
        var backup: URL? = nil
        if isStarted(exercise) {
            let stamp = ISO8601DateFormatter().string(from: now).replacingOccurrences(of: ":", with: "")
            let destination = root.appendingPathComponent(".gym-backups/\(exercise.slug)-\(stamp)")
            do {
                try FileManager.default.createDirectory(
                    at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.moveItem(at: target, to: destination)
            } catch {
                throw .io(path: target.path, reason: "cannot back up before resetting: \(error.localizedDescription)")
            }
            backup = destination
        }
        try copyStarter(exercise, to: target)
        return backup
    }

    private func copyStarter(_ exercise: Exercise, to target: URL) throws(GymError) {
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: exercise.starter, to: target)
        } catch {
            throw .io(path: target.path, reason: "cannot copy the starter files: \(error.localizedDescription)")
        }
    }

    /// A fingerprint of the exercise's files (paths, sizes, modification times), for `watch`.
    public func fingerprint(_ exercise: Exercise) -> [String: String] {
        let base = directory(for: exercise)
        var prints: [String: String] = [:]
        guard
            let walker = FileManager.default.enumerator(
                at: base, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey])
        else { return prints }
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey])
            let stamp = values?.contentModificationDate?.timeIntervalSince1970 ?? 0
            prints[url.path] = "\(values?.fileSize ?? -1)@\(stamp)"
        }
        return prints
    }
}

import Base
import Foundation
import Gym

/// What a submission changed from its exercise's starter, as one digest: two submissions with the same
/// digest made the same changes. Text is compared after normalising: backslash-continued lines joined, comment
/// lines (`#`, as Dockerfiles, Python, requirements files and `.dockerignore` write them) and blank lines
/// dropped, runs of whitespace made one space; other bytes as they are. A file equal to the starter's is no change; a starter file left out is.
enum ChangeFingerprint {
    /// The digest of what `files` change over `starter` (path to bytes), nil when they change nothing.
    static func of(_ files: [String: Data], over starter: [String: Data]) -> String? {
        var changes: [String] = []
        for (path, data) in files {
            let normalized = normalize(data)
            if let original = starter[path], normalize(original) == normalized { continue }
            changes.append(path + "\t" + SHA256.hex(normalized))
        }
        for path in starter.keys where files[path] == nil { changes.append(path + "\tleft out") }
        guard !changes.isEmpty else { return nil }
        return SHA256.hex(Array(changes.sorted().joined(separator: "\n").utf8))
    }

    /// The digest of a submitted workspace.
    static func of(_ workspace: [WorkspaceFile], over starter: [String: Data]) -> String? {
        var files: [String: Data] = [:]
        for file in workspace { files[file.path] = Data(base64Encoded: file.content) ?? Data() }
        return of(files, over: starter)
    }

    /// Text without comment and blank lines, whitespace runs made one space; bytes that are not UTF-8 as is.
    static func normalize(_ data: Data) -> [UInt8] {
        guard let text = String(data: data, encoding: .utf8) else { return Array(data) }
        // a line continued with a backslash is one line, however it was broken
        let lines = text.replacingOccurrences(of: "\\\n", with: " ").split(whereSeparator: \.isNewline).compactMap {
            line -> String? in
            let words = line.split(whereSeparator: \.isWhitespace)
            guard let first = words.first, !first.hasPrefix("#") else { return nil }
            return words.joined(separator: " ")
        }
        return Array(lines.joined(separator: "\n").utf8)
    }

    /// The files under `directory` (relative path to bytes), as `gym submit` would send them.
    static func files(in directory: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        for file in (try? SubmittedWorkspace.read(directory, limit: .max)) ?? [] {
            files[file.path] = Data(base64Encoded: file.content)
        }
        return files
    }
}

/// Each exercise's starter files and the digest of its reference solution's changes, read once.
struct ExerciseBaselines: Sendable {
    struct Baseline: Sendable {
        var starter: [String: Data]
        var reference: String?
    }
    let bySlug: [String: Baseline]

    init(_ exercises: [Exercise]) {
        var bySlug: [String: Baseline] = [:]
        for exercise in exercises {
            let starter = ChangeFingerprint.files(in: exercise.starter)
            let solution = starter.merging(ChangeFingerprint.files(in: exercise.solution)) { $1 }
            bySlug[exercise.slug] = Baseline(
                starter: starter, reference: ChangeFingerprint.of(solution, over: starter))
        }
        self.bySlug = bySlug
    }

    /// Every exercise's reference-solution digest.
    var references: [String] { bySlug.values.compactMap(\.reference).sorted() }

    /// The digest of a submission's changes over its exercise's starter.
    func fingerprint(_ submission: SubmissionRequest) -> String? {
        guard let baseline = bySlug[submission.exercise] else { return nil }
        return ChangeFingerprint.of(submission.workspace, over: baseline.starter)
    }
}

/// Submissions of different students that made the same changes, and those equal to the reference
/// solution: shown to the instructor (and, without names, to the student), never failed.
public struct SharedChanges: Sendable {
    /// One stored submission's digest.
    public struct Record: Sendable {
        public var submissionID: Int64
        public var student: String
        public var exercise: String
        public var fingerprint: String
    }

    private var students: [String: Set<String>] = [:]  // exercise + digest -> students
    private var records: [Int64: Record] = [:]
    private let references: [String: String]

    init(_ records: [Record], baselines: ExerciseBaselines) {
        references = baselines.bySlug.compactMapValues(\.reference)
        for record in records {
            students[record.exercise + "\t" + record.fingerprint, default: []].insert(record.student)
            self.records[record.submissionID] = record
        }
    }

    /// The other students whose submissions of `exercise` made the same changes as any of `student`'s.
    func others(of student: String, in exercise: String) -> [String] {
        var found = Set<String>()
        for record in records.values where record.student == student && record.exercise == exercise {
            found.formUnion(students[exercise + "\t" + record.fingerprint] ?? [])
        }
        found.remove(student)
        return found.sorted()
    }

    /// The other students whose submissions made the same changes as submission `id`.
    func others(ofSubmission id: Int64) -> [String] {
        guard let record = records[id] else { return [] }
        return (students[record.exercise + "\t" + record.fingerprint] ?? []).subtracting([record.student]).sorted()
    }

    /// Whether submission `id` made exactly the reference solution's changes.
    func isReference(_ id: Int64) -> Bool {
        guard let record = records[id] else { return false }
        return references[record.exercise] == record.fingerprint
    }

    /// Whether any of `student`'s submissions of `exercise` is the reference solution.
    func submittedReference(_ student: String, in exercise: String) -> Bool {
        records.values.contains {
            $0.student == student && $0.exercise == exercise && references[exercise] == $0.fingerprint
        }
    }
}

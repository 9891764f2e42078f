import Base
import Dockerfile
import Foundation

/// The two states of a build that `gym cache` compares: two git revisions, a revision and the working tree,
/// or the working tree with some files changed.
///
/// States compare like with like. A revision's tree holds only the files git tracks, but a build context
/// holds everything in the directory that `.dockerignore` lets through: untracked and git-ignored files, and
/// the repository's own `.git` directory when the context is the repository's root. Those files are put in
/// both states (unchanged unless the working tree is the side that changed them), and `.git` differs between
/// the states exactly when their commits differ: after a commit, `.git` really has changed, so a step that
/// copies it misses, every time.
public enum ChangeStates {
    public enum Change: Sendable, Equatable {
        /// `--from REV [--to REV]`: nil `to` is the working tree.
        case revisions(from: String, to: String?)
        /// `--changed FILE...`: these files' contents change in the working tree.
        case files([String])
    }

    /// Builds the before and after states. `dockerfile` is the Dockerfile's path relative to `directory`.
    public static func states(
        directory: String, dockerfile: String, change: Change, buildArgs: [String: String] = [:]
    ) throws -> (before: BuildState, after: BuildState) {
        let dockerfilePath = dockerfile.hasPrefix("/") ? dockerfile : directory + "/" + dockerfile
        switch change {
        case .files(let changed):
            let parsed = try Dockerfile.parse(contentsOfFile: dockerfilePath)
            // both states are this one walk, so contents need no hashing: only the named files differ
            let snapshot = try ContextSnapshot.scan(
                directory: directory, dockerfile: dockerfilePath, hashing: .none, countExcluded: false)
            let changedSnapshot = changing(changed, in: snapshot)
            return (
                BuildState(dockerfile: parsed, context: snapshot, buildArgs: buildArgs),
                BuildState(dockerfile: parsed, context: changedSnapshot, buildArgs: buildArgs)
            )
        case .revisions(let from, let to):
            guard let repository = GitSource.repository(of: directory) else {
                throw ContextError.unreadable(
                    path: directory, reason: "not inside a git repository (needed for --from)")
            }
            // the working tree (a directory walk beside git's index listings) and the revisions (git's trees)
            // are read at the same time
            let (workingSide, revisions) = Concurrently.run(
                {
                    Result { () throws(ContextError) in
                        try GitSource.workingTreeAndIndex(
                            directory: directory, dockerfile: dockerfilePath, repository: repository)
                    }
                },
                {
                    ([from] + (to.map { [$0] } ?? [])).map { name in
                        Result { () throws in
                            let revision = try GitSource.revision(
                                name, directory: directory, dockerfile: dockerfile, prefix: repository.prefix)
                            guard let text = revision.dockerfile else {
                                throw ContextError.unreadable(
                                    path: dockerfile, reason: "not found at revision \(revision.name)")
                            }
                            // with its own .dockerignore, the revision's context needs nothing from the working tree
                            let snapshot =
                                revision.ignoreFile == nil
                                ? nil : try GitSource.snapshot(of: revision, untrackedIgnore: nil)
                            return (revision, try Dockerfile.parse(text), snapshot)
                        }
                    }
                })
            let (working, index) = try workingSide.get()
            let untracked = index.untracked.compactMap { working.entries[$0] }
            var untrackedIgnore: (name: String, text: [UInt8])?
            for name in [dockerfile + ".dockerignore", ".dockerignore"] where !index.tracks(name) {
                if untrackedIgnore == nil, let data = FileManager.default.contents(atPath: directory + "/" + name) {
                    untrackedIgnore = (name, [UInt8](data))
                }
            }
            func revisionState(
                _ read: Result<(GitSource.Revision, Dockerfile, ContextSnapshot?), any Error>
            ) throws -> BuildState {
                let (revision, parsed, ownSnapshot) = try read.get()
                var snapshot = try ownSnapshot ?? GitSource.snapshot(of: revision, untrackedIgnore: untrackedIgnore)
                for entry in untracked
                where snapshot.entries[entry.path] == nil && !snapshot.ignore.excludes(entry.path) {
                    snapshot.entries[entry.path] = Self.atCommit(entry, commit: revision.commit)
                }
                return BuildState(dockerfile: parsed, context: snapshot, buildArgs: buildArgs)
            }
            let before = try revisionState(revisions[0])
            let after: BuildState
            if revisions.count > 1 {
                after = try revisionState(revisions[1])
            } else {
                var snapshot = working
                if let head = index.head {
                    for (path, entry) in working.entries where isGitMetadata(path) {
                        snapshot.entries[path] = Self.atCommit(entry, commit: head)
                    }
                }
                after = BuildState(
                    dockerfile: try Dockerfile.parse(contentsOfFile: dockerfilePath), context: snapshot,
                    buildArgs: buildArgs)
            }
            return (before, after)
        }
    }

    /// `snapshot` with the contents of `paths` changed (a path it lacks, and `.dockerignore` lets through,
    /// appears as a new file): the second state of "these files change".
    public static func changing(_ paths: [String], in snapshot: ContextSnapshot) -> ContextSnapshot {
        var changed = snapshot
        for path in paths {
            let relative = ContextSelection.normalize(path)
            if var entry = changed.entries[relative] {
                entry.digest = "changed:" + entry.digest
                changed.entries[relative] = entry
            } else if !snapshot.ignore.excludes(relative) {
                changed.entries[relative] = ContextEntry(
                    path: relative, kind: .file, size: 0, mode: 0o644, digest: "new")
            }
        }
        return changed
    }

    /// Whether `path` is inside the repository's own `.git` directory.
    public static func isGitMetadata(_ path: String) -> Bool {
        path == ".git" || path.hasPrefix(".git/")
    }

    /// `.git`'s files as they are at `commit`: the working tree's `.git` is the one of HEAD's commit; another
    /// commit had another `.git` (other refs, logs, index), so its entries differ exactly when the commits do.
    static func atCommit(_ entry: ContextEntry, commit: String) -> ContextEntry {
        guard isGitMetadata(entry.path) else { return entry }
        var entry = entry
        entry.digest = "commit:\(commit):" + entry.digest
        return entry
    }

    /// Advice for the steps that copy `.git`: they miss after every commit.
    public static func gitSuggestions(_ prediction: CachePrediction) -> [String] {
        prediction.steps.filter { step in
            step.prediction == .miss && step.isBuildStep && (step.cause ?? "").contains(".git/")
        }.map { step in
            "line \(step.line) (\(step.keyword)) copies the repository's .git directory, which changes with every"
                + " commit, so it misses after each one: add .git to .dockerignore"
        }
    }
}

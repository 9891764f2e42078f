import Foundation

/// What `gym clean` removed from the engine.
public struct CleanupReport: Sendable, Codable, Equatable {
    public var containers: [String]
    public var images: [String]
    /// Bytes of build cache BuildKit reported reclaimed (nil when the cache was left alone).
    public var buildCacheReclaimed: String?
}

/// Removes what gym made on the engine and nothing else: containers and images that carry gym's label
/// (every build and run of gym sets it), and, when asked, BuildKit's cache (which holds no labels, so it is
/// pruned whole, as `docker builder prune` does).
public enum EngineCleanup {
    public static func clean(buildCache: Bool = false) throws(BenchError) -> CleanupReport {
        let label = "label=\(BuildRequest.createdByLabel)"
        func lines(_ arguments: [String]) throws(BenchError) -> [String] {
            let outcome = try ProcessRunner.run(arguments)
            guard outcome.status == 0 else {
                throw .noBuilder("\(arguments.joined(separator: " ")) failed: \(outcome.output)")
            }
            return outcome.output.split(whereSeparator: \.isNewline).map(String.init)
        }
        let containers = try lines(["docker", "ps", "-a", "-q", "--filter", label])
        if !containers.isEmpty { _ = try lines(["docker", "rm", "-f"] + containers) }
        let images = try lines(["docker", "images", "-q", "--no-trunc", "--filter", label])
        var removed: [String] = []
        for image in Set(images).sorted() {
            // an image still used by a container of someone else's stays
            if (try? ProcessRunner.run(["docker", "rmi", "-f", image]))?.status == 0 { removed.append(image) }
        }
        var reclaimed: String?
        if buildCache {
            let output = try lines(["docker", "builder", "prune", "-f"])
            reclaimed =
                output.last { $0.contains("Total") }?.split(separator: ":").last.map {
                    $0.trimmingCharacters(in: .whitespaces)
                } ?? "0B"
        }
        return CleanupReport(containers: containers, images: removed, buildCacheReclaimed: reclaimed)
    }
}

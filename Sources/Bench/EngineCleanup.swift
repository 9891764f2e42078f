import Engine
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
    public static func clean(buildCache: Bool = false, engine: Engine = .local) throws(BenchError) -> CleanupReport {
        try onEngine { () throws(EngineError) in
            let containers = try engine.containerIDs(label: Engine.createdByLabel)
            engine.removeContainers(containers)
            var removed: [String] = []
            for image in Set(try engine.imageIDs(label: Engine.createdByLabel)).sorted() {
                // an image still used by a container of someone else's stays
                if engine.removeImages([image]) { removed.append(image) }
            }
            var reclaimed: String?
            if buildCache {
                let output = try engine.pruneBuildCache(all: false)
                reclaimed =
                    output.split(whereSeparator: \.isNewline).last { $0.contains("Total") }?.split(separator: ":").last
                    .map { $0.trimmingCharacters(in: .whitespaces) } ?? "0B"
            }
            return CleanupReport(containers: containers, images: removed, buildCacheReclaimed: reclaimed)
        }
    }
}

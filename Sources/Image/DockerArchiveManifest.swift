/// One entry of a docker-archive `manifest.json`.
struct DockerManifestEntry: Codable, Sendable {
    var Config: String
    var RepoTags: [String]?
    var Layers: [String]
}

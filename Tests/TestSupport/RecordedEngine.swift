import Engine
import Foundation

/// An engine that answers from a recording of what a real engine said: each command is matched against the
/// recorded answers (the first that matches answers), so a check's decisions can be tested in milliseconds.
/// It adds to the real-engine suites and replaces none of them. Every command asked is kept, for the test to
/// read; a command nothing answers fails as an unreachable engine would.
public final class RecordedEngine: EngineTransport, @unchecked Sendable {
    /// One recorded answer: which commands it answers, and what it answers (computed from the command, so a
    /// fresh value the grader sends can be echoed as the real app would).
    public struct Answer: Sendable {
        let matches: @Sendable ([String]) -> Bool
        let respond: @Sendable ([String]) throws -> EngineOutput

        public init(
            matching matches: @escaping @Sendable ([String]) -> Bool,
            respond: @escaping @Sendable ([String]) throws -> EngineOutput
        ) {
            self.matches = matches
            self.respond = respond
        }

        /// Answers every command whose arguments hold `words` in this order (not necessarily next to each
        /// other) with `status` and `output`.
        public static func on(_ words: String..., status: Int32 = 0, output: String = "") -> Answer {
            Answer(
                matching: { RecordedEngine.holds($0, words) },
                respond: { _ in EngineOutput(status: status, output: output) })
        }

        /// Answers with what `respond` computes from the command's arguments.
        public static func on(
            _ words: String..., respond: @escaping @Sendable ([String]) throws -> EngineOutput
        )
            -> Answer
        {
            Answer(matching: { RecordedEngine.holds($0, words) }, respond: respond)
        }
    }

    private let lock = NSLock()
    private let answers: [Answer]
    private var asked: [[String]] = []

    public init(_ answers: [Answer]) { self.answers = answers }

    /// An engine value that talks to this recording.
    public var engine: Engine { Engine(host: "unix:///recorded/docker.sock", transport: self) }

    /// Every command asked so far, in order (the arguments after `docker`).
    public var commands: [[String]] { lock.withLock { asked } }

    public func execute(
        _ command: EngineCommand, host: String?, onLine: ((String) -> Void)?
    ) throws(EngineError)
        -> EngineOutput
    {
        lock.withLock { asked.append(command.arguments) }
        guard let answer = answers.first(where: { $0.matches(command.arguments) }) else {
            throw .notAnswering(
                host: host ?? "the recording", message: "no recorded answer for docker \(command.arguments)")
        }
        let output: EngineOutput
        do {
            output = try answer.respond(command.arguments)
        } catch {
            throw .io(path: "the recording", reason: "\(error)")
        }
        if let onLine {
            for line in output.output.split(separator: "\n", omittingEmptySubsequences: false) { onLine(String(line)) }
        }
        return output
    }

    /// Whether `arguments` hold `words` in order.
    static func holds(_ arguments: [String], _ words: [String]) -> Bool {
        var rest = arguments[...]
        for word in words {
            guard let index = rest.firstIndex(of: word) else { return false }
            rest = rest[rest.index(after: index)...]
        }
        return true
    }

    /// The value after `option` in a command (`--name` gives the container's name), nil when absent.
    public static func value(of option: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: option), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }
}

/// Writes a docker-archive (as `docker image save` writes it) from files given per layer, with the system's
/// tar: what a recorded `docker image save -o FILE` leaves in FILE.
public enum DockerArchiveFixture {
    /// `layers`: each layer's files (path to content; a path ending in `/` is a directory; `.wh.NAME` deletes
    /// NAME); `history`: each layer's `created_by` (default `RUN step N`).
    public static func write(layers: [[String: String]], history: [String]? = nil, to archive: String) throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("gym-archive-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let root = work.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var diffIDs: [String] = []
        var layerPaths: [String] = []
        for (index, files) in layers.enumerated() {
            let tree = work.appendingPathComponent("layer\(index)")
            try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
            for (path, content) in files {
                let url = tree.appendingPathComponent(path)
                if path.hasSuffix("/") {
                    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                } else {
                    try FileManager.default.createDirectory(
                        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(content.utf8).write(to: url)
                }
            }
            let name = "layer\(index).tar"
            let entries = try FileManager.default.contentsOfDirectory(atPath: tree.path).sorted()
            try tar(["-cf", root.appendingPathComponent(name).path, "--sort=name", "-C", tree.path] + entries)
            diffIDs.append("sha256:" + (try sha256(root.appendingPathComponent(name).path)))
            layerPaths.append(name)
        }
        let config: [String: Any] = [
            "architecture": "amd64", "os": "linux", "config": ["Cmd": ["/app"]],
            "rootfs": ["type": "layers", "diff_ids": diffIDs],
            "history": (history ?? layers.indices.map { "RUN step \($0)" }).map { ["created_by": $0] },
        ]
        let configData = try JSONSerialization.data(withJSONObject: config, options: [.sortedKeys])
        try configData.write(to: root.appendingPathComponent("config.json"))
        let manifest: [[String: Any]] = [
            ["Config": "config.json", "RepoTags": ["recorded:latest"], "Layers": layerPaths]
        ]
        try JSONSerialization.data(withJSONObject: manifest).write(to: root.appendingPathComponent("manifest.json"))
        try tar(["-cf", archive, "-C", root.path, "manifest.json", "config.json"] + layerPaths)
    }

    static func tar(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar"] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw RegistryTestError("tar \(arguments) failed") }
    }

    static func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }
}

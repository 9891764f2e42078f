import Foundation
import Rendering

/// A SARIF 2.1.0 log, the subset GitHub code scanning reads: one run of one tool, its rules, its results.
/// One model for every reporter that writes SARIF (`gym lint`, `gym scan`).
public struct SARIFLog: Codable, Sendable, Equatable {
    public var version = "2.1.0"
    public var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    public var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case version, runs
        case schema = "$schema"
    }

    public init(runs: [Run]) { self.runs = runs }

    public struct Run: Codable, Sendable, Equatable {
        public var tool: Tool
        public var results: [Result]
        public init(tool: Tool, results: [Result]) {
            self.tool = tool
            self.results = results
        }
    }

    public struct Tool: Codable, Sendable, Equatable {
        public var driver: Driver
        public init(driver: Driver) { self.driver = driver }
    }

    public struct Driver: Codable, Sendable, Equatable {
        public var name: String
        public var informationUri: String
        public var version: String
        public var rules: [Rule]
        public init(name: String, informationUri: String, version: String, rules: [Rule]) {
            self.name = name
            self.informationUri = informationUri
            self.version = version
            self.rules = rules
        }
    }

    public enum Level: String, Codable, Sendable {
        case error, warning, note
    }

    public struct Message: Codable, Sendable, Equatable {
        public var text: String
        public var markdown: String?
        public init(_ text: String, markdown: String? = nil) {
            self.text = text
            self.markdown = markdown
        }
    }

    public struct Rule: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var shortDescription: Message
        public var fullDescription: Message?
        public var help: Message?
        public var helpUri: String?
        public var defaultConfiguration: Configuration
        public var properties: Properties?

        public init(
            id: String, shortDescription: Message, fullDescription: Message? = nil, help: Message? = nil,
            helpUri: String? = nil, level: Level, properties: Properties? = nil
        ) {
            self.id = id
            self.name = id
            self.shortDescription = shortDescription
            self.fullDescription = fullDescription
            self.help = help
            self.helpUri = helpUri
            self.defaultConfiguration = Configuration(level: level)
            self.properties = properties
        }
    }

    public struct Configuration: Codable, Sendable, Equatable {
        public var level: Level
    }

    /// `tags`, and `security-severity` (a CVSS score as text: code scanning ranks security results by it).
    public struct Properties: Codable, Sendable, Equatable {
        public var tags: [String]
        public var securitySeverity: String?

        enum CodingKeys: String, CodingKey {
            case tags
            case securitySeverity = "security-severity"
        }

        public init(tags: [String], securitySeverity: String? = nil) {
            self.tags = tags
            self.securitySeverity = securitySeverity
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var ruleId: String
        public var ruleIndex: Int
        public var level: Level
        public var message: Message
        public var locations: [Location]
        public var partialFingerprints: [String: String]?

        public init(
            ruleId: String, ruleIndex: Int, level: Level, message: Message, locations: [Location],
            partialFingerprints: [String: String]? = nil
        ) {
            self.ruleId = ruleId
            self.ruleIndex = ruleIndex
            self.level = level
            self.message = message
            self.locations = locations
            self.partialFingerprints = partialFingerprints
        }
    }

    public struct Location: Codable, Sendable, Equatable {
        public var physicalLocation: PhysicalLocation
        public var message: Message?
        public init(uri: String, region: Region, message: Message? = nil) {
            self.physicalLocation = PhysicalLocation(artifactLocation: ArtifactLocation(uri: uri), region: region)
            self.message = message
        }
    }

    public struct PhysicalLocation: Codable, Sendable, Equatable {
        public var artifactLocation: ArtifactLocation
        public var region: Region
    }

    public struct ArtifactLocation: Codable, Sendable, Equatable {
        public var uri: String
    }

    /// Lines and columns from 1; `endColumn` is one past the last character, as SARIF counts.
    public struct Region: Codable, Sendable, Equatable {
        public var startLine: Int
        public var startColumn: Int?
        public var endLine: Int?
        public var endColumn: Int?
        public init(startLine: Int, startColumn: Int? = nil, endLine: Int? = nil, endColumn: Int? = nil) {
            self.startLine = startLine
            self.startColumn = startColumn
            self.endLine = endLine
            self.endColumn = endColumn
        }
    }

    /// The log as pretty-printed JSON with sorted keys.
    public func json() throws(RenderingError) -> String {
        try JSONText.encode(self)
    }
}

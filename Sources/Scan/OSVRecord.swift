/// One OSV vulnerability record (the fields a scanner needs), as in the OSV schema 1.x.
public struct OSVRecord: Sendable, Codable, Equatable {
    public struct Severity: Sendable, Codable, Equatable {
        public var type: String
        public var score: String
    }

    public struct Package: Sendable, Codable, Equatable {
        public var ecosystem: String
        public var name: String
        public var purl: String?
    }

    public struct Event: Sendable, Codable, Equatable {
        public var introduced: String?
        public var fixed: String?
        public var lastAffected: String?
        public var limit: String?

        enum CodingKeys: String, CodingKey {
            case introduced, fixed, limit
            case lastAffected = "last_affected"
        }
    }

    public struct Range: Sendable, Codable, Equatable {
        public var type: String
        public var events: [Event]
    }

    /// `database_specific` / `ecosystem_specific`: only the severity words are read.
    public struct Specific: Sendable, Codable, Equatable {
        public var severity: String?
        public var urgency: String?
    }

    public struct Affected: Sendable, Codable, Equatable {
        public var package: Package?
        public var ranges: [Range]?
        public var versions: [String]?
        public var ecosystemSpecific: Specific?
        public var databaseSpecific: Specific?

        enum CodingKeys: String, CodingKey {
            case package, ranges, versions
            case ecosystemSpecific = "ecosystem_specific"
            case databaseSpecific = "database_specific"
        }
    }

    public var id: String
    public var aliases: [String]?
    public var summary: String?
    public var modified: String?
    public var published: String?
    public var withdrawn: String?
    public var severity: [Severity]?
    public var affected: [Affected]?
    public var databaseSpecific: Specific?

    enum CodingKeys: String, CodingKey {
        case id, aliases, summary, modified, published, withdrawn, severity, affected
        case databaseSpecific = "database_specific"
    }
}

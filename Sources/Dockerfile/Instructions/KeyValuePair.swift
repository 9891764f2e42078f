/// One `key=value` of ENV or LABEL, as written (quotes are removed at expansion).
public struct KeyValuePair: Sendable, Equatable, Codable {
    public var key: String
    public var value: String
    /// Whether it was written in the legacy `KEY value` form (BuildKit's LegacyKeyValueFormat check).
    public var isLegacyForm: Bool
}

import Dockerfile

/// One problem found in one file.
public struct Finding: Sendable, Equatable, Codable {
    public var file: String
    public var rule: String
    public var severity: Severity
    public var message: String
    /// One line on how to fix it.
    public var fix: String
    public var range: SourceRange

    public init(file: String = "", rule: String, severity: Severity, message: String, fix: String, range: SourceRange) {
        self.file = file
        self.rule = rule
        self.severity = severity
        self.message = message
        self.fix = fix
        self.range = range
    }
}

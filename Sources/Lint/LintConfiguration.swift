import Foundation
import Yams

/// Settings from `--config`, `.gym.yaml` or `.hadolint.yaml`: ignored rules, severity overrides, trusted
/// registries, allowed base images, and the failure threshold. hadolint's keys are read as they are.
public struct LintConfiguration: Sendable, Equatable {
    /// Rule names to ignore: our ids, hadolint ids or BuildKit check names.
    public var ignored: Set<String> = []
    /// Severity overrides by rule name.
    public var severityOverrides: [String: Severity] = [:]
    /// Registries FROM may pull from; empty means any.
    public var trustedRegistries: [String] = []
    /// Base images FROM may use (`python:3.11-slim`, `python:*`); empty means any.
    public var allowedBaseImages: [String] = []
    /// The lowest severity that fails the run; nil means `--failure-threshold` or its default.
    public var failureThreshold: Severity?
    /// `none`: never fail.
    public var neverFail = false

    public init() {}

    /// Reads YAML text (gym's keys and hadolint's).
    public init(yaml text: String, file: String) throws(LintError) {
        let node: Any?
        do {
            node = try Yams.load(yaml: text)
        } catch {
            throw .invalidConfiguration(file: file, reason: "\(error)")
        }
        guard let root = node as? [String: Any] else {
            if node == nil { return }
            throw .invalidConfiguration(file: file, reason: "expected a mapping at the top level")
        }
        func strings(_ key: String) throws(LintError) -> [String] {
            guard let value = root[key] else { return [] }
            guard let list = value as? [Any] else {
                throw .invalidConfiguration(file: file, reason: "\(key) must be a list")
            }
            return list.map { "\($0)" }
        }
        for key in root.keys {
            let known = [
                "ignored", "ignore", "override", "severity", "trustedRegistries", "trusted-registries",
                "allowedBaseImages", "allowed-base-images", "failure-threshold", "failureThreshold", "format",
                "no-color", "no-fail", "strict-labels", "label-schema", "disable-ignore-pragma",
            ]
            if !known.contains(key) {
                throw .invalidConfiguration(file: file, reason: "unknown key \(key.debugDescription)")
            }
        }
        ignored = Set(try strings("ignored") + strings("ignore"))
        trustedRegistries = try strings("trustedRegistries") + strings("trusted-registries")
        allowedBaseImages = try strings("allowedBaseImages") + strings("allowed-base-images")
        if let override = root["override"] {
            guard let map = override as? [String: Any] else {
                throw .invalidConfiguration(file: file, reason: "override must map a severity to a list of rules")
            }
            for (level, rules) in map {
                guard let severity = Self.severity(level) else {
                    throw .invalidConfiguration(file: file, reason: "unknown severity \(level.debugDescription)")
                }
                for rule in (rules as? [Any]) ?? [] { severityOverrides["\(rule)"] = severity }
            }
        }
        if let overrides = root["severity"] {
            guard let map = overrides as? [String: Any] else {
                throw .invalidConfiguration(file: file, reason: "severity must map rules to severities")
            }
            for (rule, level) in map {
                guard let severity = Self.severity("\(level)") else {
                    throw .invalidConfiguration(file: file, reason: "unknown severity \("\(level)".debugDescription)")
                }
                severityOverrides[rule] = severity
            }
        }
        if let threshold = (root["failure-threshold"] ?? root["failureThreshold"]).map({ "\($0)" }) {
            if threshold == "none" {
                neverFail = true
            } else if let severity = Self.severity(threshold) {
                failureThreshold = severity
            } else {
                throw .invalidConfiguration(
                    file: file, reason: "unknown failure-threshold \(threshold.debugDescription)")
            }
        }
    }

    /// Reads a YAML file.
    public init(contentsOfFile path: String) throws(LintError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "no such file or permission denied")
        }
        try self.init(yaml: String(decoding: data, as: UTF8.self), file: path)
    }

    /// `error`, `warning`, `info`, `style`; hadolint's `ignore` is not a severity here.
    static func severity(_ text: String) -> Severity? {
        Severity(rawValue: text.lowercased())
    }
}

extension LintConfiguration {
    /// The files looked for in the current directory when no configuration is named, in order.
    public static let discoveredNames = [".gym.yaml", ".gym.yml", ".hadolint.yaml", ".hadolint.yml"]

    /// The configuration at `explicit`, else the first of `discoveredNames` in the current directory, else the
    /// defaults.
    public static func discover(explicit: String?) throws(LintError) -> LintConfiguration {
        let path = explicit ?? discoveredNames.first { FileManager.default.fileExists(atPath: $0) }
        guard let path else { return LintConfiguration() }
        return try LintConfiguration(contentsOfFile: path)
    }
}

import Foundation
import Yams

/// CI thresholds on an image's layers, from flags or a `.dive-ci` file (dive's keys), checked against an
/// analysis: efficiency, wasted bytes and user wasted percent as dive defines them, and the image size.
public struct LayerGates: Sendable, Equatable {
    public var lowestEfficiency: Double?
    public var highestWastedBytes: Int64?
    public var highestUserWastedPercent: Double?
    public var maxSize: Int64?

    public init(
        lowestEfficiency: Double? = nil, highestWastedBytes: Int64? = nil, highestUserWastedPercent: Double? = nil,
        maxSize: Int64? = nil
    ) {
        self.lowestEfficiency = lowestEfficiency
        self.highestWastedBytes = highestWastedBytes
        self.highestUserWastedPercent = highestUserWastedPercent
        self.maxSize = maxSize
    }

    /// dive's `.dive-ci`: a YAML mapping `rules:` with `lowestEfficiency`, `highestWastedBytes` and
    /// `highestUserWastedPercent`; a rule whose value is `disabled` (or empty) is off. `file` names the file in
    /// errors.
    public init(diveCI text: String, file: String = ".dive-ci") throws(ImageError) {
        func invalid(_ reason: String) -> ImageError { .configuration(file: file, reason: reason) }
        let document: Any?
        do {
            document = try Yams.load(yaml: text)
        } catch {
            throw invalid("not YAML: \(error)")
        }
        guard let document else {
            self.init()
            return
        }
        guard let top = document as? [String: Any] else { throw invalid("expected a mapping with rules:") }
        for key in top.keys where key != "rules" { throw invalid("unknown key \(key) (dive's file has rules:)") }
        guard let rulesValue = top["rules"] else {
            self.init()
            return
        }
        guard let rules = rulesValue as? [String: Any] else { throw invalid("rules: expected a mapping") }
        self.init()
        for (key, raw) in rules.sorted(by: { $0.key < $1.key }) {
            let value = Self.text(raw)
            if value.isEmpty || value == "disabled" { continue }
            switch key {
            case "lowestEfficiency":
                guard let number = Double(value) else { throw invalid("lowestEfficiency: \(value) is not a number") }
                lowestEfficiency = number
            case "highestWastedBytes":
                guard let bytes = Self.bytes(value) else { throw invalid("highestWastedBytes: \(value) is not a size") }
                highestWastedBytes = bytes
            case "highestUserWastedPercent":
                guard let number = Double(value) else {
                    throw invalid("highestUserWastedPercent: \(value) is not a number")
                }
                highestUserWastedPercent = number
            default: throw invalid("unknown rule \(key)")
            }
        }
    }

    /// A YAML scalar as text (`0.95`, `20MB`, `disabled`).
    private static func text(_ value: Any) -> String {
        switch value {
        case let string as String: return string.trimmingCharacters(in: .whitespaces)
        case let number as Int: return String(number)
        case let number as Double: return String(number)
        case is NSNull: return ""
        default: return "\(value)"
        }
    }

    /// `20MB`, `1.5GB`, `1024` → bytes (decimal units, as dive); nil when it is not a size.
    public static func bytes(_ text: String) -> Int64? {
        let units: [(String, Double)] = [("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("B", 1)]
        var number = text.trimmingCharacters(in: .whitespaces)
        var scale = 1.0
        for (suffix, factor) in units where number.uppercased().hasSuffix(suffix) {
            number = String(number.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            scale = factor
            break
        }
        guard let value = Double(number), value >= 0, value.isFinite else { return nil }
        return Int64(value * scale)
    }

    /// The gates the analysis fails, each as a sentence; empty when it passes them all.
    public func failures(_ analysis: ImageAnalysis) -> [String] {
        var failed: [String] = []
        let dive = analysis.dive
        if let limit = lowestEfficiency, dive.efficiency < limit {
            failed.append(String(format: "efficiency %.4f is below %.4f", dive.efficiency, limit))
        }
        if let limit = highestWastedBytes, dive.wastedBytes > limit {
            failed.append("wasted bytes \(dive.wastedBytes) exceed \(limit)")
        }
        if let limit = highestUserWastedPercent, dive.userWastedPercent > limit {
            failed.append(String(format: "user wasted percent %.4f exceeds %.4f", dive.userWastedPercent, limit))
        }
        if let limit = maxSize, analysis.totalSize > limit {
            failed.append("image size \(analysis.totalSize) exceeds \(limit)")
        }
        return failed
    }
}

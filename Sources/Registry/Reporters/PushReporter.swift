import Base
import Rendering

/// Renders what a push did, for a person or as JSON.
public enum PushReporter {
    public static func text(_ result: PushResult) -> String {
        var skipped: [String] = []
        if result.existing > 0 { skipped.append("\(result.existing) already there") }
        if result.mounted > 0 { skipped.append("\(result.mounted) mounted from another repository") }
        return """
            pushed \(result.reference)
              manifest  \(result.manifestDigest)
              uploaded  \(result.uploaded) blob\(result.uploaded == 1 ? "" : "s"), \(ByteCount.text(result.uploadedBytes))\
            \(skipped.isEmpty ? "" : " (" + skipped.joined(separator: ", ") + ")")

            """
    }

    public static func json(_ result: PushResult) throws(RenderingError) -> String {
        try JSONText.encode(result) + "\n"
    }
}

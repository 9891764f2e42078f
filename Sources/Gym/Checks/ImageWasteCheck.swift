import Base
import Context

/// Measured on the image: bytes stored in layers that the final filesystem does not have (written by one
/// instruction, deleted or overwritten by a later one), against a limit. Waste the base image already
/// carries (removed by one of its own layers) is not the learner's and does not count.
struct ImageWasteCheck: ExerciseCheck {
    let maximumMegabytes: Double
    let id = "image-waste"
    var title: String { "at most \(ByteCount.text(limit)) stored in layers and deleted later" }
    let needsEngine = true
    var evidence: String { "the image's layers, read by gym, above the base image's" }
    var limit: Int64 { Int64(maximumMegabytes * 1_000_000) }

    func run(_ context: CheckContext) -> CheckResult {
        if let failure = unbuilt(context) { return failure }
        guard let analysis = context.analysis() else { return result(false, "cannot read the image") }
        switch analysis {
        case .failure(let error):
            return result(false, "cannot read the image: \(error)")
        case .success(let (image, _)):
            let base = context.baseLayerCount() ?? 0
            let waste = image.waste.filter { $0.removedBy >= base }
            let bytes = waste.reduce(Int64(0)) { $0 + $1.bytes }
            var measured = "\(ByteCount.text(bytes)) reclaimable (limit \(ByteCount.text(limit)))"
            if base > 0 { measured += " above the base image's \(base) layer(s)" }
            if let largest = waste.first {
                measured +=
                    "; largest: /\(largest.path), \(ByteCount.text(largest.bytes)), added by layer \(largest.addedBy), \(largest.how) by layer \(largest.removedBy)"
            }
            return result(
                bytes <= limit, measured,
                advice: "a file deleted in a later RUN still ships in the layer that wrote it")
        }
    }
}

import Context

/// Measured on the image: bytes stored in layers that the final filesystem does not have (written by one
/// instruction, deleted or overwritten by a later one), against a limit.
struct ImageWasteCheck: ExerciseCheck {
    let maximumMegabytes: Double
    let id = "image-waste"
    var title: String { "at most \(ByteCount.text(limit)) stored in layers and deleted later" }
    let needsEngine = true
    var limit: Int64 { Int64(maximumMegabytes * 1_000_000) }

    func run(_ context: CheckContext) -> CheckResult {
        guard let analysis = context.analysis() else {
            if case .failure(let error) = context.image() {
                return result(false, "the image does not build", advice: "\(error)")
            }
            return result(false, "the image does not build")
        }
        switch analysis {
        case .failure(let error):
            return result(false, "cannot read the image: \(error)")
        case .success(let (image, _)):
            var measured = "\(ByteCount.text(image.reclaimableBytes)) reclaimable (limit \(ByteCount.text(limit)))"
            if let largest = image.waste.first {
                measured +=
                    "; largest: /\(largest.path), \(ByteCount.text(largest.bytes)), added by layer \(largest.addedBy), \(largest.how) by layer \(largest.removedBy)"
            }
            return result(
                image.reclaimableBytes <= limit, measured,
                advice: "a file deleted in a later RUN still ships in the layer that wrote it")
        }
    }
}

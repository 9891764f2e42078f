import Base
import Bench
import Context

/// Measured on the engine: the image's size as `docker images` reports it, against a limit.
struct ImageSizeCheck: ExerciseCheck {
    let maximumMegabytes: Double
    let id = "image-size"
    var title: String { "the image is at most \(ByteCount.text(limit))" }
    let needsEngine = true
    var evidence: String { "the engine, for the image built from the workspace in this check" }
    var limit: Int64 { Int64(maximumMegabytes * 1_000_000) }

    func run(_ context: CheckContext) -> CheckResult {
        switch context.image() {
        case .failure(let error):
            return result(false, "the image does not build", advice: "\(error)")
        case .success(let built):
            guard let size = built.imageSize else { return result(false, "the engine did not report a size") }
            let measured = "the image is \(ByteCount.text(size)) (limit \(ByteCount.text(limit)))"
            return result(
                size <= limit, measured,
                advice:
                    "`docker build -t mine . && gym layers mine` shows which layers hold the bytes and which instructions wrote them"
            )
        }
    }
}

import Foundation

/// A made-up cohort, seeded through the store as real submissions and verdicts would arrive: for trying the
/// pages, and for measuring them at a department's scale (`benchmarks/class-pages.sh`). Names are
/// `student001`...; every student submits each exercise `submissions` times, the last passing.
public enum DemoClass {
    public static func seed(
        into store: any ClassStore, name: String, students: Int, exercises: [String], submissions: Int,
        progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws(ServerError) -> CreatedClass {
        let created = try await store.createClass(name: name)
        let total = students * exercises.count * submissions
        var done = 0
        var generator = SeededGenerator(seed: 20_261_207)
        let start = Date().addingTimeInterval(-7 * 24 * 3600)
        for index in 1...max(1, students) {
            let studentName = String(format: "student%03d", index)
            let token = try await store.join(inviteCode: created.inviteCode, name: studentName).token
            guard let member = try await store.member(token: token) else { throw .database("a seeded member vanished") }
            for exercise in exercises {
                for attempt in 1...max(1, submissions) {
                    let at = start.addingTimeInterval(Double(done) * 30)
                    let size = Int64(60_000_000 + Int(generator.next() % 240_000_000))
                    let hints = Int(generator.next() % 3)
                    let id = try await store.submit(
                        SubmissionRequest(
                            exercise: exercise,
                            workspace: [
                                WorkspaceFile(
                                    path: "Dockerfile", content: Data("FROM scratch\n".utf8).base64EncodedString())
                            ],
                            claimed: ClaimedResult(passed: true, sizeBytes: size, hints: hints)),
                        by: member, at: at, fingerprint: String(format: "%016llx", generator.next()))
                    guard try await store.claim(worker: "demo", lease: 60, now: at) != nil else {
                        throw .database("the seeded submission \(id) was not queued")
                    }
                    let passed = attempt == submissions
                    let verdict = Verdict(
                        passed: passed,
                        checks: [VerifiedCheck(id: "image-size", passed: passed, measured: "seeded", advice: nil)],
                        sizeBytes: size, baseImage: "debian:bookworm-slim",
                        reason: passed ? nil : "image-size: seeded failure")
                    _ = try await store.finish(
                        id: id, worker: "demo", status: passed ? .passed : .failed, verdict: verdict,
                        at: at.addingTimeInterval(20))
                    done += 1
                    if done % 100 == 0 || done == total { progress(done, total) }
                }
            }
        }
        return created
    }
}

/// A small deterministic generator (SplitMix64): the same demo class every time.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

import Foundation

/// A token bucket per key (a member, or an address): `burst` requests at once, then `perSecond`.
actor RateLimiter {
    let burst: Double
    let perSecond: Double
    private var buckets: [String: (tokens: Double, at: Date)] = [:]

    init(burst: Int, perSecond: Double) {
        self.burst = Double(burst)
        self.perSecond = perSecond
    }

    func admit(_ key: String, now: Date = Date()) throws(ServerError) {
        var bucket = buckets[key] ?? (burst, now)
        bucket.tokens = min(burst, bucket.tokens + now.timeIntervalSince(bucket.at) * perSecond)
        bucket.at = now
        guard bucket.tokens >= 1 else {
            buckets[key] = bucket
            throw .rateLimited(retryAfter: max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up))))
        }
        bucket.tokens -= 1
        buckets[key] = bucket
        if buckets.count > 10_000 { buckets = buckets.filter { now.timeIntervalSince($0.value.at) < 60 } }
    }
}

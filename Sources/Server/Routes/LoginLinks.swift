import Foundation

/// One-time browser logins: a member's token traded for a short-lived code that one browser redeems once, so
/// the token never appears in a URL (a proxy's log, the browser's history, a shared screen). The codes live in
/// this process only: the HTTP side of a class server is one process, and a code is used seconds after it is
/// made.
actor LoginLinks {
    /// How long a code can be redeemed.
    static let lifetime: TimeInterval = 120
    /// Codes waiting at most at once; the oldest goes first.
    static let capacity = 1024

    private var codes: [String: (token: String, expires: Date)] = [:]

    /// A new code that stands for `token` until it is redeemed or `lifetime` passes.
    func issue(token: String, now: Date = Date()) -> String {
        codes = codes.filter { $0.value.expires > now }
        if codes.count >= Self.capacity, let oldest = codes.min(by: { $0.value.expires < $1.value.expires }) {
            codes[oldest.key] = nil
        }
        let code = Secret.make("gyml_")
        codes[code] = (token, now.addingTimeInterval(Self.lifetime))
        return code
    }

    /// The token a code stands for, once: the code is gone after, and nil when it expired or never was.
    func redeem(_ code: String, now: Date = Date()) -> String? {
        guard let entry = codes.removeValue(forKey: code), entry.expires > now else { return nil }
        return entry.token
    }
}

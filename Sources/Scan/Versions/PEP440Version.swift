import Foundation

/// A Python package version ordered as PEP 440 (and pip's `packaging`) orders it: epoch, release (trailing
/// zeros ignored), then dev < pre-releases (a < b < rc) < final < post, local labels above the public
/// version. Spellings are normalised (alpha, beta, c, pre, preview, rev, r, implicit numbers, `1.0-1` as a
/// post-release). Strings PEP 440 cannot read are legacy versions, below every valid one, ordered among
/// themselves as setuptools' LegacyVersion did.
public struct PEP440Version: Comparable, Sendable, CustomStringConvertible {
    enum Key: Comparable, Sendable {
        case legacy([String])
        case valid(
            epoch: Int, release: [Int], pre: Bound, post: Bound, dev: Bound, local: [LocalSegment])

        static func < (a: Key, b: Key) -> Bool {
            switch (a, b) {
            case (.legacy(let x), .legacy(let y)): return x.lexicographicallyPrecedes(y)
            case (.legacy, .valid): return true
            case (.valid, .legacy): return false
            case (
                .valid(let e1, let r1, let pre1, let post1, let dev1, let l1),
                .valid(let e2, let r2, let pre2, let post2, let dev2, let l2)
            ):
                if e1 != e2 { return e1 < e2 }
                // releases compare as if padded with zeros
                for i in 0..<max(r1.count, r2.count) {
                    let x = i < r1.count ? r1[i] : 0
                    let y = i < r2.count ? r2[i] : 0
                    if x != y { return x < y }
                }
                if pre1 != pre2 { return pre1 < pre2 }
                if post1 != post2 { return post1 < post2 }
                if dev1 != dev2 { return dev1 < dev2 }
                // no local label sorts below any
                return l1.lexicographicallyPrecedes(l2)
            }
        }

        static func == (a: Key, b: Key) -> Bool { !(a < b) && !(b < a) }
    }

    /// An optional segment with its ordering: absent sorts below or above any present value.
    enum Bound: Comparable, Sendable {
        case below
        case value(Int, Int)
        case above
    }

    /// A local label segment: numbers above words, numbers numerically, words alphabetically.
    enum LocalSegment: Comparable, Sendable {
        case text(String)
        case number(Int)
    }

    let key: Key
    public let description: String

    public init(_ text: String) {
        description = text
        key = Self.parse(text.trimmingCharacters(in: .whitespaces).lowercased()) ?? .legacy(Self.legacyKey(text))
    }

    public static func < (a: PEP440Version, b: PEP440Version) -> Bool { a.key < b.key }
    public static func == (a: PEP440Version, b: PEP440Version) -> Bool { a.key == b.key }

    static let pattern = try! NSRegularExpression(
        pattern: #"""
            ^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$
            """#)

    static func parse(_ text: String) -> Key? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = pattern.firstMatch(in: text, range: range) else { return nil }
        func group(_ i: Int) -> String? {
            let r = match.range(at: i)
            guard r.location != NSNotFound, let swiftRange = Range(r, in: text) else { return nil }
            return String(text[swiftRange])
        }
        let epoch = group(1).flatMap { Int($0) } ?? 0
        var release = (group(2) ?? "0").split(separator: ".").map { Int($0) ?? 0 }
        while release.count > 1, release.last == 0 { release.removeLast() }
        var pre = Bound.above
        if let label = group(3) {
            let rank = ["a": 0, "alpha": 0, "b": 1, "beta": 1][label] ?? 2
            pre = .value(rank, group(4).flatMap { Int($0) } ?? 0)
        }
        var post = Bound.below
        if let implicit = group(5) {
            post = .value(0, Int(implicit) ?? 0)
        } else if group(6) != nil {
            post = .value(0, group(7).flatMap { Int($0) } ?? 0)
        }
        var dev = Bound.above
        if group(8) != nil { dev = .value(0, group(9).flatMap { Int($0) } ?? 0) }
        // a dev release of a final version sorts before its pre-releases
        if case .above = pre, case .below = post, case .value = dev { pre = .below }
        let local =
            group(10)?.split(whereSeparator: { "-_.".contains($0) }).map { part -> LocalSegment in
                Int(part).map(LocalSegment.number) ?? .text(String(part))
            } ?? []
        return .valid(epoch: epoch, release: release, pre: pre, post: post, dev: dev, local: local)
    }

    /// setuptools' LegacyVersion key: zero-padded numbers, `*`-prefixed words, pre-release words before
    /// `*final`.
    static func legacyKey(_ text: String) -> [String] {
        var parts: [String] = []
        var tokens: [String] = []
        var current = ""
        var currentIsDigit = false
        for character in text.lowercased() {
            if character == "." || character == "-" {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                tokens.append(String(character))
                continue
            }
            let isDigit = character.isNumber
            let isLetter = character.isLetter
            if !isDigit && !isLetter {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                tokens.append(String(character))
                continue
            }
            if !current.isEmpty && isDigit != currentIsDigit {
                tokens.append(current)
                current = ""
            }
            current.append(character)
            currentIsDigit = isDigit
        }
        if !current.isEmpty { tokens.append(current) }
        let replacements = ["pre": "c", "preview": "c", "-": "final-", "rc": "c", "dev": "@"]
        var expanded: [String] = []
        for token in tokens {
            let part = replacements[token] ?? token
            if part.isEmpty || part == "." { continue }
            if let first = part.first, first.isNumber {
                expanded.append(String(repeating: "0", count: max(0, 8 - part.count)) + part)
            } else {
                expanded.append("*" + part)
            }
        }
        expanded.append("*final")
        for part in expanded {
            if part.hasPrefix("*") {
                if part < "*final" {
                    while parts.last == "*final-" { parts.removeLast() }
                }
                while parts.last == "00000000" { parts.removeLast() }
            }
            parts.append(part)
        }
        return parts
    }
}

/// An Alpine package version (`1.2.3b_rc1~abc-r2`) ordered as apk orders it: tokens compared left to right
/// (numbers numerically, a component with a leading zero as a string, the letter, the suffix by its rank:
/// `_alpha` < `_beta` < `_pre` < `_rc` < none < `_cvs` < `_svn` < `_git` < `_hg` < `_p`, its number, the
/// revision); when one version runs out of tokens first, it is older unless the other continues with a
/// pre-release suffix.
public struct AlpineVersion: Sendable, CustomStringConvertible {
    enum Kind: Int, Comparable {
        case initialDigit, digit, letter, letterNumber, suffix, suffixNumber, commitHash, revision, end, invalid

        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    struct Token {
        var kind: Kind
        /// The token's text: digits, the letter, the suffix word, the hash.
        var text: Substring
        /// For suffixes, the rank (`noneRank` is a release).
        var rank: Int = 0
    }

    static let suffixRanks = ["alpha": 1, "beta": 2, "pre": 3, "rc": 4, "cvs": 6, "svn": 7, "git": 8, "hg": 9, "p": 10]
    static let noneRank = 5

    public let description: String
    let tokens: [Token]

    /// Whether apk would refuse the version (a token it cannot read).
    public var isInvalid: Bool { tokens.last?.kind == .invalid }

    public init(_ text: String) {
        description = text
        tokens = Self.tokenize(Substring(text))
    }

    /// The tokens up to and including the first that ends the version (`end` or `invalid`).
    static func tokenize(_ text: Substring) -> [Token] {
        var rest = text
        func digits() -> Substring {
            let run = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(run.count)
            return run
        }
        let first = digits()
        var tokens = [Token(kind: first.isEmpty ? .invalid : .initialDigit, text: first)]
        while let last = tokens.last?.kind, last < .end {
            guard let character = rest.first else {
                tokens.append(Token(kind: .end, text: ""))
                break
            }
            var next = Token(kind: .invalid, text: "")
            switch character {
            case "a"..."z":
                if last <= .digit {
                    next = Token(kind: .letter, text: rest.prefix(1))
                    rest = rest.dropFirst()
                }
            case ".":
                if last <= .digit {
                    rest = rest.dropFirst()
                    next = Token(kind: .digit, text: digits())
                }
            case "0"..."9":
                if last == .suffix {
                    next = Token(kind: .suffixNumber, text: digits())
                } else if last == .letter {
                    next = Token(kind: .letterNumber, text: digits())
                }
            case "_":
                if last <= .suffixNumber {
                    rest = rest.dropFirst()
                    let word = rest.prefix { ("a"..."z").contains($0) }
                    rest = rest.dropFirst(word.count)
                    if let rank = suffixRanks[String(word)] { next = Token(kind: .suffix, text: word, rank: rank) }
                }
            case "~":
                if last < .commitHash {
                    rest = rest.dropFirst()
                    let hash = rest.prefix { $0.isHexDigit }
                    rest = rest.dropFirst(hash.count)
                    if !hash.isEmpty { next = Token(kind: .commitHash, text: hash) }
                }
            case "-":
                if last < .revision && rest.hasPrefix("-r") {
                    rest = rest.dropFirst(2)
                    let number = digits()
                    // `-r` alone at the end is revision 0; `-r` followed by anything but digits is not a revision
                    if !number.isEmpty || rest.isEmpty { next = Token(kind: .revision, text: number) }
                }
            default: break
            }
            tokens.append(next)
        }
        return tokens
    }

    /// Digits as a number, compared without limits: fewer significant digits is smaller.
    static func compareNumbers(_ a: Substring, _ b: Substring) -> Int {
        let x = a.drop { $0 == "0" }
        let y = b.drop { $0 == "0" }
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        return x == y ? 0 : (x < y ? -1 : 1)
    }

    /// Byte order, a prefix first.
    static func compareText(_ a: Substring, _ b: Substring) -> Int {
        a == b ? 0 : (a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1)
    }

    static func compare(_ a: Token, _ b: Token) -> Int {
        switch a.kind {
        case .digit where a.text.hasPrefix("0") || b.text.hasPrefix("0"): return compareText(a.text, b.text)
        case .initialDigit, .digit, .letterNumber, .suffixNumber, .revision: return compareNumbers(a.text, b.text)
        case .suffix: return a.rank == b.rank ? 0 : (a.rank < b.rank ? -1 : 1)
        default: return compareText(a.text, b.text)
        }
    }

    /// Negative, zero or positive, as `a` is older than, the same as, or newer than `b`.
    public static func compare(_ a: AlpineVersion, _ b: AlpineVersion) -> Int {
        if a.tokens[0].kind == .invalid && b.tokens[0].kind == .invalid {
            return compareText(Substring(a.description), Substring(b.description))
        }
        var index = 0
        while index < a.tokens.count, index < b.tokens.count {
            let (x, y) = (a.tokens[index], b.tokens[index])
            guard x.kind == y.kind, x.kind < .end else {
                // equal up to here, and both end in something apk cannot read: the same version to apk
                if x.kind == y.kind || (a.isInvalid && b.isInvalid) { return 0 }
                if x.kind == .suffix && x.rank < noneRank { return -1 }
                if y.kind == .suffix && y.rank < noneRank { return 1 }
                return x.kind > y.kind ? -1 : 1
            }
            let order = compare(x, y)
            if order != 0 { return order }
            index += 1
        }
        return 0
    }
}

/// Builder flags (`--name=value`) of one instruction, validated like BuildKit's `BFlags`.
public struct BuilderFlags: Sendable, Equatable {
    /// How a flag takes its value.
    public enum Kind: Sendable {
        case bool, string, strings
    }

    /// Values by flag name: one for string and bool flags ("true"/"false"), several for repeatable ones.
    public private(set) var values: [String: [String]] = [:]

    /// Parses `flags` against the flags an instruction defines.
    public init(_ flags: [String], allowed: [String: Kind], instruction: String) throws(FlagFailure) {
        for arg in flags {
            guard arg.hasPrefix("--") else {
                throw FlagFailure(message: "arg should start with -- : \(arg)", flag: arg)
            }
            if arg == "--" { return }
            var name = String(arg.dropFirst(2))
            var value = ""
            let hasValue = name.includes("=")
            if let eq = name.firstIndex(of: "=") {
                value = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let kind = allowed[name] else {
                var message = "unknown flag: \(name)"
                if let suggestion = closestMatch(to: name, in: Array(allowed.keys)) {
                    message += " (did you mean \(suggestion)?)"
                } else if allowed.isEmpty {
                    message += " (\(instruction.uppercased()) takes no flags)"
                }
                throw FlagFailure(message: message, flag: arg)
            }
            if values[name] != nil && kind != .strings {
                throw FlagFailure(message: "duplicate flag specified: \(name)", flag: arg)
            }
            switch kind {
            case .bool:
                if hasValue && value.isEmpty {
                    throw FlagFailure(message: "missing a value on flag: \(name)", flag: arg)
                }
                let lower = value.lowercased()
                if lower.isEmpty {
                    values[name] = ["true"]
                } else if lower == "true" || lower == "false" {
                    values[name] = [lower]
                } else {
                    throw FlagFailure(message: "expecting boolean value for flag \(name), not: \(value)", flag: arg)
                }
            case .string:
                guard hasValue else { throw FlagFailure(message: "missing a value on flag: \(name)", flag: arg) }
                values[name] = [value]
            case .strings:
                guard hasValue else { throw FlagFailure(message: "missing a value on flag: \(name)", flag: arg) }
                values[name, default: []].append(value)
            }
        }
    }

    /// The value of a string flag, nil when not given.
    public func string(_ name: String) -> String? { values[name]?.last }
    /// The value of a bool flag, false when not given.
    public func bool(_ name: String) -> Bool { values[name]?.last == "true" }
    /// The values of a repeatable flag.
    public func strings(_ name: String) -> [String] { values[name] ?? [] }
}

/// Why a builder flag was rejected, and which flag.
public struct FlagFailure: Error, Sendable {
    public var message: String
    public var flag: String
}

/// The candidate nearest to `word` by edit distance (case-insensitive), when near enough to be a likely typo.
func closestMatch(to word: String, in candidates: [String]) -> String? {
    let target = Array(word.lowercased())
    var best: (String, Int)? = nil
    for candidate in candidates.sorted() {
        let distance = editDistance(target, Array(candidate.lowercased()))
        if distance <= max(2, min(target.count, candidate.count) / 3), distance < candidate.count,
            distance < (best?.1 ?? Int.max)
        {
            best = (candidate, distance)
        }
    }
    return best?.0
}

func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    if abs(a.count - b.count) > 8 { return abs(a.count - b.count) }
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

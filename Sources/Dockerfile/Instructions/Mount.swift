/// One `RUN --mount=...` specification.
public struct Mount: Sendable, Equatable, Codable {
    /// The kinds of mount BuildKit offers.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case bind, cache, tmpfs, secret, ssh
    }

    public var type: Kind = .bind
    public var target: String?
    public var source: String?
    /// `from=`: a stage, image or named context to mount from (bind and cache).
    public var from: String?
    public var id: String?
    /// `sharing=` for cache mounts: shared, private or locked.
    public var sharing: String?
    public var mode: String?
    public var uid: String?
    public var gid: String?
    public var size: String?
    public var env: String?
    public var readOnly: Bool?
    public var required: Bool?

    /// Parses a `type=cache,target=/root/.cache,...` specification (CSV, quotes allowed).
    public init(parsing spec: String) throws(FlagFailure) {
        func fail(_ message: String) -> FlagFailure { FlagFailure(message: message, flag: spec) }
        for field in Self.csvFields(spec) {
            let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].lowercased()
            let value = parts.count == 2 ? String(parts[1]) : nil
            func bool() throws(FlagFailure) -> Bool {
                guard let value else { return true }
                switch value.lowercased() {
                case "true", "1": return true
                case "false", "0": return false
                default: throw fail("invalid value for \(key): \(value)")
                }
            }
            switch key {
            case "readonly", "ro": readOnly = try bool()
            case "readwrite", "rw": readOnly = !(try bool())
            case "required": required = try bool()
            default:
                guard let value else { throw fail("invalid field '\(field)' must be a key=value pair") }
                switch key {
                case "type":
                    guard let kind = Kind(rawValue: value.lowercased()) else {
                        throw fail("unsupported mount type \(goQuote(value))")
                    }
                    type = kind
                case "target", "dst", "destination": target = value
                case "source", "src": source = value
                case "from": from = value
                case "id": id = value
                case "sharing":
                    guard ["shared", "private", "locked"].contains(value.lowercased()) else {
                        throw fail("unsupported sharing value \(goQuote(value))")
                    }
                    sharing = value.lowercased()
                case "mode":
                    guard UInt32(value, radix: 8) != nil else { throw fail("invalid value for mode: \(value)") }
                    mode = value
                case "uid": uid = value
                case "gid": gid = value
                case "size": size = value
                case "env": env = value
                default: throw fail("unexpected key '\(key)' in '\(field)'")
                }
            }
        }
    }

    static func csvFields(_ text: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var chars = Array(text)[...]
        while let ch = chars.popFirst() {
            if ch == "\"" {
                if inQuotes, chars.first == "\"" {
                    current.append("\"")
                    chars.removeFirst()
                } else {
                    inQuotes.toggle()
                }
            } else if ch == "," && !inQuotes {
                fields.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        fields.append(current)
        return fields.filter { !$0.isEmpty }
    }
}

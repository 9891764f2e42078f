/// Reads the exec (JSON array) form of an instruction the way Go's `encoding/json` and BuildKit do.
enum JSONArgs {
    enum Outcome: Equatable {
        /// A JSON array of strings.
        case strings([String])
        /// Valid JSON array, but an element is not a string: BuildKit rejects the instruction.
        case notStringArray
        /// Not JSON: BuildKit falls back to the shell (or whitespace-list) form.
        case notJSON
    }

    static func parse(_ text: String) -> Outcome {
        var reader = Reader(bytes: Array(text.utf8))
        reader.skipWhitespace()
        guard reader.peek() == UInt8(ascii: "[") else { return .notJSON }
        guard let value = try? reader.readValue(depth: 0) else { return .notJSON }
        reader.skipWhitespace()
        guard reader.atEnd else { return .notJSON }
        guard case .array(let items) = value else { return .notJSON }
        var strings: [String] = []
        for item in items {
            guard case .string(let s) = item else { return .notStringArray }
            strings.append(s)
        }
        return .strings(strings)
    }

    private enum Value {
        case string(String)
        case array([Value])
        case other
    }

    private struct Malformed: Error {}

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index >= bytes.count }
        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while let b = peek(), b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { index += 1 }
        }

        mutating func expect(_ literal: String) throws(Malformed) {
            for b in literal.utf8 {
                guard peek() == b else { throw Malformed() }
                index += 1
            }
        }

        /// Reads one JSON value. Only the top-level array's elements are materialised (strings); nested
        /// containers are validated with an explicit stack, so any nesting depth is safe.
        mutating func readValue(depth: Int) throws(Malformed) -> Value {
            skipWhitespace()
            guard let b = peek() else { throw Malformed() }
            switch b {
            case UInt8(ascii: "["):
                guard depth == 0 else {
                    try skipContainer()
                    return .other
                }
                index += 1
                var items: [Value] = []
                skipWhitespace()
                if peek() == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
                while true {
                    items.append(try readValue(depth: depth + 1))
                    skipWhitespace()
                    guard let sep = peek() else { throw Malformed() }
                    index += 1
                    if sep == UInt8(ascii: "]") { return .array(items) }
                    guard sep == UInt8(ascii: ",") else { throw Malformed() }
                }
            case UInt8(ascii: "{"):
                try skipContainer()
                return .other
            case UInt8(ascii: "\""):
                return .string(try readString())
            default:
                try readScalar()
                return .other
            }
        }

        mutating func readScalar() throws(Malformed) {
            switch peek() {
            case UInt8(ascii: "t"): try expect("true")
            case UInt8(ascii: "f"): try expect("false")
            case UInt8(ascii: "n"): try expect("null")
            case UInt8(ascii: "\""): _ = try readString()
            default: try readNumber()
            }
        }

        /// Validates an array or object starting at the current byte, iteratively.
        mutating func skipContainer() throws(Malformed) {
            var stack: [UInt8] = []
            var expectingValue = true
            while true {
                skipWhitespace()
                if expectingValue {
                    guard let b = peek() else { throw Malformed() }
                    if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
                        index += 1
                        stack.append(b)
                        skipWhitespace()
                        let closer = b == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
                        if peek() == closer {
                            index += 1
                            stack.removeLast()
                            expectingValue = false
                        } else if b == UInt8(ascii: "{") {
                            try readKey()
                        }
                        if stack.isEmpty { return }
                        continue
                    }
                    try readScalar()
                    expectingValue = false
                    if stack.isEmpty { return }
                    continue
                }
                guard let top = stack.last, let c = peek() else { throw Malformed() }
                index += 1
                if c == UInt8(ascii: ",") {
                    if top == UInt8(ascii: "{") {
                        skipWhitespace()
                        try readKey()
                    }
                    expectingValue = true
                } else if (top == UInt8(ascii: "[") && c == UInt8(ascii: "]"))
                    || (top == UInt8(ascii: "{") && c == UInt8(ascii: "}"))
                {
                    stack.removeLast()
                    if stack.isEmpty { return }
                } else {
                    throw Malformed()
                }
            }
        }

        mutating func readKey() throws(Malformed) {
            guard peek() == UInt8(ascii: "\"") else { throw Malformed() }
            _ = try readString()
            skipWhitespace()
            try expect(":")
        }

        mutating func readNumber() throws(Malformed) {
            func digit(_ b: UInt8?) -> Bool { b.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
            if peek() == UInt8(ascii: "-") { index += 1 }
            guard digit(peek()) else { throw Malformed() }
            if peek() == UInt8(ascii: "0") {
                index += 1
            } else {
                while digit(peek()) { index += 1 }
            }
            if peek() == UInt8(ascii: ".") {
                index += 1
                guard digit(peek()) else { throw Malformed() }
                while digit(peek()) { index += 1 }
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                index += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
                guard digit(peek()) else { throw Malformed() }
                while digit(peek()) { index += 1 }
            }
        }

        mutating func readHex4() throws(Malformed) -> UInt32 {
            guard index + 4 <= bytes.count else { throw Malformed() }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[index]
                index += 1
                let v: UInt8
                switch b {
                case 0x30...0x39: v = b - 0x30
                case 0x41...0x46: v = b - 0x41 + 10
                case 0x61...0x66: v = b - 0x61 + 10
                default: throw Malformed()
                }
                value = value * 16 + UInt32(v)
            }
            return value
        }

        mutating func readString() throws(Malformed) -> String {
            index += 1  // opening quote
            var raw: [UInt8] = []
            while true {
                guard let b = peek() else { throw Malformed() }
                index += 1
                switch b {
                case UInt8(ascii: "\""):
                    return String(decoding: raw, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let e = peek() else { throw Malformed() }
                    index += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): raw.append(e)
                    case UInt8(ascii: "b"): raw.append(0x08)
                    case UInt8(ascii: "f"): raw.append(0x0C)
                    case UInt8(ascii: "n"): raw.append(0x0A)
                    case UInt8(ascii: "r"): raw.append(0x0D)
                    case UInt8(ascii: "t"): raw.append(0x09)
                    case UInt8(ascii: "u"):
                        var code = try readHex4()
                        if (0xD800..<0xDC00).contains(code) {
                            let save = index
                            if peek() == UInt8(ascii: "\\"), index + 1 < bytes.count,
                                bytes[index + 1] == UInt8(ascii: "u")
                            {
                                index += 2
                                let low = try readHex4()
                                if (0xDC00..<0xE000).contains(low) {
                                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                                } else {
                                    index = save
                                    code = 0xFFFD
                                }
                            } else {
                                code = 0xFFFD
                            }
                        } else if (0xDC00..<0xE000).contains(code) {
                            code = 0xFFFD
                        }
                        raw.append(contentsOf: Array(String(Unicode.Scalar(code) ?? "\u{FFFD}").utf8))
                    default: throw Malformed()
                    }
                default:
                    guard b >= 0x20 else { throw Malformed() }
                    raw.append(b)
                }
            }
        }
    }
}

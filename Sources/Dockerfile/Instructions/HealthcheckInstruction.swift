/// `HEALTHCHECK NONE` or `HEALTHCHECK [--interval=D --timeout=D --start-period=D --start-interval=D --retries=N] CMD ...`.
public struct HealthcheckInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    /// nil for `HEALTHCHECK NONE`.
    public var command: CommandForm?
    /// Durations in seconds, when given.
    public var interval: Double?
    public var timeout: Double?
    public var startPeriod: Double?
    public var startInterval: Double?
    public var retries: Int?

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> HealthcheckInstruction {
        guard let typeWord = node.arguments.first else { throw atLeastOneArgument("HEALTHCHECK") }
        let type = typeWord.uppercased()
        let rest = Array(node.arguments.dropFirst())
        if type == "NONE" {
            guard rest.isEmpty else { throw InstructionFailure("HEALTHCHECK NONE takes no arguments") }
            _ = try BuilderFlags.parse(node, allowed: [:])
            return HealthcheckInstruction(node: node, command: nil)
        }
        let flags = try BuilderFlags.parse(
            node,
            allowed: [
                "interval": .string, "timeout": .string, "start-period": .string, "start-interval": .string,
                "retries": .string,
            ])
        guard type == "CMD" else { throw InstructionFailure("Unknown type \(goQuote(type)) in HEALTHCHECK (try CMD)") }
        guard !rest.isEmpty, !(node.isJSON == false && rest.joined().isEmpty) else {
            throw InstructionFailure("Missing command after HEALTHCHECK CMD")
        }
        func duration(_ name: String) throws(InstructionFailure) -> Double? {
            guard let text = flags.string(name), !text.isEmpty else { return nil }
            guard let seconds = GoDuration.seconds(text) else {
                throw InstructionFailure("time: invalid duration \(goQuote(text))", focus: "--\(name)")
            }
            if seconds != 0 && seconds < 0.001 {
                throw InstructionFailure("Interval \(goQuote(name)) cannot be less than 1ms", focus: "--\(name)")
            }
            return seconds
        }
        var retries: Int? = nil
        if let text = flags.string("retries"), !text.isEmpty {
            guard let value = Int32(text) else {
                throw InstructionFailure(
                    "strconv.ParseInt: parsing \(goQuote(text)): invalid syntax", focus: "--retries")
            }
            guard value >= 0 else {
                throw InstructionFailure("--retries cannot be negative (\(value))", focus: "--retries")
            }
            retries = Int(value)
        }
        return HealthcheckInstruction(
            node: node, command: CommandForm(arguments: rest, isJSON: node.isJSON),
            interval: try duration("interval"), timeout: try duration("timeout"),
            startPeriod: try duration("start-period"), startInterval: try duration("start-interval"), retries: retries)
    }
}

/// Go's `time.ParseDuration`: `1h30m`, `5s`, `300ms`, `1.5h`, `-2s`.
enum GoDuration {
    static func seconds(_ text: String) -> Double? {
        var s = Substring(text)
        var sign = 1.0
        if s.first == "-" || s.first == "+" {
            if s.first == "-" { sign = -1 }
            s = s.dropFirst()
        }
        if s == "0" { return 0 }
        guard !s.isEmpty else { return nil }
        let units: [(String, Double)] = [
            ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("μs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
        ]
        var total = 0.0
        while !s.isEmpty {
            let number = s.prefix(while: { $0.isNumber || $0 == "." })
            guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
            s = s.dropFirst(number.count)
            guard let unit = units.first(where: { s.hasPrefix($0.0) && !(($0.0 == "m") && s.hasPrefix("ms")) }) else {
                return nil
            }
            s = s.dropFirst(unit.0.count)
            total += value * unit.1
        }
        return sign * total
    }
}

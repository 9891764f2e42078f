/// Reads BuildKit's `--progress=plain` output into steps, line by line (interleaved vertices allowed).
public struct BuildProgressParser: Sendable {
    private var steps: [Int: BuildStep] = [:]
    private var order: [Int] = []
    /// The image id BuildKit reported (`writing image sha256:...`).
    public private(set) var imageID: String?
    /// `ERROR: ...` lines outside any vertex (`ERROR: failed to solve: ...`).
    public private(set) var errors: [String] = []

    public init() {}

    /// Parses a whole recorded output.
    public static func parse(_ text: String) -> BuildProgressParser {
        var parser = BuildProgressParser()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { parser.consume(String(line)) }
        return parser
    }

    /// The steps in the order they first appeared.
    public var allSteps: [BuildStep] { order.compactMap { steps[$0] } }

    /// Only Dockerfile instructions.
    public var instructionSteps: [BuildStep] { allSteps.filter(\.isInstruction) }

    /// Feeds one line; returns the step it completed, if any (for live progress).
    @discardableResult
    public mutating func consume(_ rawLine: String) -> BuildStep? {
        let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : rawLine
        guard line.hasPrefix("#") else {
            if line.hasPrefix("ERROR:") || line.hasPrefix("ERROR ") { errors.append(line) }
            return nil
        }
        let digits = line.dropFirst().prefix(while: \.isNumber)
        guard let vertex = Int(digits), line.dropFirst(1 + digits.count).first == " " else { return nil }
        let text = String(line.dropFirst(2 + digits.count))
        guard vertex > 0 else { return nil }
        guard var step = steps[vertex] else {
            steps[vertex] = Self.newStep(vertex: vertex, name: text)
            order.append(vertex)
            return nil
        }
        defer { steps[vertex] = step }
        if text == step.name { return nil }
        if text == "CACHED" {
            step.cached = true
            return step
        }
        if text.hasPrefix("DONE ") {
            step.seconds = Double(text.dropFirst(5).dropLast(text.hasSuffix("s") ? 1 : 0))
            return step
        }
        if text.hasPrefix("ERROR: ") || text == "ERROR" {
            step.error = String(text.dropFirst(min(7, text.count)))
            return step
        }
        if text.hasPrefix("CANCELED") {
            step.error = "canceled"
            return step
        }
        if text.hasPrefix("writing image sha256:") {
            imageID = String(text.dropFirst("writing image ".count).prefix(while: { $0 != " " }))
        }
        // `#8 0.512 output` lines carry a timestamp first
        if let space = text.firstIndex(of: " "), Double(text[..<space]) != nil {
            step.logs.append(String(text[text.index(after: space)...]))
        }
        return nil
    }

    /// Splits `[stage 2/5] RUN x` into its parts.
    static func newStep(vertex: Int, name: String) -> BuildStep {
        var step = BuildStep(
            vertex: vertex, name: name, stage: nil, position: nil, stageSteps: nil, instruction: nil, cached: false,
            seconds: nil, error: nil, logs: [])
        guard name.hasPrefix("["), let close = name.firstIndex(of: "]") else { return step }
        let label = name[name.index(after: name.startIndex)..<close]
        let words = label.split(separator: " ")
        guard let fraction = words.last, fraction.contains("/") else { return step }
        let parts = fraction.split(separator: "/")
        guard parts.count == 2, let position = Int(parts[0]), let total = Int(parts[1]) else { return step }
        step.position = position
        step.stageSteps = total
        step.stage = words.count > 1 ? words.dropLast().joined(separator: " ") : nil
        step.instruction = String(name[name.index(after: close)...]).trimmingLeadingSpaces()
        return step
    }
}

extension String {
    fileprivate func trimmingLeadingSpaces() -> String { String(drop(while: { $0 == " " })) }
}

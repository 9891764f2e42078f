/// `FROM [--platform=P] IMAGE [AS NAME]`: starts a stage.
public struct FromInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    /// The base as written (may hold `$VARS`, may name an earlier stage).
    public var baseName: String
    /// The stage name as written (case kept); BuildKit compares it lower-cased.
    public var stageName: String?
    /// The `--platform` value as written.
    public var platform: String?
    /// The `AS` keyword as written (BuildKit's FromAsCasing check compares its case).
    public var asKeyword: String?

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> FromInstruction {
        let args = node.arguments
        var stageName: String? = nil
        var asKeyword: String? = nil
        if args.count == 3 && args[1].lowercased() == "as" {
            let lowered = args[2].lowercased()
            guard isValidStageName(lowered) else {
                throw InstructionFailure(
                    "invalid name for build stage: \(goQuote(args[2])), name can't start with a number or contain symbols"
                )
            }
            stageName = args[2]
            asKeyword = args[1]
        } else if args.count != 1 {
            throw InstructionFailure("FROM requires either one or three arguments")
        }
        let flags = try BuilderFlags.parse(node, allowed: ["platform": .string])
        return FromInstruction(
            node: node, baseName: args[0], stageName: stageName, platform: flags.string("platform"),
            asKeyword: asKeyword)
    }

    /// `^[a-z][a-z0-9-_.]*$`
    static func isValidStageName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, first >= "a" && first <= "z" else { return false }
        return scalars.dropFirst().allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == "_" || $0 == "."
        }
    }
}

/// One build stage: a FROM and the instructions up to the next FROM.
public struct Stage: Sendable, Equatable {
    /// 0-based position; `COPY --from=0` refers to it.
    public var index: Int
    public var from: FromInstruction
    /// The instructions after FROM.
    public var instructions: [Instruction]

    /// The stage name lower-cased, as BuildKit compares it; nil for an unnamed stage.
    public var name: String? { from.stageName?.lowercased() }

    /// From the FROM line to the end of the last instruction.
    public var range: SourceRange {
        SourceRange(start: from.node.range.start, end: instructions.last?.range.end ?? from.node.range.end)
    }

    /// How to name the stage to a person: its name, or `#index`.
    public var displayName: String { name ?? "#\(index)" }
}

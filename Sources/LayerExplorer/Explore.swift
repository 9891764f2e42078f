import Image
import Terminal

extension LayerExplorer {
    /// Runs the explorer full-screen on the terminal until the user quits (q, Esc, Ctrl-C).
    public static func explore(name: String, analysis: ImageAnalysis, tree: FileTree) throws(TerminalError) {
        var explorer = LayerExplorer(name: name, analysis: analysis, tree: tree)
        try TerminalSession.run(draw: { explorer.draw($0) }, handle: { explorer.handle($0) })
    }
}

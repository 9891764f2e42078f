import Image
import Terminal

/// dive's two panes as a value: the image's layers, and the file tree of the selected layer with what it
/// added, modified and removed and what of it is wasted. Keys change it; `draw` shows it at a size. Nothing
/// here touches the terminal, so every key's effect is tested as plain values.
public struct LayerExplorer {
    public enum Pane: Sendable, Equatable {
        case layers, files
    }

    /// What the title names (the image as the user gave it).
    public let name: String
    let analysis: ImageAnalysis
    let tree: FileTree
    /// The waste records by path, for the highlight.
    let waste: [String: [ImageAnalysis.Waste]]
    /// The final filesystem's symlinks: path to target and the layer that wrote them.
    let links: [String: (target: String, layer: Int)]

    public private(set) var layer = 0
    public private(set) var focus = Pane.layers
    public private(set) var collapsed: Set<String> = []
    public private(set) var filter = ""
    public private(set) var editingFilter = false
    public private(set) var onlyChanges = false
    /// The file pane's rows and the one under its cursor.
    public private(set) var rows: [FileRow] = []
    public private(set) var fileCursor = 0
    var fileScroll = 0
    var layerScroll = 0
    /// Rows a page key moves: the file pane's height at the last draw.
    var page = 10
    private var root: FileNode
    /// The selected layer's files, before the filter and changes-only setting.
    private var layerState: (layer: Int, entries: [FileNode.Entry])?

    public init(name: String, analysis: ImageAnalysis, tree: FileTree) {
        self.name = name
        self.analysis = analysis
        self.tree = tree
        self.waste = Dictionary(grouping: analysis.waste, by: \.path)
        var links: [String: (target: String, layer: Int)] = [:]
        for file in tree.files { if let target = file.linkTarget { links[file.path] = (target, file.layer) } }
        self.links = links
        root = FileNode(name: "", path: "", isDirectory: true)
        rebuild()
    }

    /// The number of layers.
    public var layerCount: Int { analysis.layers.count }

    /// Takes one key; false when it ends the session.
    public mutating func handle(_ key: Key) -> Bool {
        if editingFilter { return editFilter(key) }
        switch key {
        case .character("q"), .control("c"), .control("d"): return false
        case .escape:
            guard !filter.isEmpty else { return false }
            filter = ""
            rebuild()
        case .tab: focus = focus == .layers ? .files : .layers
        case .up, .character("k"): move(-1)
        case .down, .character("j"): move(1)
        case .pageUp, .control("b"): move(-page)
        case .pageDown, .control("f"): move(page)
        case .home, .character("g"): move(-Int.max / 2)
        case .end, .character("G"): move(Int.max / 2)
        case .character("["): select(layer: layer - 1)
        case .character("]"): select(layer: layer + 1)
        case .left, .character("h"):
            if focus == .files { foldOrParent() }
        case .right, .character("l"):
            if focus == .layers { focus = .files } else { setFold(false) }
        case .enter, .character(" "):
            if focus == .layers { focus = .files } else { toggleFold() }
        case .character("/"):
            editingFilter = true
            focus = .files
        case .character("c"):
            onlyChanges.toggle()
            rebuild()
        case .character("C"):
            collapsed = Set(root.directories)
            reflatten()
        case .character("E"):
            collapsed = []
            reflatten()
        default: break
        }
        return true
    }

    private mutating func editFilter(_ key: Key) -> Bool {
        switch key {
        case .control("c"): return false
        case .enter, .tab: editingFilter = false
        case .escape:
            editingFilter = false
            filter = ""
        case .backspace:
            guard !filter.isEmpty else { return true }
            filter.removeLast()
        case .control("u"): filter = ""
        case .character(let character): filter.append(character)
        default: return true
        }
        rebuild()
        return true
    }

    private mutating func move(_ delta: Int) {
        switch focus {
        case .layers: select(layer: layer + delta)
        case .files: fileCursor = clamp(fileCursor + delta, rows.count)
        }
    }

    private mutating func select(layer newLayer: Int) {
        let chosen = clamp(newLayer, layerCount)
        guard chosen != layer else { return }
        layer = chosen
        rebuild()
    }

    private mutating func toggleFold() {
        guard rows.indices.contains(fileCursor), rows[fileCursor].isDirectory else { return }
        setFold(!rows[fileCursor].collapsed)
    }

    private mutating func setFold(_ folded: Bool) {
        guard rows.indices.contains(fileCursor), rows[fileCursor].isDirectory else { return }
        if folded { collapsed.insert(rows[fileCursor].path) } else { collapsed.remove(rows[fileCursor].path) }
        reflatten()
    }

    /// Left on an open directory folds it; on anything else it moves to the parent directory.
    private mutating func foldOrParent() {
        guard rows.indices.contains(fileCursor) else { return }
        let row = rows[fileCursor]
        if row.isDirectory && !row.collapsed { return setFold(true) }
        guard let slash = row.path.lastIndex(of: "/") else { return }
        let parent = String(row.path[..<slash])
        if let index = rows.firstIndex(where: { $0.path == parent }) { fileCursor = index }
    }

    /// The layer's filesystem again (after a change of layer, filter or changes-only), the cursor kept on the
    /// same path when it is still shown.
    private mutating func rebuild() {
        let keep = rows.indices.contains(fileCursor) ? rows[fileCursor].path : nil
        root = FileNode.tree(entries())
        reflatten(keeping: keep)
    }

    private mutating func reflatten(keeping path: String? = nil) {
        let keep = path ?? (rows.indices.contains(fileCursor) ? rows[fileCursor].path : nil)
        rows = root.rows(collapsed: collapsed)
        if let keep, let index = rows.firstIndex(where: { $0.path == keep }) {
            fileCursor = index
        } else {
            fileCursor = clamp(fileCursor, rows.count)
        }
    }

    /// The files after the selected layer, and those it removed, each with its change and waste mark, as the
    /// filter and changes-only setting keep them.
    mutating func entries() -> [FileNode.Entry] {
        // the layer's state is replayed once per layer, not again at each key of a filter
        if layerState?.layer != layer { layerState = (layer, state(afterLayer: layer)) }
        let needle = filter.lowercased()
        return (layerState?.entries ?? []).filter { entry in
            (!onlyChanges || entry.change != nil) && (needle.isEmpty || entry.path.lowercased().contains(needle))
        }
    }

    /// Every file after `layer`, and those it removed, with its change and waste mark.
    func state(afterLayer layer: Int) -> [FileNode.Entry] {
        guard tree.changes.indices.contains(layer) else { return [] }
        var change: [String: FileTree.ChangeKind] = [:]
        var removed: [FileNode.Entry] = []
        for item in tree.changes[layer] {
            change[item.path] = item.kind
            if item.kind == .removed {
                // the deletion is where the earlier copy's bytes became waste
                let wasted = waste[item.path]?.contains { $0.removedBy == layer } ?? false
                removed.append(FileNode.Entry(path: item.path, size: item.size, change: .removed, wasted: wasted))
            }
        }
        var entries: [FileNode.Entry] = []
        for file in tree.files(afterLayer: layer) {
            let kind = change[file.path]
            // a link's target is known when the final filesystem's copy is the one this layer state holds
            let link = links[file.path].flatMap { $0.layer == file.layer ? $0.target : nil }
            entries.append(
                FileNode.Entry(
                    path: file.path, size: file.size, change: kind, wasted: isWasted(file.path, in: layer),
                    linkTarget: link))
        }
        return entries + removed
    }

    /// Whether the copy of `path` that `layer`'s state holds is counted as waste: a later layer removes or
    /// replaces it (the replacing copy itself is not waste).
    func isWasted(_ path: String, in layer: Int) -> Bool {
        waste[path]?.contains { $0.addedBy <= layer && layer < $0.removedBy } ?? false
    }

    private func clamp(_ value: Int, _ count: Int) -> Int { max(0, min(value, count - 1)) }
}

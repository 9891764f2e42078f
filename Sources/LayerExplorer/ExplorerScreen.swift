import Base
import Image
import Terminal

extension LayerExplorer {
    /// The smallest window the two panes fit in.
    static let minimumSize = TerminalSize(width: 70, height: 12)

    /// The screen at `size`: a title line, the layers pane (the list, then the selected layer's details) beside
    /// the file pane, and a line of keys. Scrolls each pane so its cursor is shown.
    public mutating func draw(_ size: TerminalSize) -> [StyledLine] {
        guard size.width >= Self.minimumSize.width, size.height >= Self.minimumSize.height else {
            return [
                StyledLine(
                    "window too small: \(size.width)x\(size.height), the explorer needs "
                        + "\(Self.minimumSize.width)x\(Self.minimumSize.height) (q quits)")
            ]
        }
        let body = size.height - 2
        let leftWidth = max(30, min(size.width * 2 / 5, 64))
        let rightWidth = size.width - leftWidth - 1
        let left = layersPane(width: leftWidth, height: body)
        let right = filesPane(width: rightWidth, height: body)
        var lines = [titleLine().fitted(to: size.width, padding: TextStyle(inverse: true))]
        let separator = StyledLine("│", TextStyle(dim: true))
        for row in 0..<body {
            var line = left[row].fitted(to: leftWidth)
            line.append(separator)
            line.append(right[row].fitted(to: rightWidth))
            lines.append(line)
        }
        lines.append(keysLine().fitted(to: size.width))
        return lines
    }

    func titleLine() -> StyledLine {
        let style = TextStyle(bold: true, inverse: true)
        let dive = analysis.dive
        return StyledLine(
            " \(name) · \(layerCount) layers · \(ByteCount.text(analysis.totalSize)) · efficiency "
                + "\(percent(dive.efficiency)) · wasted \(ByteCount.text(dive.wastedBytes)) ", style)
    }

    func keysLine() -> StyledLine {
        if editingFilter {
            var line = StyledLine("Filter: ", TextStyle(bold: true))
            line.append(filter)
            line.append(" ", TextStyle(inverse: true))
            line.append("   Enter keep · Esc clear · Ctrl-U erase", TextStyle(dim: true))
            return line
        }
        return StyledLine(
            "Tab pane · ↑↓ move · [ ] layer · ←→ Space fold · / filter · c changes only · C/E fold/unfold all · q quit",
            TextStyle(dim: true))
    }

    /// The layer list (size and instruction of each) above the selected layer's details.
    mutating func layersPane(width: Int, height: Int) -> [StyledLine] {
        let details = layerDetails(width: width)
        let listHeight = max(3, height - 1 - details.count - 1)
        var lines = [header("Layers", focused: focus == .layers)]
        layerScroll = scrolled(layerScroll, cursor: layer, visible: listHeight)
        for index in layerScroll..<min(layerCount, layerScroll + listHeight) {
            let item = analysis.layers[index]
            let text =
                "\(pad(String(index), 3)) \(pad(ByteCount.text(item.size), 9))  \(item.instruction.isEmpty ? "(no history)" : item.instruction)"
            let selected = index == layer
            lines.append(
                StyledLine(
                    text, selected ? TextStyle(bold: focus != .layers, inverse: focus == .layers) : .plain
                ).fitted(to: width, padding: selected && focus == .layers ? TextStyle(inverse: true) : .plain))
        }
        while lines.count < 1 + listHeight { lines.append(StyledLine()) }
        lines.append(StyledLine(String(repeating: "─", count: width), TextStyle(dim: true)))
        lines += details
        return Array((lines + Array(repeating: StyledLine(), count: max(0, height - lines.count))).prefix(height))
    }

    /// The selected layer: its digest, what it changed, what of it is wasted, and its whole instruction.
    func layerDetails(width: Int) -> [StyledLine] {
        guard analysis.layers.indices.contains(layer) else { return [] }
        let item = analysis.layers[layer]
        let wasted = analysis.waste.filter { $0.addedBy == layer }
        var lines = [
            StyledLine("Layer \(layer)", TextStyle(bold: true)),
            StyledLine("digest   \(item.digest)"),
            StyledLine("size     \(ByteCount.text(item.size)) (image so far \(ByteCount.text(item.cumulativeSize)))"),
        ]
        var changes = StyledLine("changes  ")
        changes.append("+\(item.added) added", TextStyle(foreground: .green))
        changes.append("  ")
        changes.append("~\(item.modified) modified", TextStyle(foreground: .yellow))
        changes.append("  ")
        changes.append("-\(item.removed) removed", TextStyle(foreground: .red))
        lines.append(changes)
        if !wasted.isEmpty {
            lines.append(
                StyledLine(
                    "wasted   \(ByteCount.text(wasted.reduce(0) { $0 + $1.bytes })) in \(wasted.count) files, "
                        + "removed or replaced by a later layer", TextStyle(foreground: .magenta)))
        }
        let instruction = item.instruction.isEmpty ? "(no history)" : item.instruction
        lines += wrap(instruction, width: width).prefix(6).map { StyledLine($0, TextStyle(dim: true)) }
        return lines
    }

    /// The file tree after the selected layer, with each row's change, size and waste.
    mutating func filesPane(width: Int, height: Int) -> [StyledLine] {
        var title = header("Files after layer \(layer)", focused: focus == .files)
        if analysis.layers.indices.contains(layer) {
            let item = analysis.layers[layer]
            title.append("  +\(item.added)", TextStyle(foreground: .green))
            title.append(" ~\(item.modified)", TextStyle(foreground: .yellow))
            title.append(" -\(item.removed)", TextStyle(foreground: .red))
        }
        if onlyChanges { title.append("  [changes only]", TextStyle(bold: true)) }
        if !filter.isEmpty { title.append("  [filter: \(filter)]", TextStyle(bold: true)) }
        var lines = [title]
        let visible = height - 1
        page = max(1, visible - 1)
        fileScroll = scrolled(fileScroll, cursor: fileCursor, visible: visible)
        if rows.isEmpty {
            lines.append(
                StyledLine(
                    onlyChanges || !filter.isEmpty ? "  no file matches" : "  (this layer's filesystem is empty)",
                    TextStyle(dim: true)))
        }
        for index in fileScroll..<min(rows.count, fileScroll + visible) {
            lines.append(fileLine(rows[index], selected: index == fileCursor, width: width))
        }
        return lines + Array(repeating: StyledLine(), count: max(0, height - lines.count))
    }

    func fileLine(_ row: FileRow, selected: Bool, width: Int) -> StyledLine {
        let color: TextStyle.Color? =
            switch row.change {
            case .added: .green
            case .modified: .yellow
            case .removed: .red
            case nil: nil
            }
        let mark = row.change?.mark ?? " "
        let cursor = selected && focus == .files
        func style(_ base: TextStyle) -> TextStyle {
            var style = base
            style.inverse = cursor
            return style
        }
        var line = StyledLine(mark + " ", style(TextStyle(bold: true, foreground: color)))
        line.append(pad(ByteCount.text(row.size), 9) + "  ", style(.plain))
        line.append(String(repeating: "  ", count: row.depth), style(.plain))
        if row.isDirectory {
            line.append((row.collapsed ? "▸ " : "▾ ") + row.name + "/", style(TextStyle(bold: true, foreground: color)))
        } else {
            line.append(row.name, style(TextStyle(foreground: row.wasted ? .magenta : color)))
            if let target = row.linkTarget { line.append(" → " + target, style(TextStyle(dim: true))) }
        }
        if row.wasted { line.append("  wasted", style(TextStyle(bold: true, foreground: .magenta))) }
        return line.fitted(to: width, padding: cursor ? TextStyle(inverse: true) : .plain)
    }

    func header(_ text: String, focused: Bool) -> StyledLine {
        StyledLine(focused ? "▶ " + text : "  " + text, TextStyle(bold: true, underline: focused))
    }

    /// The first row to show so that `cursor` is within `visible` rows of it.
    func scrolled(_ scroll: Int, cursor: Int, visible: Int) -> Int {
        guard visible > 0 else { return cursor }
        if cursor < scroll { return cursor }
        if cursor >= scroll + visible { return cursor - visible + 1 }
        return scroll
    }

    func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    func percent(_ value: Double) -> String {
        let tenths = Int((value * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(width)))
            rest = rest.dropFirst(width)
        }
        return lines
    }
}

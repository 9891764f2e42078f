/// dive's efficiency, wasted bytes and user wasted percent, computed by dive's definitions
/// (wagoodman/dive filetree/efficiency.go and image analysis): per-layer trees without opaque whiteouts,
/// leaves compared across layers, and the surviving copy counted in the waste.
///
/// A layer's tree holds its entries and every directory above them; its leaves are the nodes with no child in
/// that layer. A whiteout leaf weighs what it removes from the layers stacked below when that is a directory,
/// nothing otherwise. Stacking follows dive too: a layer's nodes overwrite the stack's attributes, the
/// directories only implied by a path come in empty.
enum DiveEfficiency {
    static func compute(
        contents: [ImageAnalyzer.LayerContent], interned: [InternedLayer], table: PathTable
    ) -> ImageAnalysis.Dive {
        let count = table.count
        // dive's stack of the layers so far
        var stacked = [Bool](repeating: false, count: count)
        var stackedSize = [Int64](repeating: 0, count: count)
        var stackedIsDirectory = [Bool](repeating: false, count: count)
        stacked[Int(PathTable.root)] = true
        // per path: total over the layers, smallest, how many layers have it as a leaf
        var cumulative = [Int64](repeating: 0, count: count)
        var minimum = [Int64](repeating: 0, count: count)
        var seen = [Int32](repeating: 0, count: count)
        // per layer, stamped with the layer's index
        var entryStamp = [Int](repeating: -1, count: count)
        var entrySize = [Int64](repeating: 0, count: count)
        var entryIsDirectory = [Bool](repeating: false, count: count)
        var parentStamp = [Int](repeating: -1, count: count)
        var leafStamp = [Int](repeating: -1, count: count)
        var whiteoutStamp = [Int](repeating: -1, count: count)
        var implied: [Int] = []

        func record(_ id: Int, _ size: Int64) {
            cumulative[id] += size
            minimum[id] = seen[id] == 0 ? size : min(minimum[id], size)
            seen[id] += 1
        }
        func subtreeSize(_ id: Int) -> Int64 {
            var total = stackedSize[id]
            var child = table.firstChild[id]
            while child >= 0 {
                if stacked[Int(child)] { total += subtreeSize(Int(child)) }
                child = table.nextSibling[Int(child)]
            }
            return total
        }
        func unstack(_ id: Int) {
            stacked[id] = false
            var child = table.firstChild[id]
            while child >= 0 {
                if stacked[Int(child)] { unstack(Int(child)) }
                child = table.nextSibling[Int(child)]
            }
        }

        for (index, layer) in interned.enumerated() {
            let entries = contents[index].entries
            implied.removeAll(keepingCapacity: true)
            // the layer's nodes: its entries (the last one for a path wins) and the directories above them
            for i in layer.ids.indices {
                let id = Int(layer.ids[i])
                switch layer.roles[i] {
                case .regular:
                    entryStamp[id] = index
                    entrySize[id] = entries[i].size
                    entryIsDirectory[id] = entries[i].kind == .directory
                case .whiteout:
                    break
                case .opaque, .marker:
                    // dive never adds the marker: only its directory is a node
                    guard id != Int(PathTable.root) else { continue }
                    implied.append(id)
                case .regularHiddenFromDive, .skipped:
                    continue
                }
                var up = Int(table.parent[id])
                while up > Int(PathTable.root), parentStamp[up] != index {
                    parentStamp[up] = index
                    implied.append(up)
                    up = Int(table.parent[up])
                }
            }
            // its leaves
            for i in layer.ids.indices {
                let id = Int(layer.ids[i])
                switch layer.roles[i] {
                case .regular:
                    guard parentStamp[id] != index, leafStamp[id] != index else { continue }
                    leafStamp[id] = index
                    record(id, entrySize[id])
                case .whiteout:
                    guard whiteoutStamp[id] != index else { continue }
                    whiteoutStamp[id] = index
                    guard index > 0, stacked[id] else { continue }
                    record(id, stackedIsDirectory[id] ? subtreeSize(id) : 0)
                case .opaque, .marker:
                    guard id != Int(PathTable.root), entryStamp[id] != index, parentStamp[id] != index,
                        leafStamp[id] != index
                    else { continue }
                    leafStamp[id] = index
                    record(id, 0)
                case .regularHiddenFromDive, .skipped:
                    continue
                }
            }
            // stacked onto the layers below: whiteouts remove, every node overwrites
            for i in layer.removals where layer.roles[i] == .whiteout {
                let id = Int(layer.ids[i])
                if stacked[id] { unstack(id) }
            }
            for id in implied where entryStamp[id] != index {
                stacked[id] = true
                stackedSize[id] = 0
                stackedIsDirectory[id] = false
            }
            for i in layer.ids.indices where layer.roles[i] == .regular {
                let id = Int(layer.ids[i])
                stacked[id] = true
                stackedSize[id] = entrySize[id]
                stackedIsDirectory[id] = entryIsDirectory[id]
            }
        }

        var minimumTotal: Int64 = 0
        var discovered: Int64 = 0
        var wasted: Int64 = 0
        for id in 0..<count where seen[id] > 0 {
            minimumTotal += minimum[id]
            discovered += cumulative[id]
            if seen[id] >= 2 { wasted += cumulative[id] }
        }
        let efficiency = discovered == 0 ? 1 : Double(minimumTotal) / Double(discovered)
        let userSize = contents.dropFirst().reduce(Int64(0)) { $0 + $1.size }
        return ImageAnalysis.Dive(
            efficiency: efficiency, wastedBytes: wasted,
            userWastedPercent: userSize == 0 ? 0 : Double(wasted) / Double(userSize))
    }
}

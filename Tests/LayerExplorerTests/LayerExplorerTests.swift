import Foundation
import Image
import Terminal
import Testing

@testable import LayerExplorer

/// The explorer's panes as values: each key's effect on the selected layer, the file tree's marks, folds,
/// the filter and changes-only view, and the screen drawn at a size.
@Suite("Layer explorer")
struct LayerExplorerTests {
    /// Three layers: a base, an app layer (a 2 MB data file, os-release modified), and a layer deleting the
    /// data file (its 2 MB wasted).
    static func explorer() throws -> LayerExplorer {
        let changes: [[FileTree.Change]] = [
            [
                .init(path: "etc/os-release", kind: .added, size: 100),
                .init(path: "usr/bin/python3", kind: .added, size: 5000),
                .init(path: "usr/lib/libz.so", kind: .added, size: 2000),
                .init(path: "bin", kind: .added, size: 0),
            ],
            [
                .init(path: "app/data.bin", kind: .added, size: 2_000_000),
                .init(path: "app/main.py", kind: .added, size: 300),
                .init(path: "etc/os-release", kind: .modified, size: 120),
            ],
            [.init(path: "app/data.bin", kind: .removed, size: 2_000_000)],
        ]
        let files: [FileTree.File] = [
            .init(path: "etc/os-release", size: 120, layer: 1), .init(path: "usr/bin/python3", size: 5000, layer: 0),
            .init(path: "usr/lib/libz.so", size: 2000, layer: 0), .init(path: "app/main.py", size: 300, layer: 1),
            .init(path: "bin", size: 0, layer: 0, linkTarget: "usr/bin"),
        ]
        let json = """
            {"layers": [
              {"index": 0, "digest": "sha256:aa", "instruction": "FROM debian", "size": 7100, "added": 3, "modified": 0,
               "removed": 0, "cumulativeSize": 7100},
              {"index": 1, "digest": "sha256:bb", "instruction": "COPY . /app", "size": 2000420, "added": 2,
               "modified": 1, "removed": 0, "cumulativeSize": 2007520},
              {"index": 2, "digest": "sha256:cc", "instruction": "RUN rm /app/data.bin", "size": 0, "added": 0,
               "modified": 0, "removed": 1, "cumulativeSize": 2007520}],
             "history": [], "totalSize": 2007520, "reclaimableBytes": 2000000,
             "waste": [{"path": "etc/os-release", "bytes": 100, "addedBy": 0, "removedBy": 1,
               "addedByInstruction": "FROM debian", "removedByInstruction": "COPY . /app", "how": "overwritten",
               "fix": ""}, {"path": "app/data.bin", "bytes": 2000000, "addedBy": 1, "removedBy": 2,
               "addedByInstruction": "COPY . /app", "removedByInstruction": "RUN rm /app/data.bin", "how": "deleted",
               "fix": ""}],
             "dive": {"efficiency": 0.5, "wastedBytes": 2000000, "userWastedPercent": 0.99},
             "finalFiles": 4, "finalBytes": 7420}
            """
        let analysis = try JSONDecoder().decode(ImageAnalysis.self, from: Data(json.utf8))
        return LayerExplorer(name: "app:1", analysis: analysis, tree: FileTree(files: files, changes: changes))
    }

    static func shown(_ explorer: LayerExplorer) -> [String] {
        explorer.rows.map { row in
            let mark =
                switch row.change {
                case .added: "+"
                case .modified: "~"
                case .removed: "-"
                case nil: " "
                }
            return "\(mark)\(String(repeating: " ", count: row.depth * 2))\(row.name)\(row.isDirectory ? "/" : "")"
                + (row.linkTarget.map { " -> " + $0 } ?? "") + (row.wasted ? " wasted" : "")
        }
    }

    static func press(_ explorer: inout LayerExplorer, _ keys: Key...) {
        for key in keys {
            let goesOn = explorer.handle(key)
            #expect(goesOn, "\(key) must not end the session")
        }
    }

    @Test(
        arguments: [
            ([0x1B, 0x5B, 0x41], [Key.up]), ([0x1B, 0x4F, 0x42], [.down]), ([0x1B, 0x5B, 0x35, 0x7E], [.pageUp]),
            ([0x1B, 0x5B, 0x36, 0x7E], [.pageDown]), ([0x1B, 0x5B, 0x48], [.home]), ([0x1B, 0x5B, 0x34, 0x7E], [.end]),
            ([0x1B], [.escape]), ([0x09], [.tab]), ([0x0D], [.enter]), ([0x7F], [.backspace]),
            ([0x03], [.control("c")]),
            ([0x71, 0x2F, 0x20], [.character("q"), .character("/"), .character(" ")]),
            ([0xC3, 0xA9], [.character("é")]),
            ([0x1B, 0x5B, 0x31, 0x3B, 0x35, 0x43, 0x6A], [.right, .character("j")]),
            ([0x1B, 0x5B, 0x39, 0x39, 0x7A], []),
        ] as [([UInt8], [Key])])
    func keysDecode(bytes: [UInt8], keys: [Key]) {
        #expect(Key.decode(bytes) == keys)
    }

    @Test func firstLayerIsAllAdded() throws {
        let explorer = try Self.explorer()
        #expect(explorer.layer == 0 && explorer.focus == .layers)
        #expect(
            Self.shown(explorer) == [
                "+bin -> usr/bin", "+etc/ wasted", "+  os-release wasted", "+usr/", "+  bin/", "+    python3",
                "+  lib/",
                "+    libz.so",
            ])
    }

    @Test func layerChangesAreMarkedAndWasteHighlighted() throws {
        var explorer = try Self.explorer()
        Self.press(&explorer, .down)
        #expect(explorer.layer == 1)
        #expect(
            Self.shown(explorer) == [
                "+app/ wasted", "+  data.bin wasted", "+  main.py", " bin -> usr/bin", "~etc/", "~  os-release",
                " usr/",
                "   bin/",
                "     python3", "   lib/", "     libz.so",
            ])
        Self.press(&explorer, .character("]"))
        #expect(explorer.layer == 2)
        // the removed file is shown, marked; its directory is mixed (one file kept), so modified
        #expect(Self.shown(explorer).prefix(3) == ["~app/ wasted", "-  data.bin wasted", "   main.py"])
        // os-release's first copy (layer 0) was replaced in layer 1: wasted in layer 0, not in layer 1 or 2
        #expect(!Self.shown(explorer).contains { $0.contains("os-release wasted") })
        Self.press(&explorer, .character("c"))
        #expect(Self.shown(explorer) == ["-app/ wasted", "-  data.bin wasted"])
        // past the last layer stays on it
        Self.press(&explorer, .down, .down, .end)
        #expect(explorer.layer == 2)
        Self.press(&explorer, .home)
        #expect(explorer.layer == 0)
    }

    @Test func filterKeepsMatchingPathsAndTheirDirectories() throws {
        var explorer = try Self.explorer()
        Self.press(&explorer, .character("/"), .character("L"), .character("i"), .character("b"))
        #expect(explorer.editingFilter && explorer.focus == .files && explorer.filter == "Lib")
        #expect(Self.shown(explorer) == ["+usr/", "+  lib/", "+    libz.so"])
        // while the filter is typed, q is a letter of it, not quit
        Self.press(&explorer, .character("q"))
        #expect(explorer.rows.isEmpty)
        Self.press(&explorer, .backspace, .enter)
        #expect(!explorer.editingFilter && explorer.filter == "Lib")
        // Escape clears a filter before it quits
        Self.press(&explorer, .escape)
        #expect(explorer.filter.isEmpty && explorer.rows.count == 8)
        let goesOn = explorer.handle(.escape)
        #expect(!goesOn)
    }

    @Test func directoriesFoldAndTheCursorFollows() throws {
        var explorer = try Self.explorer()
        Self.press(&explorer, .tab, .down, .down, .down)
        #expect(explorer.focus == .files && explorer.rows[explorer.fileCursor].path == "usr")
        Self.press(&explorer, .character(" "))
        #expect(Self.shown(explorer) == ["+bin -> usr/bin", "+etc/ wasted", "+  os-release wasted", "+usr/"])
        #expect(explorer.rows[3].collapsed)
        Self.press(&explorer, .right, .down, .down)
        #expect(explorer.rows[explorer.fileCursor].path == "usr/bin/python3")
        // left on a file goes to its directory; left on an open directory folds it
        Self.press(&explorer, .left)
        #expect(explorer.rows[explorer.fileCursor].path == "usr/bin")
        Self.press(&explorer, .left)
        #expect(explorer.rows[explorer.fileCursor].collapsed)
        Self.press(&explorer, .character("C"))
        #expect(Self.shown(explorer) == ["+bin -> usr/bin", "+etc/ wasted", "+usr/"])
        Self.press(&explorer, .character("E"))
        #expect(explorer.rows.count == 8)
        // changing layer keeps the cursor on the same path (a folded one's directory when it went: usr)
        #expect(explorer.rows[explorer.fileCursor].path == "usr")
        Self.press(&explorer, .up, .up, .character("]"))
        #expect(explorer.layer == 1 && explorer.rows[explorer.fileCursor].path == "etc")
    }

    @Test func quitKeys() throws {
        for key in [Key.character("q"), .control("c"), .escape] {
            var explorer = try Self.explorer()
            let goesOn = explorer.handle(key)
            #expect(!goesOn, "\(key) must end the session")
        }
    }

    @Test(arguments: [(70, 12), (100, 30), (200, 60), (71, 13)])
    func screenFillsTheWindowExactly(width: Int, height: Int) throws {
        var explorer = try Self.explorer()
        Self.press(&explorer, .down)
        let lines = explorer.draw(TerminalSize(width: width, height: height))
        #expect(lines.count == height)
        for line in lines { #expect(line.fitted(to: width).width == width && line.width <= width, "\(line.plainText)") }
        let text = lines.map(\.plainText).joined(separator: "\n")
        #expect(lines[0].plainText.hasPrefix(" app:1 · 3 layers · 2.0 MB"))
        #expect(lines[0].plainText.contains("efficiency 50.0%"))
        #expect(text.contains("▶ Layers"))
        #expect(text.contains("Files after layer 1  +2 ~1 -0"))
        #expect(text.contains("COPY . /app"))
        #expect(text.contains("data.bin  wasted"))
        #expect(text.contains("bin → usr/bin"))
        #expect(text.contains("wasted   2.0 MB in 1 files"))
        #expect(lines.last?.plainText.hasPrefix("Tab pane") == true)
    }

    @Test func tooSmallAWindowSaysSo() throws {
        var explorer = try Self.explorer()
        let lines = explorer.draw(TerminalSize(width: 40, height: 10))
        #expect(lines.map(\.plainText) == ["window too small: 40x10, the explorer needs 70x12 (q quits)"])
    }

    @Test func cursorScrollsIntoView() throws {
        var explorer = try Self.explorer()
        Self.press(&explorer, .tab, .end)
        #expect(explorer.fileCursor == 7)
        let lines = explorer.draw(TerminalSize(width: 80, height: 12)).map(\.plainText)
        // ten body rows: the header and nine file rows, the last one libz.so under the cursor
        #expect(lines.contains { $0.contains("libz.so") })
    }

    @Test func styledLinesFitAndNeverCarryControlBytes() {
        var line = StyledLine("abc", TextStyle(bold: true))
        line.append("def\u{1B}[2J", TextStyle(foreground: .red))
        #expect(line.plainText == "abcdef?[2J")
        #expect(line.fitted(to: 5).plainText == "abcd…")
        #expect(line.fitted(to: 12).plainText == "abcdef?[2J  ")
        #expect(line.fitted(to: 10).plainText == "abcdef?[2J")
        #expect(line.rendered == "\u{1B}[1mabc\u{1B}[0m\u{1B}[31mdef?[2J\u{1B}[0m")
    }
}

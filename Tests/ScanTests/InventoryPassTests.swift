import Foundation
import Image
import TestSupport
import Testing

@testable import Scan

/// The inventory read in the layers' one pass (as `gym scan` and `gym sbom` read it) is the inventory read
/// from an analysed image's files afterwards, whatever the layers' compression.
@Suite("Inventory in one pass")
struct InventoryPassTests {
    static let layers: [[String: String]] = [
        [
            "etc/os-release": "ID=debian\nVERSION_ID=\"12\"\n",
            "var/lib/dpkg/status": """
            Package: libc6
            Status: install ok installed
            Architecture: amd64
            Version: 2.36-9+deb12u4

            Package: zlib1g
            Status: install ok installed
            Architecture: amd64
            Version: 1:1.2.13.dfsg-1

            """,
            "var/lib/dpkg/info/zlib1g:amd64.list": "/usr/lib/x86_64-linux-gnu/libz.so.1\n",
        ],
        [
            "usr/local/lib/python3.11/site-packages/requests-2.25.0.dist-info/METADATA":
                "Metadata-Version: 2.1\nName: requests\nVersion: 2.25.0\n",
            "usr/local/lib/python3.11/site-packages/requests/adapters.py": "# not a release's file\n",
            "app/package.json": #"{"name": "web", "version": "1.0.0"}"#,
            "app/node_modules/left-pad/package.json": #"{"name": "left-pad", "version": "1.3.0"}"#,
        ],
        // a later layer replaces one package record: the final copy counts
        ["app/node_modules/left-pad/package.json": #"{"name": "left-pad", "version": "1.3.1"}"#],
    ]

    @Test(arguments: LayoutFixture.Compression.allCases)
    func onePassReadsWhatTwoPassesRead(compression: LayoutFixture.Compression) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-inventory-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try LayoutFixture.write(layers: Self.layers, compression: compression, to: dir)
        let image = try ImageSource.load(dir.path)
        let (inventory, analysis, tree) = try Inventory.read(image)
        let (secondAnalysis, secondTree) = try ImageAnalyzer.analyze(image)
        let twoPasses = try Inventory.read(image, tree: secondTree, analysis: secondAnalysis)
        #expect(analysis == secondAnalysis)
        #expect(tree.files == secondTree.files)
        #expect(inventory == twoPasses)
        let found = inventory.packages.map { "\($0.ecosystem) \($0.name) \($0.version) \($0.layer ?? -1)" }.sorted()
        #expect(
            found == [
                "debian libc6 2.36-9+deb12u4 0", "debian zlib1g 1:1.2.13.dfsg-1 0", "npm left-pad 1.3.1 2",
                "npm web 1.0.0 1", "pypi requests 2.25.0 1",
            ])
        #expect(inventory.distro == "debian-12")
        // requests is fingerprinted: its module file is no release's
        #expect(inventory.packages.first { $0.name == "requests" }?.content == .unknown)
    }
}

import Dockerfile
import Image

/// Which RUN steps install packages, decided by effect wherever the built image shows it: a RUN step of the
/// final stage is an install step when the layer it made adds package records (a `.dist-info` or
/// `.egg-info`, a `node_modules` package, a Go module download, a dpkg file list or the apk database), read
/// from the image's own layers, whatever its text says (a script copied with the manifest counts; a decoy
/// that merely reads the manifest does not). Steps the image has no layer for (other stages, or no image
/// at all) fall back to the shared text classifier, `InstallEcosystem`.
struct InstallSteps: Sendable {
    /// The final image's RUN layers, by their command (`RunText`): whether each added packages.
    var layers: [String: Bool]

    /// Text only: no image to read.
    static let byText = InstallSteps(layers: [:])

    /// Whether a RUN step (its text, as the Dockerfile or BuildKit's progress shows it) installs packages.
    func installs(_ runInstruction: String) -> Bool {
        let command = RunText.command(runInstruction)
        if let added = layers[command] { return added }
        return InstallEcosystem.installing(command) != nil
    }

    /// Whether the step was decided by its layer's effect (not its text).
    func decidedByEffect(_ runInstruction: String) -> Bool { layers[RunText.command(runInstruction)] != nil }

    /// Reads the effect of each RUN layer of an analysed image.
    init(analysis: ImageAnalysis, tree: FileTree) {
        var layers: [String: Bool] = [:]
        for layer in analysis.layers where layer.instruction.hasPrefix("RUN") && layer.index < tree.changes.count {
            let added = tree.changes[layer.index].contains { Self.addsPackage($0) }
            let command = RunText.command(layer.instruction)
            layers[command] = layers[command] == true || added
        }
        self.layers = layers
    }

    init(layers: [String: Bool]) { self.layers = layers }

    /// Whether one change of a layer is a package arriving: a new record file (an ownership or mode change
    /// rewrites records without installing anything, so only additions count), or a package database that
    /// holds every package in one file (apk's) changing.
    static func addsPackage(_ change: FileTree.Change) -> Bool {
        let path = change.path
        if path == "lib/apk/db/installed" { return change.kind != .removed }
        guard change.kind == .added else { return false }
        if path.hasSuffix(".dist-info/METADATA") || path.hasSuffix(".egg-info/PKG-INFO") { return true }
        if path.hasSuffix(".egg-info") { return true }  // an egg-info file, as Debian's python3 packages ship
        if path.hasPrefix("var/lib/dpkg/info/") && path.hasSuffix(".list") { return true }
        if path.contains("node_modules/") && path.hasSuffix("/package.json") {
            // a package's own manifest: node_modules/NAME/package.json or node_modules/@scope/NAME/package.json
            let after = path.components(separatedBy: "node_modules/").last ?? ""
            let parts = after.split(separator: "/")
            return parts.count == 2 || (parts.count == 3 && parts[0].hasPrefix("@"))
        }
        if path.contains("pkg/mod/cache/download/") && (path.hasSuffix(".zip") || path.hasSuffix(".mod")) {
            return true
        }
        return false
    }
}

extension CheckContext {
    /// The install classifier for this check's image: by effect when the engine built it, by text otherwise.
    func installSteps() -> InstallSteps {
        guard engineAvailable, case .success(let (analysis, tree))? = analysis() else { return .byText }
        return InstallSteps(analysis: analysis, tree: tree)
    }
}

import Foundation
import Image
import Scan

/// Whether Python packages' metadata is what the installer wrote: a `Version:` line edited after the install
/// (to look fixed to the scanner) no longer matches the version in the `.dist-info` directory's name, nor,
/// the SHA-256 that `RECORD` holds for `METADATA` under the directory's own name (a renamed directory or a
/// missing RECORD fails too, whether or not `INSTALLER` is there). Only distributions an OS package owns
/// without an installer's record (Debian's packaged ones, whose `RECORD` predates Debian's metadata edits)
/// are judged by their directory name alone.
enum PythonMetadataIntegrity {
    /// One line per package whose metadata was edited, naming the evidence.
    static func edited(_ packages: [InstalledPackage], tree: FileTree, image: LoadedImage) -> [String] {
        let distributions = packages.filter { $0.ecosystem == .pypi && $0.location.hasSuffix(".dist-info/METADATA") }
        guard !distributions.isEmpty else { return [] }
        var wanted: [FileTree.File] = []
        for package in distributions {
            let directory = String(package.location.dropLast("/METADATA".count))
            for path in [package.location, directory + "/RECORD", directory + "/INSTALLER"] {
                if let file = tree.file(at: path) { wanted.append(file) }
            }
        }
        guard let contents = try? ImageFiles.contents(image, files: wanted) else { return [] }
        var problems: [String] = []
        for package in distributions {
            let directory = String(package.location.dropLast("/METADATA".count))
            let folder = directory.split(separator: "/").last.map(String.init) ?? directory
            // `{name}-{version}.dist-info`
            let stem = folder.dropLast(".dist-info".count)
            // what METADATA says (the scan's version is the files' release where they disagree)
            var claimed = package.version
            if case .differs(let metadata) = package.content { claimed = metadata }
            if let dash = stem.lastIndex(of: "-") {
                let folderVersion = String(stem[stem.index(after: dash)...])
                if folderVersion != claimed {
                    problems.append(
                        "\(package.name) claims \(claimed) in METADATA but was installed as \(folderVersion) (/\(directory))"
                    )
                    continue
                }
            }
            // a distribution an OS package installed (Debian's python3-flask) has its own file list to answer
            // for it and no RECORD that matches Debian's adjusted metadata; every other one was written by an
            // installer, which always records METADATA's digest in RECORD
            if package.ownedBy != nil && contents[directory + "/INSTALLER"] == nil { continue }
            guard let metadata = contents[package.location] else { continue }
            guard let record = contents[directory + "/RECORD"] else {
                problems.append(
                    "\(package.name) \(claimed) has no RECORD to check its METADATA against (/\(directory))")
                continue
            }
            let recordPath = folder + "/METADATA"
            var listed = false
            for line in String(decoding: record, as: UTF8.self).split(whereSeparator: \.isNewline) {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                guard fields.count >= 2, fields[0] == recordPath, fields[1].hasPrefix("sha256=") else { continue }
                listed = true
                let recorded = String(fields[1].dropFirst("sha256=".count))
                if recorded != urlSafeBase64(AppIntactCheck.rawDigest(metadata)) {
                    problems.append("\(package.name)'s METADATA differs from what its RECORD says pip installed")
                }
            }
            if !listed {
                problems.append(
                    "\(package.name)'s RECORD does not list \(recordPath): the directory was renamed after the install (/\(directory))"
                )
            }
        }
        return problems
    }

    /// RECORD's encoding: URL-safe base64 without padding.
    static func urlSafeBase64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

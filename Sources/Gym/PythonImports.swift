import Context
import Engine
import Foundation
import Image

/// Which files a Python app's imports load in the image, and which installed distribution each belongs to.
///
/// The modules are the starter program's own imports (read from the exercise pack, never from the image).
/// The image's interpreter, already proven to be a working Python, finds each one the way the app's run would:
/// the program's directory first, then `PYTHONPATH` from the image's config, then the interpreter's own paths
/// (a venv's included). It only locates them (`importlib.util.find_spec`), imports nothing, and runs isolated
/// (`-I`), so the learner's modules execute no code of theirs while it looks. Each file found must then be one
/// an installer recorded: listed, with its SHA-256, in the `RECORD` of a `.dist-info` whose directory holds
/// it, or in the file list of the Debian package that also installed the distribution's metadata. A stub
/// module in the app's directory, on PYTHONPATH or in site-packages is named, and the scan's verdict on
/// the recorded distribution is a verdict on the code the app loads.
enum PythonImports {
    /// The top-level modules `source` imports absolutely (`import a.b as c, d`, `from a.b import c`).
    static func modules(in source: String) -> [String] {
        var names: [String] = []
        for raw in source.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            var imported: [Substring] = []
            if line.hasPrefix("import ") {
                let list = line.dropFirst("import ".count).split(separator: "#").first ?? ""
                imported = list.split(separator: ",").compactMap {
                    $0.split(whereSeparator: \.isWhitespace).first
                }
            } else if line.hasPrefix("from ") {
                let words = line.split(whereSeparator: \.isWhitespace)
                if words.count >= 3, words[2] == "import", !words[1].hasPrefix(".") { imported = [words[1]] }
            }
            for module in imported {
                guard let top = module.split(separator: ".").first.map(String.init),
                    top.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !names.contains(top)
                else { continue }
                names.append(top)
            }
        }
        return names
    }

    struct Located: Decodable {
        var stdlib: [String]
        var found: [String: String?]
    }

    /// One imported module: where it loads from and who installed it.
    struct Resolution: Equatable {
        var module: String
        /// The file, relative to the root (nil: not found in the image).
        var file: String?
        /// `Flask 3.0.3, by its RECORD`, `Debian's python3-flask`, `the standard library`; nil: nobody.
        var owner: String?
    }

    enum Failure: Error, Equatable {
        case unrunnable(String)
        case unowned([Resolution])
    }

    /// Resolves the starter program's imports in the image: every module the standard library does not
    /// provide, with the distribution that recorded its file.
    static func resolve(
        modules: [String], interpreter: String, image: String, engine: Engine, environment: [String],
        scriptDirectory: String,
        tree: FileTree, loaded: LoadedImage
    ) -> Result<[Resolution], Failure> {
        guard !modules.isEmpty else { return .success([]) }
        let finder: String
        switch ShippedProbes.importFinder {
        case .success(let text): finder = text
        case .failure(let error): return .failure(.unrunnable("\(error)"))
        }
        let pythonPath = environment.first { $0.hasPrefix("PYTHONPATH=") }.map { String($0.dropFirst(11)) } ?? ""
        guard
            let outcome = try? AppProcess.run(
                interpreter, ["-I", "-c", finder, scriptDirectory, pythonPath] + modules, in: image, on: engine),
            outcome.status == 0,
            let line = outcome.output.split(whereSeparator: \.isNewline).last,
            let located = try? JSONDecoder().decode(Located.self, from: Data(line.utf8))
        else { return .failure(.unrunnable("the interpreter could not locate the app's imports")) }
        let stdlib = located.stdlib.map { ContextSelection.normalize($0) + "/" }
        var resolutions: [Resolution] = []
        var pending: [(module: String, file: String)] = []
        for module in modules {
            guard let origin = located.found[module] ?? nil else {
                resolutions.append(Resolution(module: module, file: nil, owner: nil))
                continue
            }
            if origin == "built-in" || origin == "frozen" { continue }
            if origin.hasPrefix("namespace:") {
                resolutions.append(Resolution(module: module, file: String(origin.dropFirst(10)), owner: nil))
                continue
            }
            let file = ContextSelection.normalize(origin)
            if stdlib.contains(where: { file.hasPrefix($0) }) && !file.contains("-packages/") { continue }
            pending.append((module, file))
        }
        let owners = self.owners(of: pending.map(\.file), tree: tree, image: loaded)
        for (module, file) in pending {
            resolutions.append(Resolution(module: module, file: file, owner: owners[file]))
        }
        let unowned = resolutions.filter { $0.owner == nil }
        return unowned.isEmpty ? .success(resolutions) : .failure(.unowned(unowned))
    }

    /// Who installed each file: the pip-style distribution whose RECORD lists it with the digest the image's
    /// file has, else the Debian package whose file list holds it and that also installed a Python
    /// distribution's metadata (`.dist-info` or `.egg-info`). The image's layers are read once for all.
    static func owners(of files: [String], tree: FileTree, image: LoadedImage) -> [String: String] {
        guard !files.isEmpty else { return [:] }
        func site(_ record: FileTree.File) -> String {
            record.path.split(separator: "/").dropLast(2).joined(separator: "/")
        }
        let records = tree.files.filter { candidate in
            guard candidate.path.hasSuffix(".dist-info/RECORD") else { return false }
            let prefix = site(candidate).isEmpty ? "" : site(candidate) + "/"
            return files.contains { $0.hasPrefix(prefix) }
        }
        let lists = tree.files.filter { $0.path.hasPrefix("var/lib/dpkg/info/") && $0.path.hasSuffix(".list") }
        let targets = files.compactMap { tree.file(at: $0) }
        guard let contents = try? ImageFiles.contents(image, files: records + lists + targets) else { return [:] }
        var owners: [String: String] = [:]
        for file in files {
            let recorded = contents[file].flatMap { data in
                recordedOwner(
                    of: file, digest: "sha256=" + PythonMetadataIntegrity.urlSafeBase64(AppIntactCheck.rawDigest(data)),
                    records: records, site: site, contents: contents)
            }
            owners[file] = recorded ?? debianOwner(of: file, lists: lists, contents: contents)
        }
        return owners
    }

    static func recordedOwner(
        of file: String, digest: String, records: [FileTree.File], site: (FileTree.File) -> String,
        contents: [String: [UInt8]]
    ) -> String? {
        for record in records {
            let root = site(record)
            guard root.isEmpty || file.hasPrefix(root + "/"), let text = contents[record.path] else { continue }
            let relative = root.isEmpty ? file : String(file.dropFirst(root.count + 1))
            for line in String(decoding: text, as: UTF8.self).split(whereSeparator: \.isNewline) {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                guard fields.count >= 2, fields[0] == relative, fields[1] == digest else { continue }
                let components = record.path.split(separator: "/")
                let folder = String(components[components.count - 2].dropLast(".dist-info".count))
                return "\(folder.replacingOccurrences(of: "-", with: " ")), by its RECORD"
            }
        }
        return nil
    }

    static func debianOwner(of file: String, lists: [FileTree.File], contents: [String: [UInt8]]) -> String? {
        for list in lists.sorted(by: { $0.path < $1.path }) {
            guard let data = contents[list.path] else { continue }
            let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            guard lines.contains(where: { $0 == "/" + file }),
                lines.contains(where: { $0.hasSuffix(".dist-info") || $0.hasSuffix(".egg-info") })
            else { continue }
            let package = list.path.dropFirst("var/lib/dpkg/info/".count).dropLast(".list".count)
            return "Debian's \(package.split(separator: ":").first ?? package)"
        }
        return nil
    }
}

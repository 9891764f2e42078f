import Foundation

/// Which files `gym lint` reads: files as given, and every Dockerfile below a directory (by the names
/// BuildKit, Podman and the ecosystem use), skipping version control, dependency and build directories.
public enum DockerfileDiscovery {
    /// Directories never descended into.
    static let skipped: Set<String> = [".git", "node_modules", ".build", ".venv", "vendor"]

    /// `paths` with each directory replaced by the Dockerfiles below it, in name order; `-` (standard input)
    /// and files are kept as they are. A directory with no Dockerfile is an error.
    public static func find(_ paths: [String]) throws(LintError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if path == "-" || !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                || !isDirectory.boolValue
            {
                files.append(path)
                continue
            }
            var found: [String] = []
            func walk(_ directory: String) {
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
                for name in names.sorted() {
                    let child = directory == "." ? name : directory + "/" + name
                    var childIsDirectory: ObjCBool = false
                    _ = FileManager.default.fileExists(atPath: child, isDirectory: &childIsDirectory)
                    if childIsDirectory.boolValue {
                        if !skipped.contains(name) { walk(child) }
                    } else if isDockerfileName(name) {
                        found.append(child)
                    }
                }
            }
            walk(path)
            if found.isEmpty { throw .noDockerfile(directory: path) }
            files += found
        }
        return files
    }

    /// `Dockerfile`, `Containerfile`, `*.Dockerfile`, `*.dockerfile`, `Dockerfile.*`, `Containerfile.*` (but not
    /// `*.dockerignore`).
    public static func isDockerfileName(_ name: String) -> Bool {
        if name.hasSuffix(".dockerignore") { return false }
        return name == "Dockerfile" || name == "Containerfile" || name.hasSuffix(".Dockerfile")
            || name.hasSuffix(".dockerfile") || name.hasPrefix("Dockerfile.") || name.hasPrefix("Containerfile.")
    }
}

import Base
import Foundation

/// The Python probes gym runs inside a learner's image, shipped as files (`Probes/`, installed as
/// `PREFIX/share/gym/Probes`) and read once.
enum ShippedProbes {
    /// Locates modules without importing them, as the app's interpreter would; prints one JSON object: the
    /// standard library's directories and, per module, the file that would load (`null`: none).
    static let importFinder = load("import-finder.py")
    /// Asks each path on 127.0.0.1:PORT, waiting up to WAIT seconds for the server to listen; prints JSON.
    static let servesProbe = load("serves-probe.py")

    static func load(_ name: String) -> Result<String, GymError> {
        guard let directory = SharedFiles.directory("Probes", target: "Gym") else {
            return .failure(.io(path: "Probes/\(name)", reason: "the probes are missing beside the gym binary"))
        }
        let file = directory.appendingPathComponent(name)
        do { return .success(try String(contentsOf: file, encoding: .utf8)) } catch {
            return .failure(.io(path: file.path, reason: "\(error)"))
        }
    }
}

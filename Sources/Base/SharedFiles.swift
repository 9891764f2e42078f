import Foundation

/// The files gym ships beside its code (exercises, probes, page templates): `PREFIX/share/gym/NAME` when this
/// binary is an installed one (`make install` puts them there), else the directory of that name in a target's
/// resource bundle beside the binary, as `swift build` leaves it (`ContainerGym_TARGET.resources`).
///
/// It looks for the bundle itself rather than through `Bundle.module`, which stops the process when its
/// bundle is missing: a broken install is an error the command reports, not a crash.
public enum SharedFiles {
    /// Where `name` is: the installed copy first, then `name` in `target`'s bundle; nil when neither exists.
    public static func directory(_ name: String, target: String) -> URL? {
        if let installed = installedDirectory(name) { return installed }
        let bundle = "ContainerGym_\(target).resources/\(name)"
        let places = [Bundle.main.bundleURL, Bundle.main.executableURL?.deletingLastPathComponent()].compactMap { $0 }
        return places.map { $0.appendingPathComponent(bundle) }.first(where: isDirectory)
    }

    /// `PREFIX/share/gym/name` beside this binary's `PREFIX/bin`, when it exists.
    public static func installedDirectory(_ name: String) -> URL? {
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return nil }
        let directory = executable.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/gym/\(name)")
        return isDirectory(directory) ? directory : nil
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

import Foundation

/// A submission's workspace, written back to a directory for the checks.
public enum SubmittedWorkspace {
    /// The files of `directory` (relative paths, base64), skipping `.git`; at most `limit` bytes in all.
    public static func read(
        _ directory: URL, limit: Int = ClassServer.maximumWorkspaceBytes
    ) throws(ServerError)
        -> [WorkspaceFile]
    {
        let root = directory.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: root) else {
            throw .badRequest("\(root): cannot read the workspace")
        }
        var files: [WorkspaceFile] = []
        var total = 0
        while let relative = walker.nextObject() as? String {
            if relative == ".git" || relative.hasPrefix(".git/") {
                walker.skipDescendants()
                continue
            }
            let path = root + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .badRequest("\(path): cannot read")
            }
            total += data.count
            guard total <= limit else {
                throw .badRequest("the workspace \(root) is over \(limit) bytes: leave build outputs out of it")
            }
            let executable = FileManager.default.isExecutableFile(atPath: path)
            files.append(
                WorkspaceFile(path: relative, content: data.base64EncodedString(), executable: executable ? true : nil))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Writes the files under `directory` (created).
    public static func write(_ files: [WorkspaceFile], to directory: URL) throws(ServerError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for file in files {
                guard let data = Data(base64Encoded: file.content), !file.path.split(separator: "/").contains("..")
                else { throw ServerError.badRequest("workspace file \(file.path) cannot be written") }
                let url = directory.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
                if file.executable == true {
                    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
                }
            }
        } catch let error as ServerError {
            throw error
        } catch {
            throw .grading("cannot write the workspace: \(error)")
        }
    }
}

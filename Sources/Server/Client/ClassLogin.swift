import Foundation
import Storage

/// What `gym login` keeps: the server and the member's token, in `$GYM_HOME/class.json`, readable by the
/// account alone (0600).
public struct ClassLogin: Codable, Sendable, Equatable {
    public var server: String
    public var token: String
    public var name: String
    public var className: String
    public var role: ClassRole

    public init(server: String, token: String, name: String, className: String, role: ClassRole) {
        self.server = server
        self.token = token
        self.name = name
        self.className = className
        self.role = role
    }

    public static var defaultPath: String { GymHome.directory + "/class.json" }

    /// The stored login, or a clear error saying how to make one.
    public static func load(from path: String = defaultPath) throws(ServerError) -> ClassLogin {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .login("not logged in to a class: `gym login URL --invite CODE --name NAME` first (no \(path))")
        }
        do { return try JSONDecoder().decode(ClassLogin.self, from: data) } catch {
            throw .login("\(path): not a gym login (\(error)); run `gym login` again")
        }
    }

    /// Writes the login atomically, created 0600 (never readable by others, not even for a moment).
    public func save(to path: String = defaultPath) throws(ServerError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = directory + "/.class.json.\(ProcessInfo.processInfo.processIdentifier).tmp"
        do {
            let data = try encoder.encode(self)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw ServerError.login("\(temporary): \(String(cString: strerror(errno)))") }
            let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            fsync(descriptor)
            close(descriptor)
            guard written == data.count, rename(temporary, path) == 0 else {
                unlink(temporary)
                throw ServerError.login("\(path): cannot write the login")
            }
        } catch let error as ServerError {
            throw error
        } catch {
            throw .login("\(path): \(error)")
        }
    }
}

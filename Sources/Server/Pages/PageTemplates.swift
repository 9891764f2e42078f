import Base
import Foundation
import Mustache

/// The server's web files, shipped as files (`Web/`, installed as `PREFIX/share/gym/Web`): the pages'
/// Mustache templates (server-rendered HTML, no script; `{{x}}` escapes HTML, and every value a learner chose,
/// a name, goes through it) and the API's OpenAPI document.
enum PageTemplates {
    /// The templates every page needs, by name (`templates/NAME.mustache`).
    static let names = ["layout", "leaderboard", "progress", "student", "error"]

    static func directory() throws(ServerError) -> URL {
        guard let directory = SharedFiles.directory("Web", target: "Server") else {
            throw .installation("the server's web files (Web/) are missing beside the gym binary")
        }
        return directory
    }

    /// Every template, registered by name.
    static func library() throws(ServerError) -> MustacheLibrary {
        let templates = try directory().appendingPathComponent("templates")
        var library = MustacheLibrary()
        for name in names {
            let file = templates.appendingPathComponent("\(name).mustache")
            do {
                // the file's last newline ends the file, not the page
                var text = try String(contentsOf: file, encoding: .utf8)
                if text.hasSuffix("\n") { text.removeLast() }
                try library.register(text, named: name)
            } catch {
                throw .installation("\(file.path): \(error)")
            }
        }
        return library
    }

    /// The JSON API described in OpenAPI 3.1.
    static func openAPIDocument() throws(ServerError) -> String {
        let file = try directory().appendingPathComponent("openapi.json")
        do { return try String(contentsOf: file, encoding: .utf8) } catch {
            throw .installation("\(file.path): \(error)")
        }
    }
}

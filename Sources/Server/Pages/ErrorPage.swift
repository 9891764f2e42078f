import Hummingbird
import Mustache

/// An error as a browser sees it: an HTML page with the message (escaped by the template); a visitor without a
/// session gets the page that says how to log in.
enum ErrorPage {
    static func response(_ error: ServerError, status: HTTPResponse.Status, pages: MustacheLibrary) -> Response {
        let needsLogin = status == .unauthorized
        let view: [String: Any] = [
            "title": needsLogin ? "Log in" : "\(status.code) \(status.reasonPhrase)",
            "heading": needsLogin ? "Log in to the class" : "\(status.code) \(status.reasonPhrase)",
            "message": error.description, "login": needsLogin, "className": "", "member": "not logged in",
            "instructor": false,
        ]
        let html =
            pages.render(view, withTemplate: "error")
            ?? "<!doctype html><title>\(status.code)</title><p>\(status.code) \(status.reasonPhrase)</p>"
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        if case .rateLimited(let seconds) = error { headers[.retryAfter] = "\(seconds)" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The login page a visitor without a session gets at `/`.
    static func login(pages: MustacheLibrary) -> Response {
        var response = self.response(
            .unauthorized("you are not logged in to this class"), status: .unauthorized, pages: pages)
        response.status = .ok
        return response
    }
}

/// A `WWW-Authenticate` challenge from a registry: `Basic realm="..."` or
/// `Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"`.
public struct AuthChallenge: Sendable, Equatable {
    public var scheme: String
    public var parameters: [String: String]

    public init(scheme: String, parameters: [String: String]) {
        self.scheme = scheme
        self.parameters = parameters
    }

    /// Parses one challenge header value (parameter names are case-insensitive; values quoted or bare).
    public init?(header: String) {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard let space = text.firstIndex(where: { $0 == " " }) else {
            guard !text.isEmpty else { return nil }
            self.init(scheme: text.lowercased(), parameters: [:])
            return
        }
        let scheme = text[..<space].lowercased()
        var parameters: [String: String] = [:]
        var rest = text[text.index(after: space)...]
        while true {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let name = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let c = rest.first {
                    rest = rest.dropFirst()
                    if escaped {
                        value.append(c)
                        escaped = false
                    } else if c == "\\" {
                        escaped = true
                    } else if c == "\"" {
                        break
                    } else {
                        value.append(c)
                    }
                }
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            parameters[name] = value
        }
        self.init(scheme: scheme, parameters: parameters)
    }
}

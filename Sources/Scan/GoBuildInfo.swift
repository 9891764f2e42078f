import Foundation

/// The build information the Go toolchain (1.18 and later) embeds in every binary: the Go version and the
/// modules compiled in. Found by its magic (`\xff Go buildinf:`), read from the inline strings that follow
/// the 32-byte header.
public struct GoBuildInfo: Sendable, Equatable {
    /// `go1.19.8`.
    public var goVersion: String
    /// The main package's path.
    public var path: String?
    /// Modules with their versions: the main module (when versioned) and every dependency.
    public var modules: [(path: String, version: String)]
    /// The build's settings, in the order the toolchain recorded them: flags (`-trimpath`: `true`,
    /// `-ldflags`: `-s -w`, unquoted) and environment (`CGO_ENABLED`: `0`, `GOARCH`: `amd64`, `vcs.revision`).
    public var settings: [(key: String, value: String)] = []

    public init(
        goVersion: String, path: String?, modules: [(path: String, version: String)],
        settings: [(key: String, value: String)] = []
    ) {
        self.goVersion = goVersion
        self.path = path
        self.modules = modules
        self.settings = settings
    }

    /// The value of a recorded setting, nil when the build did not record it.
    public func setting(_ key: String) -> String? { settings.first { $0.key == key }?.value }

    public static func == (a: GoBuildInfo, b: GoBuildInfo) -> Bool {
        a.goVersion == b.goVersion && a.path == b.path
            && a.modules.map { "\($0.path)@\($0.version)" } == b.modules.map { "\($0.path)@\($0.version)" }
    }

    static let magic: [UInt8] = [0xFF] + Array(" Go buildinf:".utf8)

    /// The build info of a binary's bytes, or nil when it has none (or the pre-1.18 pointer format).
    public static func parse(_ bytes: [UInt8]) -> GoBuildInfo? {
        guard let start = find(magic, in: bytes), start + 32 <= bytes.count else { return nil }
        let flags = bytes[start + 15]
        guard flags & 0x2 != 0 else { return nil }  // strings by pointer: Go 1.17 and older
        var position = start + 32
        func field() -> ArraySlice<UInt8>? {
            var length = 0
            var shift = 0
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                length |= Int(byte & 0x7F) << shift
                if byte & 0x80 == 0 { break }
                shift += 7
                if shift > 35 { return nil }
            }
            guard length >= 0, position + length <= bytes.count else { return nil }
            defer { position += length }
            return bytes[position..<(position + length)]
        }
        guard let versionBytes = field(), var infoBytes = field() else { return nil }
        let version = String(decoding: versionBytes, as: UTF8.self)
        guard version.hasPrefix("go") else { return nil }
        // the module information is framed by 16-byte sentinels (not UTF-8): cut them off as bytes
        if infoBytes.count >= 33 { infoBytes = infoBytes.dropFirst(16).dropLast(16) }
        let info = String(decoding: infoBytes, as: UTF8.self)
        var result = GoBuildInfo(goVersion: version, path: nil, modules: [])
        var replaced: [String: (String, String)] = [:]
        var last: String?
        for line in info.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            switch fields.first {
            case "path": result.path = fields.count > 1 ? fields[1] : nil
            case "mod", "dep":
                guard fields.count >= 3 else { continue }
                result.modules.append((fields[1], fields[2]))
                last = fields[1]
            case "build":
                guard fields.count > 1, let equals = fields[1].firstIndex(of: "=") else { continue }
                let key = String(fields[1][..<equals])
                var value = String(fields[1][fields[1].index(after: equals)...])
                // a value with spaces or quotes is recorded Go-quoted
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2,
                    let unquoted = try? JSONDecoder().decode(String.self, from: Data(value.utf8))
                {
                    value = unquoted
                }
                result.settings.append((key, value))
            case "=>":
                // a replacement applies to the module on the line before
                if let last, fields.count >= 3 { replaced[last] = (fields[1], fields[2]) }
            default: continue
            }
        }
        result.modules = result.modules.compactMap { module in
            let (path, version) = replaced[module.path] ?? (module.path, module.version)
            return version == "(devel)" || version.isEmpty ? nil : (path, version)
        }
        return result
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { buffer -> Int? in
            var i = 0
            let last = buffer.count - needle.count
            while i <= last {
                // the header is 16-byte aligned in the binary's data
                if buffer[i] == needle[0] && buffer[i + 1] == needle[1] {
                    var matched = true
                    for j in 2..<needle.count where buffer[i + j] != needle[j] {
                        matched = false
                        break
                    }
                    if matched { return i }
                }
                i += 16
            }
            return nil
        }
    }
}

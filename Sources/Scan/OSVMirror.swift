import Foundation
import Spawn

/// Downloads an ecosystem's `all.zip` from a mirror laid out as osv.dev's bucket (`BASE/ECOSYSTEM/all.zip`),
/// with a conditional request (the ETag and Last-Modified of the last download), a stall timeout, and the
/// body checked against its Content-Length.
public struct OSVMirror: Sendable {
    /// osv.dev's public bucket.
    public static let osvDev = URL(string: "https://osv-vulnerabilities.storage.googleapis.com")!

    public var base: URL
    /// Seconds without progress before a request fails.
    public var timeout: TimeInterval

    public init(base: URL = OSVMirror.osvDev, timeout: TimeInterval = 60) {
        self.base = base
        self.timeout = timeout
    }

    /// What the last download of an ecosystem's archive returned, for the next conditional request.
    public struct Validators: Sendable, Codable, Equatable {
        public var etag: String?
        public var lastModified: String?

        public init(etag: String? = nil, lastModified: String? = nil) {
            self.etag = etag
            self.lastModified = lastModified
        }
    }

    public enum Outcome: Sendable, Equatable {
        /// 304: the archive is as it was.
        case notModified
        /// 200: the archive is in the file, with the validators for the next time.
        case downloaded(Validators, bytes: Int64)
    }

    public func url(for ecosystem: String) -> URL {
        base.appendingPathComponent(ecosystem).appendingPathComponent("all.zip")
    }

    /// Downloads `ecosystem`'s archive into `file` unless it is unchanged since `validators`; `progress` is told
    /// the bytes received and expected (0 when the server does not say). The transfer is curl's (the command,
    /// through Spawn): FoundationNetworking would tie the static binary to libcurl's development files.
    public func download(
        _ ecosystem: String, to file: URL, validators: Validators?,
        progress: @escaping @Sendable (Int64, Int64) -> Void = { _, _ in }
    ) throws(ScanError) -> Outcome {
        let url = url(for: ecosystem)
        let headers = file.appendingPathExtension("headers")
        defer { try? FileManager.default.removeItem(at: headers) }
        var arguments = [
            "curl", "--silent", "--show-error", "--location", "--max-redirs", "5", "--proto", "=http,https",
            "--connect-timeout", String(Int(timeout.rounded(.up))), "--speed-limit", "1", "--speed-time",
            String(Int(timeout.rounded(.up))), "--dump-header", headers.path, "--output", file.path,
            "--write-out", "%{http_code}",
        ]
        if let etag = validators?.etag { arguments += ["--header", "If-None-Match: \(etag)"] }
        if let modified = validators?.lastModified { arguments += ["--header", "If-Modified-Since: \(modified)"] }
        arguments.append(url.absoluteString)
        let watcher = ProgressWatcher(file: file, headers: headers, report: progress)
        watcher.start()
        let result: ProcessOutput
        do {
            result = try Subprocess.run(arguments)
        } catch {
            watcher.stop()
            throw .download(url: url.absoluteString, reason: "cannot run curl: \(error)")
        }
        watcher.stop()
        let fields = Self.headerFields(headers)
        let announced = fields["content-length"].flatMap { Int64($0) } ?? 0
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? nil ?? 0
        guard result.status == 0 else {
            try? FileManager.default.removeItem(at: file)
            let message = String(decoding: result.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            switch result.status {
            case 18:
                throw .download(
                    url: url.absoluteString, reason: "truncated: \(size) of the \(announced) bytes announced")
            case 28:
                throw .download(
                    url: url.absoluteString, reason: "the server stopped answering (no data for \(Int(timeout)) s)")
            case 47: throw .download(url: url.absoluteString, reason: "too many redirects")
            default:
                throw .download(
                    url: url.absoluteString, reason: message.isEmpty ? "curl exit \(result.status)" : message)
            }
        }
        let code = Int(String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespaces)) ?? 0
        switch code {
        case 304:
            try? FileManager.default.removeItem(at: file)
            return .notModified
        case 200:
            if announced > 0 && size != announced {
                try? FileManager.default.removeItem(at: file)
                throw .download(
                    url: url.absoluteString, reason: "truncated: \(size) of the \(announced) bytes announced")
            }
            return .downloaded(Validators(etag: fields["etag"], lastModified: fields["last-modified"]), bytes: size)
        default:
            try? FileManager.default.removeItem(at: file)
            if code == 404 {
                throw .download(url: url.absoluteString, reason: "no archive for \(ecosystem) there (HTTP 404)")
            }
            throw .download(url: url.absoluteString, reason: "HTTP \(code)")
        }
    }

    /// The header fields of the last response curl wrote (after redirects), names lower-cased.
    static func headerFields(_ file: URL) -> [String: String] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [:] }
        let blocks = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
        let last = blocks.last { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? ""
        var fields: [String: String] = [:]
        for line in last.split(separator: "\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// Reports the download's size as it grows (the file curl writes), from a thread of its own.
    final class ProgressWatcher: @unchecked Sendable {
        let file: URL
        let headers: URL
        let report: @Sendable (Int64, Int64) -> Void
        private let stopped = DispatchSemaphore(value: 0)
        private let finished = DispatchSemaphore(value: 0)

        init(file: URL, headers: URL, report: @escaping @Sendable (Int64, Int64) -> Void) {
            self.file = file
            self.headers = headers
            self.report = report
        }

        func start() {
            Thread.detachNewThread { [self] in
                while stopped.wait(timeout: .now() + .milliseconds(200)) == .timedOut {
                    let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? nil
                    let total = OSVMirror.headerFields(headers)["content-length"].flatMap { Int64($0) } ?? 0
                    if let size { report(size, total) }
                }
                finished.signal()
            }
        }

        func stop() {
            stopped.signal()
            finished.wait()
        }
    }
}

import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Downloads an ecosystem's `all.zip` from a mirror laid out as osv.dev's bucket (`BASE/ECOSYSTEM/all.zip`),
/// with a conditional request (the ETag and Last-Modified of the last download), a timeout, and the body
/// checked against its Content-Length.
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
    /// the bytes received and expected (0 when the server does not say).
    public func download(
        _ ecosystem: String, to file: URL, validators: Validators?,
        progress: @escaping @Sendable (Int64, Int64) -> Void = { _, _ in }
    ) throws(ScanError) -> Outcome {
        let url = url(for: ecosystem)
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        if let etag = validators?.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let modified = validators?.lastModified {
            request.setValue(modified, forHTTPHeaderField: "If-Modified-Since")
        }
        let transfer = Transfer(destination: file, progress: progress)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = max(timeout * 20, 600)
        configuration.httpMaximumConnectionsPerHost = 1
        let session = URLSession(configuration: configuration, delegate: transfer, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        let task = session.downloadTask(with: request)
        task.resume()
        // a watchdog of our own: the transfer must make progress at least every `timeout` seconds
        while transfer.done.wait(timeout: .now() + .milliseconds(200)) == .timedOut {
            if Date().timeIntervalSince(transfer.lastActivity) > timeout {
                transfer.fail("the server stopped answering (no data for \(Int(timeout)) s)")
                task.cancel()
                _ = transfer.done.wait(timeout: .now() + .seconds(5))
                break
            }
        }
        let (response, failure) = transfer.result()
        if let failure {
            try? FileManager.default.removeItem(at: file)
            throw .download(url: url.absoluteString, reason: failure)
        }
        guard let response else { throw .download(url: url.absoluteString, reason: "no response") }
        switch response.statusCode {
        case 304:
            return .notModified
        case 200:
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? nil ?? 0
            if response.expectedContentLength > 0 && size != response.expectedContentLength {
                try? FileManager.default.removeItem(at: file)
                throw .download(
                    url: url.absoluteString,
                    reason: "truncated: \(size) of the \(response.expectedContentLength) bytes announced")
            }
            return .downloaded(
                Validators(
                    etag: response.value(forHTTPHeaderField: "ETag"),
                    lastModified: response.value(forHTTPHeaderField: "Last-Modified")), bytes: size)
        case 404:
            throw .download(url: url.absoluteString, reason: "no archive for \(ecosystem) there (HTTP 404)")
        default:
            throw .download(url: url.absoluteString, reason: "HTTP \(response.statusCode)")
        }
    }

    /// The download's delegate: moves the body into place as it finishes, reports progress, and signals the end.
    final class Transfer: NSObject, URLSessionDownloadDelegate, @unchecked Sendable {
        let destination: URL
        let progress: @Sendable (Int64, Int64) -> Void
        let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var response: HTTPURLResponse?
        private var failure: String?
        private var activity = Date()
        private var received: Int64 = 0
        private var expected: Int64 = 0

        /// When the transfer last received something (or started).
        var lastActivity: Date {
            lock.lock()
            defer { lock.unlock() }
            return activity
        }

        /// Records the first failure; later ones are consequences.
        func fail(_ reason: String) {
            lock.lock()
            defer { lock.unlock() }
            if failure == nil { failure = reason }
        }

        init(destination: URL, progress: @escaping @Sendable (Int64, Int64) -> Void) {
            self.destination = destination
            self.progress = progress
        }

        func result() -> (HTTPURLResponse?, String?) {
            lock.lock()
            defer { lock.unlock() }
            return (response, failure)
        }

        func urlSession(
            _ session: URLSession, downloadTask: URLSessionDownloadTask, didWriteData bytesWritten: Int64,
            totalBytesWritten: Int64, totalBytesExpectedToWrite: Int64
        ) {
            lock.lock()
            activity = Date()
            received = totalBytesWritten
            expected = max(totalBytesExpectedToWrite, 0)
            lock.unlock()
            progress(totalBytesWritten, max(totalBytesExpectedToWrite, 0))
        }

        func urlSession(
            _ session: URLSession, downloadTask: URLSessionDownloadTask, didFinishDownloadingTo location: URL
        ) {
            lock.lock()
            defer { lock.unlock() }
            response = downloadTask.response as? HTTPURLResponse
            guard response?.statusCode == 200 else { return }
            do {
                try? FileManager.default.removeItem(at: destination)
                try FileManager.default.moveItem(at: location, to: destination)
            } catch {
                failure = "cannot keep the download: \(error.localizedDescription)"
            }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            lock.lock()
            if response == nil { response = task.response as? HTTPURLResponse }
            if let error, failure == nil {
                if (error as NSError).code == NSURLErrorTimedOut {
                    failure = "the server stopped answering (no data for the timeout)"
                } else if expected > 0 && received < expected {
                    failure =
                        "truncated: \(received) of the \(expected) bytes announced (\(error.localizedDescription))"
                } else {
                    failure = error.localizedDescription
                }
            }
            lock.unlock()
            done.signal()
        }
    }
}

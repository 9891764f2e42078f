import Foundation
import ZIPFoundation

/// OSV records as they are published: a directory of `*.json` (any depth, the bulk-export layout), or an
/// ecosystem's `all.zip` as osv.dev publishes it, read straight from the archive. Withdrawn records are
/// returned too: an import removes them from the index.
public enum OSVSource {
    /// Every record at `path`; `progress` is told how many entries were read of how many.
    public static func records(
        at path: String, progress: (Int, Int) -> Void = { _, _ in }
    ) throws(ScanError) -> [OSVRecord] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .noDatabase("\(path) does not exist")
        }
        return isDirectory.boolValue ? try directory(path, progress: progress) : try zip(path, progress: progress)
    }

    static func directory(_ path: String, progress: (Int, Int) -> Void) throws(ScanError) -> [OSVRecord] {
        let root = URL(fileURLWithPath: path)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw .noDatabase("\(path) cannot be read")
        }
        let files = walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
        let decoder = JSONDecoder()
        var records: [OSVRecord] = []
        for (index, url) in files.enumerated() {
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw .badRecord(file: url.path, reason: "cannot read")
            }
            do {
                records.append(try decoder.decode(OSVRecord.self, from: data))
            } catch {
                throw .badRecord(file: url.path, reason: "not an OSV record: \(error)")
            }
            if index % 500 == 0 { progress(index, files.count) }
        }
        progress(files.count, files.count)
        return records
    }

    /// An `all.zip`: every `*.json` entry is a record; anything that is not a ZIP archive, or an entry that
    /// does not decode (a truncated download), is an error naming the archive and the entry.
    static func zip(_ path: String, progress: (Int, Int) -> Void) throws(ScanError) -> [OSVRecord] {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .badRecord(file: path, reason: "not a ZIP archive of OSV records (\(error))")
        }
        let entries = archive.filter { $0.type == .file && $0.path.hasSuffix(".json") }
        let decoder = JSONDecoder()
        var records: [OSVRecord] = []
        for (index, entry) in entries.enumerated() {
            var data = Data()
            do {
                _ = try archive.extract(entry) { data.append($0) }
            } catch {
                throw .badRecord(file: "\(path)!\(entry.path)", reason: "cannot be extracted (\(error))")
            }
            do {
                records.append(try decoder.decode(OSVRecord.self, from: data))
            } catch {
                throw .badRecord(file: "\(path)!\(entry.path)", reason: "not an OSV record: \(error)")
            }
            if index % 500 == 0 { progress(index, entries.count) }
        }
        progress(entries.count, entries.count)
        return records
    }
}

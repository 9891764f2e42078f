import Foundation

/// Byte counts for people: decimal units as `docker images` shows them (1 MB = 1,000,000 bytes).
public enum ByteCount {
    /// `512 B`, `1.5 KB`, `117.0 MB`.
    public static func text(_ bytes: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}

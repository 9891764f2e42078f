import Base
import Crypto

/// SHA-1, only to compute git blob ids (`sha1("blob <size>\0" + content)`) for working-tree files, so a working
/// tree can be compared with a git revision. swift-crypto's (BoringSSL's assembly) does the work.
public enum SHA1 {
    /// The git blob id of `content`, 40 hex digits.
    public static func gitBlobID(_ content: [UInt8]) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: Array("blob \(content.count)\0".utf8))
        hasher.update(data: content)
        return Hex.string(hasher.finalize())
    }
}

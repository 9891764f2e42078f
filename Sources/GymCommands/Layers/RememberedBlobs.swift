import Foundation
import Image
import Storage

extension VerifiedBlobs {
    /// The blobs this user's gym verified before: `$GYM_HOME/verified-blobs`.
    static var ofThisUser: VerifiedBlobs {
        VerifiedBlobs(file: URL(fileURLWithPath: GymHome.directory).appendingPathComponent("verified-blobs"))
    }
}

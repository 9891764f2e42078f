import Foundation

/// Where gym keeps its state: `$GYM_HOME`, else `$HOME/.gym`, else the account's home directory's `.gym`.
/// `$HOME` is read first so that two users of one account, or two test runs, each get their own state.
public enum GymHome {
    public static var directory: String {
        let environment = ProcessInfo.processInfo.environment
        if let home = environment["GYM_HOME"], !home.isEmpty { return home }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.gym" }
        return FileManager.default.homeDirectoryForCurrentUser.path + "/.gym"
    }
}

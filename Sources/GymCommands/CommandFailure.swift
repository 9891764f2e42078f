/// A failure a command reports: `error: MESSAGE`, or `PLACE: error: MESSAGE` when it has a place (a file, a
/// file and line), with any detail on the lines after. `GymCommand.runCommandLine` prints it and exits 2,
/// as it does for every error a library throws: errors become exit codes in that one place.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var place: String?
    var detail: String?

    init(_ message: String, at place: String? = nil, detail: String? = nil) {
        self.message = message
        self.place = place
        self.detail = detail
    }

    var description: String {
        (place.map { "\($0): " } ?? "") + "error: " + message + (detail.map { "\n" + $0 } ?? "")
    }
}

/// A `pip install` (or `python -m pip install`) call, read.
public struct PipInvocation: Sendable {
    public static let names = ["pip", "pip3", "pip3.9", "pip3.10", "pip3.11", "pip3.12", "pip3.13"]

    public var token: String
    public var isInstall: Bool
    public var packages: [String]
    public var usesRequirementsFile: Bool
    public var options: [String]

    public init?(_ command: ShellCommand) {
        var args = command.arguments
        if Self.names.contains(command.name) {
            token = command.name
        } else if command.name.hasPrefix("python"), args.count >= 2, args[0] == "-m", args[1] == "pip" {
            token = command.name
            args = Array(args.dropFirst(2))
        } else {
            return nil
        }
        isInstall = args.first(where: { !$0.hasPrefix("-") }) == "install"
        var packages: [String] = []
        var options: [String] = []
        var requirements = false
        var skipNext = false
        for argument in args.drop(while: { $0 != "install" }).dropFirst() {
            if skipNext {
                skipNext = false
                continue
            }
            if ["-r", "--requirement", "-c", "--constraint", "-e", "--editable"].contains(argument) {
                requirements = true
                skipNext = true
                continue
            }
            if ["-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--target", "-t", "--prefix", "--root"]
                .contains(argument)
            {
                skipNext = true
                continue
            }
            if argument.hasPrefix("-") {
                options.append(argument)
                if argument.hasPrefix("--requirement=") || argument.hasPrefix("-r") { requirements = true }
                continue
            }
            packages.append(argument)
        }
        self.packages = packages
        self.options = options
        usesRequirementsFile = requirements
    }
}

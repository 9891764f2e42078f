/// `--build-arg` values as `docker build` reads them: `KEY=VALUE` sets the value (which may be empty or hold
/// `=`); a bare `KEY` takes the value of that environment variable and is left out when it is not set. A
/// later value for the same key wins.
public enum BuildArguments {
    public static func parse(
        _ values: [String], environment: [String: String]
    ) throws(DockerfileError) -> [String:
        String]
    {
        var arguments: [String: String] = [:]
        for value in values {
            if let equals = value.firstIndex(of: "=") {
                let key = String(value[..<equals])
                guard !key.isEmpty, !key.contains(where: \.isWhitespace) else { throw .invalidBuildArgument(value) }
                arguments[key] = String(value[value.index(after: equals)...])
            } else {
                guard !value.isEmpty, !value.contains(where: \.isWhitespace) else { throw .invalidBuildArgument(value) }
                if let fromEnvironment = environment[value] { arguments[value] = fromEnvironment }
            }
        }
        return arguments
    }
}

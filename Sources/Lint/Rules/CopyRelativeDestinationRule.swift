import Dockerfile

/// COPY to a relative destination before any WORKDIR.
public struct CopyRelativeDestinationRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "copy-relative-destination", title: "COPY to a relative path without WORKDIR", severity: .warning,
        category: .correctness,
        rationale:
            "A relative destination is resolved against the base image's working directory, which you do not control. Set WORKDIR first, or copy to an absolute path.",
        hadolint: ["DL3045"],
        triggering: [RuleExample("FROM python:3.11-slim\n↓COPY app.py app/")],
        nonTriggering: [
            RuleExample("FROM python:3.11-slim\nWORKDIR /srv\nCOPY app.py app/"),
            RuleExample("FROM python:3.11-slim\nCOPY app.py /srv/app/"),
            RuleExample("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY app.exe C:/app/"),
            RuleExample("FROM python:3.11-slim AS base\nWORKDIR /srv\nFROM base\nCOPY app.py app/"),
        ])

    /// `C:\\dir` or `C:/dir`.
    static func isWindowsAbsolute(_ path: String) -> Bool {
        let chars = Array(path.utf8)
        return chars.count >= 3 && ((chars[0] >= 65 && chars[0] <= 90) || (chars[0] >= 97 && chars[0] <= 122))
            && chars[1] == UInt8(ascii: ":") && (chars[2] == UInt8(ascii: "\\") || chars[2] == UInt8(ascii: "/"))
    }

    public func check(_ context: LintContext) -> [Finding] {
        context.dockerfile.stages.flatMap { stage -> [Finding] in
            // a stage built on an earlier stage inherits its WORKDIR
            if context.stageChain(stage).dropFirst().contains(where: {
                $0.instructions.contains { $0.keyword == "WORKDIR" }
            }) {
                return []
            }
            var workdir = false
            return stage.instructions.compactMap { instruction in
                if instruction.keyword == "WORKDIR" { workdir = true }
                guard !workdir, case .copy(let copy) = instruction else { return nil }
                let destination = copy.files.destination
                guard !destination.hasPrefix("/"), !destination.hasPrefix("$"), !destination.hasPrefix("\"/"),
                    !Self.isWindowsAbsolute(destination)
                else {
                    return nil
                }
                return context.finding(
                    description, copy.node,
                    message: "\(destination) is relative to a working directory this Dockerfile never set",
                    fix: "Add WORKDIR /app before it, or copy to an absolute path")
            }
        }
    }
}

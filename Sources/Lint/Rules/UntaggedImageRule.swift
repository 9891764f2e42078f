import Dockerfile

/// FROM an image without a tag or digest.
public struct UntaggedImageRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "untagged-image", title: "Base image has no tag", severity: .warning, category: .reproducibility,
        rationale: """
            `FROM python` means `python:latest`: whatever was pushed last. Builds stop being repeatable and a
            rebuild can change language versions under you. Name the version you tested.

            Before: `FROM python` — After: `FROM python:3.11-slim` (or pin a digest: `FROM python:3.11-slim@sha256:...`).

            Differs from hadolint DL3006 by choice: a base made of build args (`FROM base-${VARIANT}`) is not
            reported, since only the build arguments decide what it names.
            """,
        hadolint: ["DL3006"],
        triggering: [RuleExample("↓FROM python\nRUN true"), RuleExample("FROM golang:1.22 AS build\n↓FROM debian\n")],
        nonTriggering: [
            RuleExample("FROM python:3.11-slim"), RuleExample("FROM scratch"),
            RuleExample("FROM golang:1.22 AS build\nFROM build"), RuleExample("FROM alpine@sha256:abc"),
            RuleExample("ARG IMG=alpine:3.19\nFROM $IMG"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.dockerfile.stages.compactMap { stage -> Finding? in
            let base = stage.from.baseName
            guard base != "scratch", !context.isStageReference(stage), !context.isDynamic(base) else { return nil }
            let reference = ImageReference(base)
            guard reference.tag == nil, reference.digest == nil else { return nil }
            return context.finding(
                description, stage.from.node, message: "\(base) has no tag: it means \(base):latest",
                fix: "Pin a version, e.g. FROM \(base):<version>")
        }
    }
}

import Foundation

/// Question 4: what pip looks for on PyPI depends on the C library. Measured on the Debian-based Python
/// image here: its libc, and the first wheel tag pip accepts there.
struct AlpineExperiment: DiscoveryExperiment {
    static let probe = """
        ldd --version 2>&1 | head -1; python -c 'from pip._vendor.packaging import tags; print(next(iter(tags.sys_tags())))'
        """

    var files: [String: String] {
        [
            "Dockerfile.alpine": """
            # What question 4 is about (not built here: no Alpine base image and no network).
            FROM python:3.11-alpine
            # a package with C extensions has no musllinux wheel for every version: pip compiles it and
            # needs a compiler and headers first, e.g.
            # RUN apk add --no-cache gcc musl-dev python3-dev libffi-dev
            RUN pip install --no-cache-dir psycopg2==2.9.9

            """,
            "probe.sh": Self.probe + "\n",
        ]
    }

    var limits: String? {
        "no Alpine image can be built here (no Alpine base, no network to PyPI); the experiment measures the glibc side on python:3.11-slim and shows what pip would look for instead"
    }

    func measure(in directory: URL, lab: ExperimentLab) throws(GymError) -> DiscoveryMeasurement {
        let run = try lab.run("python:3.11-slim", ["sh", "-c", Self.probe])
        guard run.status == 0 else {
            throw .experiment(question: 4, reason: "the probe failed (exit \(run.status)): \(run.output)")
        }
        let lines = run.output.split(separator: "\n").map(String.init)
        let libc = lines.first ?? ""
        let tag = lines.last ?? ""
        let glibc = libc.localizedCaseInsensitiveContains("glibc") || libc.contains("GNU libc")
        let supports = glibc && tag.contains("manylinux") ? "b" : "a"
        return DiscoveryMeasurement(
            supports: supports,
            evidence: [
                "python:3.11-slim's C library: \(libc)",
                "the first wheel tag pip accepts there: \(tag) (manylinux wheels are built against glibc)",
                "on Alpine (musl) pip accepts only musllinux wheels; a package without one is compiled from source",
            ])
    }
}

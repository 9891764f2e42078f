import Foundation

/// Question 2: the same app with `COPY . .` once and with the manifest copied first; the app's code edited;
/// both rebuilt. Which one installs the dependencies again, and what does the second COPY cost?
struct CopyDilemmaExperiment: DiscoveryExperiment {
    /// A stand-in for `pip install -r requirements.txt` that needs no network: it reads the manifest and
    /// takes a second, as an install does.
    static let install = "RUN sleep 1 && wc -l requirements.txt > /installed-deps.txt"

    var files: [String: String] {
        [
            "once/Dockerfile":
                "FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\n\(Self.install)\nCMD [\"python\", \"app.py\"]\n",
            "first/Dockerfile":
                "FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\n\(Self.install)\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
            "once/requirements.txt": "flask==3.0.3\nrequests==2.32.3\n",
            "first/requirements.txt": "flask==3.0.3\nrequests==2.32.3\n",
            "once/app.py": "print('hello')\n",
            "first/app.py": "print('hello')\n",
        ]
    }

    var limits: String? {
        "the dependency install is a stand-in that reads requirements.txt and waits a second (no network here)"
    }

    func measure(in directory: URL, lab: ExperimentLab) throws(GymError) -> DiscoveryMeasurement {
        var reinstalled: [String: Bool] = [:]
        for variant in ["once", "first"] {
            let folder = directory.appendingPathComponent(variant)
            _ = try lab.build(folder)
            try lab.edit(folder, "app.py", replacing: "print('hello')", with: "print('hello \(ExperimentLab.nonce())')")
            let rebuilt = try lab.build(folder)
            guard let install = ExperimentLab.step(rebuilt, "RUN sleep 1") else {
                throw .experiment(question: 2, reason: "BuildKit's progress shows no install step in \(variant)")
            }
            reinstalled[variant] = !install.cached
        }
        let manifest = files["first/requirements.txt"]!.utf8.count
        let supports =
            reinstalled["once"] == true && reinstalled["first"] == false
            ? "b" : reinstalled["once"] == true && reinstalled["first"] == true ? "c" : "a"
        return DiscoveryMeasurement(
            supports: supports,
            evidence: [
                "COPY . . once: the install \(reinstalled["once"]! ? "ran again" : "came from the cache") after app.py changed",
                "requirements.txt first: the install \(reinstalled["first"]! ? "ran again" : "came from the cache") after app.py changed",
                "the duplicated file costs \(manifest) bytes: requirements.txt is in two layers",
            ])
    }
}

import Image
import Testing

@testable import Gym

/// Install steps by effect: which changes of a layer are packages arriving, and how a RUN step's text finds
/// its layer's verdict (falling back to the text classifier where the image has no layer for it).
struct InstallStepsTests {
    @Test(arguments: [
        ("usr/local/lib/python3.11/site-packages/flask-3.0.3.dist-info/METADATA", FileTree.ChangeKind.added, true),
        ("usr/local/lib/python3.11/site-packages/flask-3.0.3.dist-info/METADATA", .modified, false),
        ("usr/lib/python3/dist-packages/Flask-2.2.2.egg-info/PKG-INFO", .added, true),
        ("usr/lib/python3/dist-packages/six-1.16.0.egg-info", .added, true),
        ("app/node_modules/express/package.json", .added, true),
        ("app/node_modules/@babel/core/package.json", .added, true),
        ("app/node_modules/express/lib/package.json", .added, false),
        ("app/node_modules/a/node_modules/b/package.json", .added, true),
        ("app/package.json", .added, false),
        ("var/lib/dpkg/info/curl.list", .added, true),
        ("var/lib/dpkg/status", .modified, false),
        ("lib/apk/db/installed", .modified, true),
        ("root/go/pkg/mod/cache/download/golang.org/x/text/@v/v0.14.0.zip", .added, true),
        ("app/requirements.txt", .added, false),
    ])
    func packagesArrivingAreRecognised(path: String, kind: FileTree.ChangeKind, adds: Bool) {
        #expect(InstallSteps.addsPackage(FileTree.Change(path: path, kind: kind, size: 1)) == adds, "\(path)")
    }

    @Test func theLayersEffectDecidesWhereThereIsOne() {
        let steps = InstallSteps(layers: [
            "sh install-deps.sh requirements.txt": true, "pip install --no-cache-dir -r requirements.txt": false,
        ])
        // a script copied with the manifest installs: its layer added packages
        #expect(steps.installs("RUN sh install-deps.sh requirements.txt"))
        #expect(steps.decidedByEffect("RUN /bin/sh -c sh install-deps.sh requirements.txt # buildkit"))
        // a pip line whose layer added nothing (everything was there already) is no install
        #expect(!steps.installs("RUN pip install --no-cache-dir -r requirements.txt"))
        // a step the image has no layer for (another stage) is judged by its text
        #expect(steps.installs("RUN npm ci") && !steps.decidedByEffect("RUN npm ci"))
        #expect(!InstallSteps.byText.installs("RUN sh install-deps.sh requirements.txt"))
    }
}

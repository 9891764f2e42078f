import Testing

@testable import Dockerfile

/// Every instruction with every flag, typed.
struct InstructionTests {
    func only(_ source: String) throws -> Instruction {
        let file = try Dockerfile.parse("FROM base\n" + source)
        return try #require(file.stages[0].instructions.last)
    }

    @Test func from() throws {
        let file = try Dockerfile.parse("FROM --platform=$BUILDPLATFORM golang:1.22 As Builder\n")
        let from = file.stages[0].from
        #expect(from.baseName == "golang:1.22")
        #expect(from.stageName == "Builder")
        #expect(from.asKeyword == "As")
        #expect(from.platform == "$BUILDPLATFORM")
        #expect(file.stages[0].name == "builder")
    }

    @Test func runWithMountsNetworkSecurity() throws {
        guard
            case .run(let run) = try only(
                "RUN --mount=type=cache,target=/root/.cache,id=pip,sharing=locked "
                    + "--mount=type=bind,source=req.txt,target=/r,from=deps,ro "
                    + "--mount=type=secret,id=tok,env=TOKEN,required=true "
                    + "--mount=type=ssh --mount=type=tmpfs,target=/t,size=64m "
                    + "--network=none --security=insecure pip install -r /r")
        else { Issue.record("not a RUN"); return }
        #expect(run.mounts.map(\.type) == [.cache, .bind, .secret, .ssh, .tmpfs])
        #expect(run.mounts[0].sharing == "locked")
        #expect(run.mounts[0].id == "pip")
        #expect(run.mounts[1].readOnly == true)
        #expect(run.mounts[1].from == "deps")
        #expect(run.mounts[2].env == "TOKEN")
        #expect(run.mounts[2].required == true)
        #expect(run.mounts[4].size == "64m")
        #expect(run.network == "none")
        #expect(run.security == "insecure")
        #expect(run.command == .shell("pip install -r /r"))
    }

    @Test func runExecAndHeredoc() throws {
        guard case .run(let exec) = try only("RUN [\"/bin/sh\", \"-c\", \"true\"]") else {
            Issue.record("not typed as RUN"); return
        }
        #expect(exec.command == .exec(["/bin/sh", "-c", "true"]))
        guard case .run(let heredoc) = try only("RUN <<EOF\nset -e\nEOF") else {
            Issue.record("not typed as RUN"); return
        }
        #expect(heredoc.heredocs.first?.content == "set -e\n")
    }

    @Test func cmdEntrypointShell() throws {
        guard case .cmd(let cmd) = try only("CMD [\"python\", \"app.py\"]") else {
            Issue.record("not typed as CMD"); return
        }
        #expect(cmd.command == .exec(["python", "app.py"]))
        guard case .entrypoint(let ep) = try only("ENTRYPOINT exec top -b") else {
            Issue.record("not typed as ENTRYPOINT"); return
        }
        #expect(ep.command == .shell("exec top -b"))
        guard case .shell(let sh) = try only("SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]") else {
            Issue.record("not typed as SHELL"); return
        }
        #expect(sh.shell == ["/bin/bash", "-o", "pipefail", "-c"])
    }

    @Test func labelEnvMaintainer() throws {
        guard case .label(let label) = try only("LABEL a=1 \"b c\"=2") else {
            Issue.record("not typed as LABEL"); return
        }
        #expect(label.labels.map(\.key) == ["a", "\"b c\""])
        guard case .env(let env) = try only("ENV PATH /usr/bin") else { Issue.record("not typed as ENV"); return }
        #expect(env.variables == [KeyValuePair(key: "PATH", value: "/usr/bin", isLegacyForm: true)])
        guard case .env(let env2) = try only("ENV A=1 B=2") else { Issue.record("not typed as ENV"); return }
        #expect(env2.variables.map(\.isLegacyForm) == [false, false])
        guard case .maintainer(let m) = try only("MAINTAINER Jane <j@x>") else {
            Issue.record("not typed as MAINTAINER"); return
        }
        #expect(m.maintainer == "Jane <j@x>")
    }

    @Test func exposeVolumeUserWorkdirStopsignal() throws {
        guard case .expose(let e) = try only("EXPOSE 80 443/tcp 53/udp") else {
            Issue.record("not typed as EXPOSE"); return
        }
        #expect(e.ports == ["80", "443/tcp", "53/udp"])
        guard case .volume(let v) = try only("VOLUME [\"/a\", \"/b\"]") else {
            Issue.record("not typed as VOLUME"); return
        }
        #expect(v.paths == ["/a", "/b"])
        guard case .user(let u) = try only("USER app:app") else { Issue.record("not typed as USER"); return }
        #expect(u.user == "app:app")
        guard case .workdir(let w) = try only("WORKDIR /srv/app") else { Issue.record("not typed as WORKDIR"); return }
        #expect(w.path == "/srv/app")
        guard case .stopSignal(let s) = try only("STOPSIGNAL SIGQUIT") else {
            Issue.record("not typed as STOPSIGNAL"); return
        }
        #expect(s.signal == "SIGQUIT")
    }

    @Test func addWithEveryFlag() throws {
        guard
            case .add(let add) = try only(
                "ADD --chown=1:1 --chmod=644 --link --keep-git-dir=true --exclude=*.md --exclude=.git "
                    + "--checksum=sha256:abc https://x/y.tar.gz /opt/")
        else { Issue.record("not typed as ADD"); return }
        #expect(add.chown == "1:1")
        #expect(add.chmod == "644")
        #expect(add.link)
        #expect(add.keepGitDir)
        #expect(add.checksum == "sha256:abc")
        #expect(add.excludes == ["*.md", ".git"])
        #expect(add.files.sources == ["https://x/y.tar.gz"])
        #expect(add.files.destination == "/opt/")
    }

    @Test func copyWithEveryFlag() throws {
        guard
            case .copy(let copy) = try only(
                "COPY --from=build --chown=app --chmod=755 --link=false --parents --exclude=test a b /dst/")
        else { Issue.record("not typed as COPY"); return }
        #expect(copy.from == "build")
        #expect(copy.chown == "app")
        #expect(copy.chmod == "755")
        #expect(copy.link == false)
        #expect(copy.parents)
        #expect(copy.excludes == ["test"])
        #expect(copy.files.sources == ["a", "b"])
    }

    @Test func copyHeredocBecomesInlineFile() throws {
        guard case .copy(let copy) = try only("COPY <<-EOF /etc/motd\n\thello\n\tEOF") else {
            Issue.record("not typed as COPY"); return
        }
        #expect(copy.files.sources.isEmpty)
        #expect(copy.files.inlineFiles.first?.content == "hello\n")
        #expect(copy.files.destination == "/etc/motd")
    }

    @Test func argDeclarations() throws {
        guard case .arg(let arg) = try only("ARG A B=2 C=") else { Issue.record("not typed as ARG"); return }
        #expect(arg.declarations.map(\.name) == ["A", "B", "C"])
        #expect(arg.declarations.map(\.defaultValue) == [nil, "2", ""])
    }

    @Test func onbuild() throws {
        guard case .onbuild(let on) = try only("ONBUILD COPY --chown=1 . /app") else {
            Issue.record("not typed as ONBUILD"); return
        }
        guard case .copy(let copy) = on.trigger else { Issue.record("trigger not typed"); return }
        #expect(copy.chown == "1")
    }

    @Test func healthcheck() throws {
        guard
            case .healthcheck(let h) = try only(
                "HEALTHCHECK --interval=30s --timeout=3s --start-period=1m30s --start-interval=500ms --retries=3 CMD curl -f http://localhost/"
            )
        else { Issue.record("not typed as HEALTHCHECK"); return }
        #expect(h.interval == 30)
        #expect(h.timeout == 3)
        #expect(h.startPeriod == 90)
        #expect(h.startInterval == 0.5)
        #expect(h.retries == 3)
        #expect(h.command == .shell("curl -f http://localhost/"))
        guard case .healthcheck(let none) = try only("HEALTHCHECK NONE") else {
            Issue.record("not typed as HEALTHCHECK"); return
        }
        #expect(none.command == nil)
    }
}

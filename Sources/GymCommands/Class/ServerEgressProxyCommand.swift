import ArgumentParser
import Fence
import Foundation

/// `gym server egress-proxy`: the only way out of a fenced grading engine.
struct ServerEgressProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "egress-proxy",
        abstract: "Serve the allow-listing proxy that is a fenced grading engine's only way to the package registries.",
        discussion: """
            A student's RUN steps are an attacker's code. In a fenced setup (scripts/fence.sh) the grading engine \
            runs in a network namespace of its own with nothing but loopback; a forwarder there (127.0.0.1:3128) \
            leads to this proxy's unix socket, and the workers pass that address to every build as BuildKit's \
            proxy arguments. The proxy takes CONNECT (HTTPS) and plain http:// requests on ports 80 and 443 to the \
            allowed names only, resolves each name itself and refuses loopback, private, shared, link-local \
            (metadata) and multicast addresses before any packet is sent. Every decision is printed, one line each.

            Examples:
              gym server egress-proxy --socket /run/gym-fence/proxy.sock
              gym server egress-proxy --socket /run/gym-fence/proxy.sock --allow pypi.org --allow .debian.org
            """)

    @Option(
        help: ArgumentHelp("The unix socket to listen on (an old socket file there is replaced).", valueName: "path"))
    var socket: String

    @Option(
        name: .customLong("allow"),
        help: ArgumentHelp(
            "A name builds may reach (.example.org: that domain's names); repeat it. Default: PyPI, Debian, npm and the Go module proxy.",
            valueName: "host"))
    var allowed: [String] = []

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func run() async throws {
        let policy = EgressPolicy(hosts: allowed.isEmpty ? EgressPolicy.packageRegistries : allowed)
        let (socket, quiet) = (socket, quiet)
        let proxy = try await EgressProxy.start(socketPath: socket, policy: policy) { decision in
            if !quiet { Output.err("gym egress-proxy: \(decision)") }
        }
        Output.err("gym egress-proxy: listening on \(socket); allowed: \(policy.hosts.joined(separator: ", "))")
        await proxy.closed()
    }
}

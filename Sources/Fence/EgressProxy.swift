import NIOCore
import NIOPosix

/// The only way out of a fenced build: an HTTP proxy on a unix socket (reached from the fenced network
/// namespace through a forwarder on its loopback) that takes `CONNECT host:443` and absolute `http://` requests,
/// checks the name against an `EgressPolicy`, resolves it itself, checks the address, and only then connects.
/// Everything else is answered 403 with the reason, and no packet leaves for a refused destination.
public final class EgressProxy: Sendable {
    public let socketPath: String
    let channel: any Channel

    init(socketPath: String, channel: any Channel) {
        self.socketPath = socketPath
        self.channel = channel
    }

    /// Binds `socketPath` (an old socket file there is replaced) and serves until `close`. `onDecision` hears
    /// one line per request: what was asked and whether it went through.
    public static func start(
        socketPath: String, policy: EgressPolicy, onDecision: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws(FenceError) -> EgressProxy {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ProxyRequestHandler(policy: policy, onDecision: onDecision))
                }
            }
        do {
            let channel = try await bootstrap.bind(unixDomainSocketPath: socketPath, cleanupExistingSocketFile: true)
                .get()
            return EgressProxy(socketPath: socketPath, channel: channel)
        } catch {
            throw .cannotListen(path: socketPath, reason: "\(error)")
        }
    }

    /// Stops taking connections.
    public func close() async {
        try? await channel.close()
    }

    /// Returns once the proxy is closed.
    public func closed() async {
        try? await channel.closeFuture.get()
    }
}

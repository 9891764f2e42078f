import NIOCore
import NIOPosix

/// One client connection: reads the request head, decides, connects to the checked address, then relays
/// bytes both ways until either side closes.
final class ProxyRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum State {
        case readingHead
        case connecting
        case relaying(any Channel)
        case closed
    }

    static let maximumHead = 16 << 10
    let policy: EgressPolicy
    let onDecision: @Sendable (String) -> Void
    private var state = State.readingHead
    /// Bytes read before the destination is connected (the head, then anything sent meanwhile).
    private var pending = ByteBuffer()

    init(policy: EgressPolicy, onDecision: @escaping @Sendable (String) -> Void) {
        self.policy = policy
        self.onDecision = onDecision
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        switch state {
        case .readingHead:
            pending.writeBuffer(&bytes)
            let view = Array(pending.readableBytesView)
            guard let end = Self.headEnd(view) else {
                if view.count > Self.maximumHead {
                    refuse(context, .badRequest("a request head over 16 KiB"), asked: "request")
                }
                return
            }
            let head = String(decoding: view[..<end], as: UTF8.self)
            pending.moveReaderIndex(forwardBy: end + 4)
            let request: ProxyRequest
            do throws(FenceError) { request = try ProxyRequest(head: head) } catch {
                refuse(context, error, asked: String(head.prefix { $0 != "\r" }.prefix(200)))
                return
            }
            do throws(FenceError) {
                try policy.allows(host: request.host, port: request.port)
                connect(context, request)
            } catch {
                refuse(context, error, asked: request.asked)
            }
        case .connecting:
            pending.writeBuffer(&bytes)
        case .relaying(let peer):
            peer.writeAndFlush(bytes, promise: nil)
        case .closed:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if case .relaying(let peer) = state { peer.close(promise: nil) }
        state = .closed
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// Resolves on the thread pool (getaddrinfo blocks), checks the one address it will use, connects to it.
    private func connect(_ context: ChannelHandlerContext, _ request: ProxyRequest) {
        state = .connecting
        let loop = context.eventLoop
        let client = context.channel
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        let asked = request.asked
        NIOThreadPool.singleton.runIfActive(eventLoop: loop) { () throws -> SocketAddress in
            let address = try SocketAddress.makeAddressResolvingHost(request.host, port: request.port)
            try EgressPolicy.check(address)
            return address
        }.flatMap { address in
            ClientBootstrap(group: loop)
                .connectTimeout(.seconds(15))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(RelayHandler(peer: client))
                    }
                }
                .connect(to: address)
        }.whenComplete { result in
            let (handler, context) = bound.value
            switch result {
            case .success(let server):
                guard case .connecting = handler.state else {
                    handler.onDecision("\(asked): the client left before the connection was made")
                    server.close(promise: nil)
                    return
                }
                handler.onDecision("\(asked): allowed (\(server.remoteAddress?.ipAddress ?? "?"))")
                if request.tunnel {
                    context.writeAndFlush(
                        handler.wrapOutboundOut(ByteBuffer(string: "HTTP/1.1 200 Connection established\r\n\r\n")),
                        promise: nil)
                } else {
                    server.write(ByteBuffer(string: request.forwardedHead), promise: nil)
                }
                if handler.pending.readableBytes > 0 { server.write(handler.pending, promise: nil) }
                handler.pending = ByteBuffer()
                server.flush()
                handler.state = .relaying(server)
            case .failure(let error):
                let reason = (error as? FenceError) ?? .unreachable("\(request.host):\(request.port): \(error)")
                handler.refuse(context, reason, asked: asked)
            }
        }
    }

    /// Answers 403 (or 400, 502) with the reason, and closes.
    private func refuse(_ context: ChannelHandlerContext, _ error: FenceError, asked: String) {
        onDecision("\(asked): \(error)")
        let status =
            switch error {
            case .badRequest: "400 Bad Request"
            case .denied: "403 Forbidden"
            case .unreachable, .cannotListen: "502 Bad Gateway"
            }
        let body = "gym egress proxy: \(error)\n"
        let response =
            "HTTP/1.1 \(status)\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Connection: close\r\n\r\n" + body
        state = .closed
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: response))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    /// Where `\r\n\r\n` starts, if it does.
    static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}

/// The destination's side of a relay: what it sends goes to the client; when it closes, so does the client.
final class RelayHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    let peer: any Channel

    init(peer: any Channel) { self.peer = peer }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        peer.writeAndFlush(unwrapInboundIn(data), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

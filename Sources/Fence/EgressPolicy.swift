import NIOCore

/// Where a fenced build may go: the package registries by name, on ports 80 and 443, and only at addresses
/// of the public internet. The proxy resolves a name itself and connects to exactly the address it checked,
/// so a name that resolves to loopback, a private network or a cloud's metadata address is refused.
public struct EgressPolicy: Sendable, Equatable {
    /// Names a build may reach: `pypi.org` allows that name alone, `.debian.org` that domain's names.
    public var hosts: [String]
    public var ports: Set<Int>

    public init(hosts: [String] = EgressPolicy.packageRegistries, ports: Set<Int> = [80, 443]) {
        self.hosts = hosts.map { $0.lowercased() }
        self.ports = ports
    }

    /// The registries the exercises install from: PyPI, Debian's mirrors, npm and the Go module proxy.
    public static let packageRegistries = [
        "pypi.org", "files.pythonhosted.org", "deb.debian.org", "security.debian.org", "registry.npmjs.org",
        "registry.yarnpkg.com", "proxy.golang.org", "sum.golang.org",
    ]

    /// Whether the name and port are on the list (the address is checked once resolved).
    public func allows(host: String, port: Int) throws(FenceError) {
        guard ports.contains(port) else { throw .denied("port \(port): only \(ports.sorted()) are open") }
        let name = host.lowercased().hasSuffix(".") ? String(host.lowercased().dropLast()) : host.lowercased()
        let listed = hosts.contains { allowed in
            allowed.hasPrefix(".") ? name.hasSuffix(allowed) : name == allowed
        }
        guard listed else { throw .denied("\(host) is not a package registry this class allows") }
    }

    /// Refuses an address that is not on the public internet: loopback, unspecified, private (RFC 1918,
    /// unique local), shared (100.64/10), link-local (169.254/16 with the metadata address, fe80::/10),
    /// multicast, and IPv4 written inside IPv6.
    public static func check(_ address: SocketAddress) throws(FenceError) {
        switch address {
        case .v4(let v4):
            let value = UInt32(bigEndian: v4.address.sin_addr.s_addr)
            if let reason = refusal(ipv4: value) { throw .denied("\(address.ipAddress ?? "?") is \(reason)") }
        case .v6(let v6):
            let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            if let reason = refusal(ipv6: bytes) { throw .denied("\(address.ipAddress ?? "?") is \(reason)") }
        case .unixDomainSocket:
            throw .denied("a unix socket is not a registry")
        }
    }

    static func refusal(ipv4 value: UInt32) -> String? {
        func within(_ network: UInt32, _ bits: UInt32) -> Bool { value >> (32 - bits) == network >> (32 - bits) }
        if within(0x7F00_0000, 8) { return "loopback" }
        if within(0x0000_0000, 8) { return "unspecified" }
        if within(0x0A00_0000, 8) || within(0xAC10_0000, 12) || within(0xC0A8_0000, 16) { return "a private network" }
        if within(0x6440_0000, 10) { return "shared address space" }
        if within(0xA9FE_0000, 16) { return "link-local (a cloud's metadata address among them)" }
        if within(0xE000_0000, 4) || within(0xF000_0000, 4) { return "multicast or reserved" }
        return nil
    }

    static func refusal(ipv6 bytes: [UInt8]) -> String? {
        guard bytes.count == 16 else { return "not an address" }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) { return bytes[15] == 1 ? "loopback" : "unspecified" }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            let value = bytes[12..<16].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            return refusal(ipv4: value).map { "IPv4 \($0)" }
        }
        if bytes[0] & 0xFE == 0xFC { return "a private network (unique local)" }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return "link-local" }
        if bytes[0] == 0xFF { return "multicast" }
        return nil
    }
}

import NIOCore
import Testing

@testable import Fence

/// Which destinations the egress proxy lets a fenced build reach.
struct EgressPolicyTests {
    @Test(arguments: [
        ("127.0.0.1", "loopback"), ("127.255.0.9", "loopback"), ("0.0.0.0", "unspecified"),
        ("10.1.2.3", "a private network"), ("172.16.5.4", "a private network"), ("172.31.255.1", "a private network"),
        ("192.168.1.1", "a private network"), ("100.64.0.1", "shared address space"),
        ("169.254.169.254", "link-local"), ("224.0.0.1", "multicast"), ("255.255.255.255", "reserved"),
        ("::1", "loopback"), ("::", "unspecified"), ("fe80::1", "link-local"), ("fd00::1", "unique local"),
        ("::ffff:127.0.0.1", "IPv4 loopback"), ("::ffff:10.0.0.1", "IPv4 a private network"), ("ff02::1", "multicast"),
    ])
    func addressesOffThePublicInternetAreRefused(address: String, reason: String) throws {
        let socket = try SocketAddress(ipAddress: address, port: 443)
        #expect(throws: FenceError.self) { try EgressPolicy.check(socket) }
        do { try EgressPolicy.check(socket) } catch {
            #expect("\(error)".contains(reason), "\(error)")
        }
    }

    @Test(arguments: ["203.0.113.80", "151.101.0.223", "172.32.0.1", "100.128.0.1", "2a04:4e42::223"])
    func publicAddressesPass(address: String) throws {
        try EgressPolicy.check(try SocketAddress(ipAddress: address, port: 443))
    }

    @Test(arguments: [
        ("pypi.org", 443, true), ("PyPI.org.", 443, true), ("files.pythonhosted.org", 443, true),
        ("deb.debian.org", 80, true), ("pypi.org", 22, false), ("evil-pypi.org", 443, false),
        ("pypi.org.evil.example", 443, false), ("example.org", 443, false), ("127.0.0.1", 443, false),
        ("169.254.169.254", 80, false),
    ])
    func namesAndPortsOnTheList(host: String, port: Int, allowed: Bool) {
        let policy = EgressPolicy()
        let passed = (try? policy.allows(host: host, port: port)) != nil
        #expect(passed == allowed, "\(host):\(port)")
    }

    @Test func aDomainEntryAllowsItsNamesOnly() {
        let policy = EgressPolicy(hosts: [".debian.org"])
        #expect((try? policy.allows(host: "security.debian.org", port: 80)) != nil)
        #expect((try? policy.allows(host: "debian.org.evil.example", port: 80)) == nil)
        #expect((try? policy.allows(host: "notdebian.org", port: 80)) == nil)
    }
}

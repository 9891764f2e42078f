import Foundation
import Testing

@testable import Server

/// One-time browser logins: a code stands for its token once, within its lifetime, and the oldest codes make
/// room when too many wait.
struct LoginLinksTests {
    @Test func aCodeWorksOnceWithinItsLifetime() async {
        let links = LoginLinks()
        let start = Date(timeIntervalSince1970: 1_000_000)
        let code = await links.issue(token: "gym_secret", now: start)
        #expect(code.hasPrefix("gyml_") && !code.contains("gym_secret"))
        #expect(await links.redeem(code, now: start.addingTimeInterval(5)) == "gym_secret")
        #expect(await links.redeem(code, now: start.addingTimeInterval(6)) == nil)
        let late = await links.issue(token: "gym_secret", now: start)
        #expect(await links.redeem(late, now: start.addingTimeInterval(LoginLinks.lifetime + 1)) == nil)
        #expect(await links.redeem("gyml_made_up", now: start) == nil)
    }

    @Test func theOldestCodesGoWhenTooManyWait() async {
        let links = LoginLinks()
        let start = Date(timeIntervalSince1970: 1_000_000)
        var codes: [String] = []
        for index in 0...LoginLinks.capacity {
            codes.append(await links.issue(token: "t\(index)", now: start.addingTimeInterval(Double(index) / 100)))
        }
        let now = start.addingTimeInterval(20)
        #expect(await links.redeem(codes[0], now: now) == nil)
        #expect(await links.redeem(codes[1], now: now) == "t1")
        #expect(await links.redeem(codes[LoginLinks.capacity], now: now) == "t\(LoginLinks.capacity)")
    }
}

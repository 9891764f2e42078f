import Foundation
import Testing

@testable import Server

/// One rule for a student's name, at join as at submit; a class's name bounded; `next` only a path here.
struct ClassNamesTests {
    /// What a student types, and the name the class keeps (nil: refused).
    static let studentNames: [(String, String?)] = [
        ("ada", "ada"), ("Ada", "ada"), ("ADA-LOVELACE", "ada-lovelace"), ("a.b", "a.b"), ("k9", "k9"),
        ("jean_luc.p-2", "jean_luc.p-2"), (String(repeating: "a", count: 40), String(repeating: "a", count: 40)),
        ("K", nil), ("", nil), (String(repeating: "a", count: 41), nil), ("a..b", nil), ("a-.b", nil),
        (".ab", nil), ("ab-", nil), ("INSTRUCTOR", nil), ("instructor", nil), ("admin", nil), ("<b>x</b>", nil),
        ("ad a", nil), ("adé", nil), ("ad/a", nil), ("ada\u{0}", nil),
    ]

    @Test(arguments: studentNames)
    func studentNameRule(_ raw: String, _ kept: String?) {
        #expect((try? ClassNames.student(raw)) == kept, "\(raw.debugDescription)")
    }

    @Test func aNameTakenUnderTheOldRuleIsToldApart() {
        #expect(ClassNames.meetsRule("ada"))
        #expect(!ClassNames.meetsRule("Ada"))
        #expect(!ClassNames.meetsRule("a..b"))
    }

    @Test(
        arguments: [
            ("week 2", "week 2"), ("  week 2 ", "week 2"), ("", nil), ("   ", nil),
            (String(repeating: "w", count: 100), String(repeating: "w", count: 100)),
            (String(repeating: "w", count: 101), nil), ("week\u{7}2", nil),
        ] as [(String, String?)])
    func classNameRule(_ raw: String, _ kept: String?) {
        #expect((try? ClassNames.className(raw)) == kept, "\(raw.debugDescription)")
    }

    /// `next` after a login: a path on this server or the leaderboard, whatever a student puts in a link.
    @Test(
        arguments: [
            ("/progress", "/progress"), ("/students/ada", "/students/ada"), ("/", "/"),
            ("/leaderboard?x=1", "/leaderboard?x=1"), (nil, "/leaderboard"), ("", "/leaderboard"),
            ("//evil.example/x", "/leaderboard"), ("/\\evil.example/x", "/leaderboard"),
            ("/\t/evil.example/x", "/leaderboard"), ("/\n/evil.example", "/leaderboard"),
            ("/ /evil.example", "/leaderboard"), ("/%09/evil.example/x", "/leaderboard"),
            ("/%2F/evil.example", "/leaderboard"), ("/%5Cevil.example", "/leaderboard"),
            ("https://evil.example/", "/leaderboard"), ("evil.example", "/leaderboard"),
            ("/\u{200B}/evil.example", "/leaderboard"), ("/a\\b", "/leaderboard"),
        ] as [(String?, String)])
    func nextIsAPathOnThisServer(_ next: String?, _ page: String) {
        #expect(AccountRoutes.page(next) == page, "\(String(describing: next).debugDescription)")
    }
}

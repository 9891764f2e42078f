import Foundation
import Testing

@testable import Server

/// The class's SQL is written once for both stores: every statement has a value for each mark, and
/// PostgreSQL's numbered marks follow the values' order.
struct ClassStatementsTests {
    static let statements: [(String, ClassStatement)] = [
        ("classNamed", ClassStatements.classNamed("c")),
        ("insertClass", ClassStatements.insertClass(id: "c1", name: "c", inviteHash: "h", at: 1)),
        (
            "insertMember",
            ClassStatements.insertMember(id: "m", classID: "c1", name: "ada", role: .student, tokenHash: "t", at: 1)
        ),
        ("classInvited", ClassStatements.classInvited(inviteHash: "h")),
        ("nameTaken", ClassStatements.nameTaken(classID: "c1", name: "ada")),
        ("member", ClassStatements.member(tokenHash: "t")),
        (
            "insertSubmission",
            ClassStatements.insertSubmission(
                memberID: "m", exercise: "e", workspace: Data(), claimed: Data(), at: 1, fingerprint: nil)
        ),
        ("submission", ClassStatements.submission(id: 1)),
        ("history", ClassStatements.history(classID: "c1", student: "ada")),
        ("leaderboard", ClassStatements.leaderboard(classID: "c1", exercise: "e")),
        ("changes, none", ClassStatements.changes(classID: "c1", references: [])),
        ("changes, two", ClassStatements.changes(classID: "c1", references: ["a", "b"])),
        ("claim, sqlite", ClassStatements.claim(worker: "w", until: 2, now: 1, .sqlite)),
        ("claim, postgres", ClassStatements.claim(worker: "w", until: 2, now: 1, .postgres)),
        (
            "finish",
            ClassStatements.finish(id: 1, worker: "w", status: .passed, verdict: Data(), sizeBytes: nil, at: 1)
        ),
        ("className", ClassStatements.className(classID: "c1")),
        ("students", ClassStatements.students(classID: "c1")),
        ("progress, sqlite", ClassStatements.progress(classID: "c1", .sqlite)),
        ("progress, postgres", ClassStatements.progress(classID: "c1", .postgres)),
        ("revision", ClassStatements.revision(classID: "c1")),
        ("bump", ClassStatements.bump(classID: "c1")),
        ("bump by member", ClassStatements.bump(byMember: "m")),
        ("bump by submission", ClassStatements.bump(bySubmission: 1)),
        ("enqueue", ClassStatements.enqueue(submissionID: 1, body: "{}", at: 1)),
        ("next announcement, sqlite", ClassStatements.nextAnnouncement(now: 1, until: 2, .sqlite)),
        ("next announcement, postgres", ClassStatements.nextAnnouncement(now: 1, until: 2, .postgres)),
        ("announcement posted", ClassStatements.announcementPosted(id: 1, at: 1)),
        ("announcement retry", ClassStatements.announcementRetry(id: 1, at: 1)),
    ]

    @Test(arguments: statements)
    func everyMarkHasItsValue(name: String, statement: ClassStatement) {
        #expect(statement.sql.filter { $0 == "?" }.count == statement.values.count, "\(name)")
        let postgres = statement.postgres
        #expect(!postgres.sql.contains("?"), "\(name)")
        #expect(postgres.binds.count == statement.values.count, "\(name)")
        if !statement.values.isEmpty {
            #expect(postgres.sql.contains("$\(statement.values.count)"), "\(name)")
        }
    }

    @Test func onlyPostgreSQLSkipsLockedRows() {
        #expect(ClassStatements.claim(worker: "w", until: 2, now: 1, .postgres).sql.contains("FOR UPDATE SKIP LOCKED"))
        #expect(!ClassStatements.claim(worker: "w", until: 2, now: 1, .sqlite).sql.contains("FOR UPDATE"))
        #expect(
            ClassStatements.insertSubmission(
                memberID: "m", exercise: "e", workspace: Data(), claimed: Data(), at: 1, fingerprint: nil
            ).values.last == .null)
    }
}

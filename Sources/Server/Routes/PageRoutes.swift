import Base
import Foundation
import Hummingbird

/// The HTML pages: the leaderboard, the progress grid, a student's history; `/login?code=C&next=/page` (a
/// one-time code from `POST /api/login-links`) keeps the token in an HttpOnly cookie so a browser can open them.
struct PageRoutes {
    let server: ClassServer

    func add(to router: ClassRoutes) {
        router.get("/") { _, context in
            // a visitor without a session learns how to log in; a member goes to the leaderboard
            guard context.member != nil else { return ErrorPage.login(pages: server.pages) }
            return Response(status: .seeOther, headers: [.location: "/leaderboard"])
        }
        router.get("/login") { request, _ in
            // a token in a URL is written down wherever URLs are (proxy logs, history): only one-time codes here
            guard request.uri.queryParameters.get("token") == nil else {
                throw ServerError.badRequest(
                    "a token is never sent in a URL: run `gym pages` for a one-time link (or POST /api/login-links)")
            }
            guard let code = request.uri.queryParameters.get("code"), !code.isEmpty,
                let token = await server.loginLinks.redeem(code), try await server.store.member(token: token) != nil
            else {
                throw ServerError.unauthorized(
                    "this login link is used, expired or unknown: run `gym pages` for a new one")
            }
            var response = Response(
                status: .seeOther,
                headers: [.location: AccountRoutes.page(request.uri.queryParameters.get("next"))])
            response.headers[.setCookie] = "gym_token=\(token); Path=/; HttpOnly; SameSite=Strict"
            return response
        }
        router.get("/leaderboard") { _, context in
            let member = try context.requireMember()
            return try await server.cached("/leaderboard", for: member) { () async throws(ServerError) in
                try html("leaderboard", PageViews.leaderboard(try await server.leaderboard(for: member), member))
            }
        }
        router.get("/progress") { _, context in
            let member = try context.requireInstructor()
            return try await server.cached("/progress", for: member) { () async throws(ServerError) in
                try html("progress", PageViews.progress(try await server.progress(for: member), member))
            }
        }
        router.get("/students/{name}") { _, context in
            let member = try context.requireMember()
            let name = try context.parameters.require("name")
            return try page(
                "student", PageViews.history(name, try await server.history(of: name, for: member), member))
        }
    }

    func page(_ template: String, _ view: [String: Any]) throws(ServerError) -> Response {
        let page = try html(template, view)
        return Response(status: .ok, headers: [.contentType: page.contentType], body: .init(byteBuffer: page.body))
    }

    /// A template rendered, as bytes to keep.
    func html(_ template: String, _ view: [String: Any]) throws(ServerError) -> PageCache.Page {
        guard let html = server.pages.render(view, withTemplate: template) else {
            throw .database("no page template \(template)")
        }
        return PageCache.Page(contentType: "text/html; charset=utf-8", body: ByteBuffer(string: html))
    }
}

/// What the templates show, from the same values the JSON API returns.
enum PageViews {
    /// A date as the pages show it, in UTC: `pattern` is a DateFormatter pattern.
    static func date(_ date: Date?, _ pattern: String = "yyyy-MM-dd HH:mm 'UTC'") -> String {
        guard let date else { return "" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }

    static func frame(_ title: String, _ member: ClassMember) -> [String: Any] {
        [
            "title": title, "className": member.className, "member": member.name,
            "instructor": member.role == .instructor,
        ]
    }

    static func leaderboard(_ board: Leaderboard, _ member: ClassMember) -> [String: Any] {
        var view = frame("Leaderboard", member)
        let firstAbove = board.entries.firstIndex { $0.sizeBytes >= board.recordBytes }
        view["record"] = ByteCount.text(board.recordBytes)
        view["recordBytes"] = board.recordBytes
        view["rows"] = board.entries.enumerated().map { index, entry -> [String: Any] in
            [
                "rank": entry.rank, "student": entry.student, "size": ByteCount.text(entry.sizeBytes),
                "sizeBytes": entry.sizeBytes, "baseImage": entry.baseImage ?? "", "submitted": date(entry.submittedAt),
                "podium": entry.podium, "recordLine": index == firstAbove, "record": ByteCount.text(board.recordBytes),
                "recordBytes": board.recordBytes,
            ]
        }
        view["recordLast"] = firstAbove == nil
        return view
    }

    static func progress(_ grid: ProgressGrid, _ member: ClassMember) -> [String: Any] {
        var view = frame("Progress", member)
        view["exercises"] = grid.exercises
        view["rows"] = grid.rows.map { row -> [String: Any] in
            [
                "student": row.student, "nameProblem": row.nameProblem ?? false,
                "cells": row.cells.map { cell -> [String: Any] in
                    [
                        "exercise": cell.exercise, "done": cell.done, "attempts": cell.attempts,
                        "tries": cell.attempts == 0 ? "–" : cell.attempts == 1 ? "1 try" : "\(cell.attempts) tries",
                        "hintText": cell.hints == 0 ? false : cell.hints == 1 ? "1 hint" : "\(cell.hints) hints",
                        "last": date(cell.lastSubmitted, "MMM d, HH:mm"),
                        "state": cell.done ? "done" : cell.attempts > 0 ? "tried" : "none",
                        "sameChanges": cell.sameChangesAs?.joined(separator: ", ") ?? false,
                        "reference": cell.referenceSolution ?? false,
                    ]
                },
            ]
        }
        return view
    }

    static func history(_ student: String, _ submissions: [Submission], _ member: ClassMember) -> [String: Any] {
        var view = frame(student, member)
        view["student"] = student
        view["submissions"] = submissions.map { submission -> [String: Any] in
            [
                "id": submission.id, "exercise": submission.exercise, "status": submission.status.rawValue,
                "size": submission.verdict?.sizeBytes.map(ByteCount.text) ?? "",
                "claimed": submission.claimed.sizeBytes.map(ByteCount.text) ?? "",
                "reason": submission.verdict?.reason ?? "", "submitted": date(submission.submittedAt),
                "sameChanges": submission.sameChangesAs?.joined(separator: ", ") ?? false,
                "reference": submission.referenceSolution ?? false,
                "claimedHints": submission.claimed.hints.map { "\($0)" } ?? "",
            ]
        }
        return view
    }
}

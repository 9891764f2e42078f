import Hummingbird

/// `GET /api/openapi.json`: the JSON API described in OpenAPI 3.1, for the data behind every page.
struct APIDescriptionRoutes {
    func add(to router: ClassRoutes) {
        router.get("/api/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: Self.document)))
        }
    }

    static let document = """
        {
          "openapi": "3.1.0",
          "info": {"title": "gym server", "version": "1",
            "description": "A class's submissions, re-measured by the server; the image size leaderboard; the class's progress. Every route but /api/join and this document needs `Authorization: Bearer TOKEN`."},
          "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "schemas": {
              "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
              "JoinRequest": {"type": "object", "required": ["invite", "name"],
                "properties": {"invite": {"type": "string"}, "name": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"}}},
              "Enrolment": {"type": "object", "required": ["classID", "className", "name", "token"],
                "properties": {"classID": {"type": "string"}, "className": {"type": "string"}, "name": {"type": "string"}, "token": {"type": "string"}}},
              "Me": {"type": "object", "required": ["name", "role", "className", "classID"],
                "properties": {"name": {"type": "string"}, "role": {"enum": ["instructor", "student"]}, "className": {"type": "string"},
                  "classID": {"type": "string"}}},
              "LoginLink": {"type": "object", "required": ["path", "expiresInSeconds"],
                "properties": {"path": {"type": "string"}, "expiresInSeconds": {"type": "integer"}}},
              "WorkspaceFile": {"type": "object", "required": ["path", "content"],
                "properties": {"path": {"type": "string"}, "content": {"type": "string", "contentEncoding": "base64"}, "executable": {"type": "boolean"}}},
              "ClaimedResult": {"type": "object", "required": ["passed"],
                "properties": {"passed": {"type": "boolean"}, "sizeBytes": {"type": "integer"}, "hints": {"type": "integer"}}},
              "SubmissionRequest": {"type": "object", "required": ["exercise", "workspace", "claimed"], "description": "The server builds the workspace's files itself; no image is taken from a client.",
                "properties": {"exercise": {"type": "string"},
                  "workspace": {"type": "array", "items": {"$ref": "#/components/schemas/WorkspaceFile"}},
                  "claimed": {"$ref": "#/components/schemas/ClaimedResult"}}},
              "Accepted": {"type": "object", "required": ["id", "status", "location"],
                "properties": {"id": {"type": "integer"}, "status": {"type": "string"}, "location": {"type": "string"}}},
              "VerifiedCheck": {"type": "object", "required": ["id", "passed", "measured"],
                "properties": {"id": {"type": "string"}, "passed": {"type": "boolean"}, "measured": {"type": "string"}, "advice": {"type": "string"}}},
              "Verdict": {"type": "object", "required": ["passed", "checks"],
                "properties": {"passed": {"type": "boolean"}, "checks": {"type": "array", "items": {"$ref": "#/components/schemas/VerifiedCheck"}},
                  "sizeBytes": {"type": "integer", "description": "the server's own build of the submitted files"}, "baseImage": {"type": "string"}, "reason": {"type": "string"}, "imageID": {"type": "string"}}},
              "Submission": {"type": "object", "required": ["id", "student", "exercise", "status", "claimed", "submittedAt"],
                "properties": {"id": {"type": "integer"}, "student": {"type": "string"}, "exercise": {"type": "string"},
                  "status": {"enum": ["queued", "grading", "passed", "failed", "error"]}, "claimed": {"$ref": "#/components/schemas/ClaimedResult"},
                  "verdict": {"$ref": "#/components/schemas/Verdict"}, "submittedAt": {"type": "string", "format": "date-time"},
                  "gradedAt": {"type": "string", "format": "date-time"},
                  "sameChangesAs": {"type": "array", "items": {"type": "string"}, "description": "other students whose submission changed the starter the same way (whitespace and comments aside); a student sees 'another student'"},
                  "referenceSolution": {"type": "boolean", "description": "the changes are exactly the reference solution's"}}},
              "Leaderboard": {"type": "object", "required": ["exercise", "recordBytes", "entries"],
                "properties": {"exercise": {"type": "string"}, "recordBytes": {"type": "integer"},
                  "entries": {"type": "array", "items": {"type": "object",
                    "required": ["rank", "student", "sizeBytes", "submissionID", "submittedAt", "podium", "beatsRecord"],
                    "properties": {"rank": {"type": "integer"}, "student": {"type": "string"}, "sizeBytes": {"type": "integer"},
                      "baseImage": {"type": "string"}, "submissionID": {"type": "integer"}, "submittedAt": {"type": "string", "format": "date-time"},
                      "podium": {"type": "boolean"}, "beatsRecord": {"type": "boolean"}}}}}},
              "ProgressGrid": {"type": "object", "required": ["className", "exercises", "rows"],
                "properties": {"className": {"type": "string"}, "exercises": {"type": "array", "items": {"type": "string"}},
                  "rows": {"type": "array", "items": {"type": "object", "required": ["student", "cells"],
                    "properties": {"student": {"type": "string"}, "cells": {"type": "array", "items": {"type": "object",
                      "required": ["exercise", "done", "attempts", "hints"],
                      "properties": {"exercise": {"type": "string"}, "done": {"type": "boolean"}, "attempts": {"type": "integer"},
                        "hints": {"type": "integer"}, "lastSubmitted": {"type": "string", "format": "date-time"},
                        "lastStatus": {"type": "string"}}}}}}}}}
            }
          },
          "security": [{"token": []}],
          "paths": {
            "/api/join": {"post": {"summary": "Join a class with its invite code", "security": [],
              "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/JoinRequest"}}}},
              "responses": {"201": {"description": "the student's token, shown once", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Enrolment"}}}},
                "400": {"description": "bad name", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "404": {"description": "unknown invite code"}, "409": {"description": "the name is taken"}}}},
            "/api/me": {"get": {"summary": "The token's member and class",
              "responses": {"200": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Me"}}}}, "401": {"description": "no or unknown token"}}}},
            "/api/login-links": {"post": {"summary": "A one-time link (2 minutes, used once) that logs a browser in to a page",
              "parameters": [{"name": "next", "in": "query", "required": false, "schema": {"type": "string"}, "description": "the page, a path on this server (default /leaderboard)"}],
              "responses": {"201": {"description": "open the path on this server", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LoginLink"}}}}, "401": {"description": "no or unknown token"}}}},
            "/api/submissions": {"post": {"summary": "Submit an exercise: queued, then measured again by a worker",
              "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SubmissionRequest"}}}},
              "responses": {"202": {"description": "committed and queued", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Accepted"}}}},
                "400": {"description": "malformed, unknown exercise, a path outside the workspace, workspace too large"}, "403": {"description": "not a student"},
                "413": {"description": "body over 4 MiB"}, "429": {"description": "rate limited (Retry-After)"}}}},
            "/api/submissions/{id}": {"get": {"summary": "A submission and the server's verdict",
              "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
              "responses": {"200": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Submission"}}}}, "404": {"description": "not yours, or none"}}}},
            "/api/leaderboard": {"get": {"summary": "The size challenge: each student's smallest verified image",
              "responses": {"200": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Leaderboard"}}}}}}},
            "/api/progress": {"get": {"summary": "Student × exercise (instructor)",
              "responses": {"200": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ProgressGrid"}}}}, "403": {"description": "not the instructor"}}}},
            "/api/students/{name}/submissions": {"get": {"summary": "One student's submissions, newest first (that student or the instructor)",
              "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
              "responses": {"200": {"description": "", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Submission"}}}}}, "403": {"description": "another student's"}}}}
          }
        }
        """
}

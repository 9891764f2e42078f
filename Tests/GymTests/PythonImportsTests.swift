import Foundation
import Testing

@testable import Gym

/// The modules a starter program imports, read by the grader from the exercise pack.
struct PythonImportsTests {
    @Test(arguments: [
        ("import sys\nfrom flask import Flask, jsonify\n", ["sys", "flask"]),
        ("import os.path as p, json  # comment\n", ["os", "json"]),
        (
            "    import requests\nfrom werkzeug.test import Client\nfrom werkzeug.wrappers import Response\n",
            ["requests", "werkzeug"]
        ),
        ("from . import sibling\nfrom .pkg import x\nimport pandas as pd\n", ["pandas"]),
        ("from dateutil.relativedelta import TH, relativedelta\n", ["dateutil"]),
        ("x = 'import nothing'\nprint('from here')\n", []),
    ])
    func modulesAreTheTopLevelAbsoluteImports(source: String, expected: [String]) {
        #expect(PythonImports.modules(in: source) == expected)
    }

    /// Every shipped Python exercise imports what its app needs: the grader has modules to resolve.
    @Test(arguments: [
        ("image-size-challenge", "app.py", ["sys", "flask"]),
        ("vulnerability-scan", "app.py", ["requests", "urllib3", "werkzeug"]),
        ("layer-detective", "app.py", ["datetime", "dateutil"]),
        ("security-scanning", "app.py", ["django"]),
        ("layer-optimization", "app.py", ["sys", "pandas", "flask"]),
    ])
    func theStartersImportsAreFound(slug: String, program: String, expected: [String]) throws {
        let exercise = try ExerciseCatalog.standard().exercise(slug)
        let source = try String(contentsOf: exercise.starter.appendingPathComponent(program), encoding: .utf8)
        #expect(Set(PythonImports.modules(in: source)) == Set(expected))
    }

    /// The challenge an interpreter must compute changes every time and states its one right answer.
    @Test(arguments: ["python", "node"])
    func theInterpreterChallengeIsFresh(interpreter: String) throws {
        let first = try #require(AppProcess.challenge(interpreter))
        let second = try #require(AppProcess.challenge(interpreter))
        #expect(first.arguments != second.arguments)
        let numbers = first.arguments.suffix(3)
        let (a, b, word) = (Int(numbers[numbers.startIndex])!, Int(numbers[numbers.startIndex + 1])!, numbers.last!)
        #expect(first.answer == "\(a * b + word.count) \(String(word.reversed()))")
        #expect(AppProcess.challenge("ruby") == nil)
    }
}

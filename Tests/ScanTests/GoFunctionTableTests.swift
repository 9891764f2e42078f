import Engine
import Foundation
import TestSupport
import Testing

@testable import Scan

/// The function table of real Go programs, compiled on the engine by the stand-in `golang:1.19`: it survives
/// `-s -w`, names the source files, and the main package's code differs for another program under the same
/// module name built the same way.
@Suite(
    "Go function tables", .dockerShared, .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage))
struct GoFunctionTableTests {
    static let starter = """
        package main

        import (
        \t"fmt"
        \t"os"
        \t"strings"
        )

        func main() {
        \tfmt.Println("hello from a", strings.ToUpper("tiny"), "image; args:", len(os.Args)-1)
        }

        """

    @Test func theTableSurvivesStrippingAndNamesTheSources() throws {
        let plain = try #require(GoFunctionTable.parse(try GoProgram.compile(Self.starter, flags: "")))
        #expect(plain.functions(named: "main.").map(\.name) == ["main.main"])
        #expect(plain.functions.count > 1_000, "the runtime's functions are listed too")
        #expect(plain.files.contains("/src/main.go"), "\(plain.files.prefix(5))")
        let strippedBinary = try GoProgram.compile(Self.starter, flags: "-trimpath -ldflags=\"-s -w\"")
        let stripped = try #require(GoFunctionTable.parse(strippedBinary), "-s -w keeps the function table")
        #expect(stripped.files.contains("example.com/hello/main.go"), "\(stripped.files.prefix(5))")
        let info = try #require(GoBuildInfo.parse(strippedBinary))
        // under -trimpath the toolchain leaves -ldflags out of the record
        #expect(info.setting("-trimpath") == "true" && info.setting("-ldflags") == nil)
        #expect(info.setting("CGO_ENABLED") == "0")
        let linked = try #require(GoBuildInfo.parse(try GoProgram.compile(Self.starter, flags: "-ldflags=\"-s -w\"")))
        #expect(linked.setting("-ldflags") == "-s -w", "a quoted value is read unquoted: \(linked.settings)")
    }

    @Test func anotherProgramUnderTheSameNameHasOtherCode() throws {
        let flags = "-ldflags=\"-s -w\""
        let starter = try #require(GoFunctionTable.parse(try GoProgram.compile(Self.starter, flags: flags)))
        let again = try #require(
            GoFunctionTable.parse(try GoProgram.compile(Self.starter, flags: flags, directory: "/src")))
        let rewritten = try #require(GoFunctionTable.parse(try GoProgram.compile(GoProgram.rewritten, flags: flags)))
        #expect(starter.functions(named: "main.") == again.functions(named: "main."))
        #expect(rewritten.functions(named: "main.").map(\.name) == ["main.main"])
        #expect(rewritten.functions(named: "main.") != starter.functions(named: "main."))
    }
}

/// Files that are not Go programs, or are cut short, give no table and never crash the reader.
struct GoFunctionTableInputTests {
    static let elfHeader: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1]
    static let inputs: [(String, [UInt8])] = [
        ("empty", []),
        ("text", Array("#!/bin/sh\necho hello\n".utf8)),
        ("an ELF header alone", elfHeader + [UInt8](repeating: 0, count: 57)),
        ("an ELF header pointing past the end", elfHeader + [UInt8](repeating: 0xFF, count: 120)),
        ("a 32-bit ELF", [0x7F, 0x45, 0x4C, 0x46, 1, 1, 1] + [UInt8](repeating: 0, count: 120)),
    ]

    @Test(arguments: inputs)
    func notAGoProgram(name: String, bytes: [UInt8]) {
        #expect(GoFunctionTable.parse(bytes) == nil, "\(name)")
    }
}

import ArgumentParser
import Foundation

/// Where commands write: the only place in the package that prints.
enum Output {
    static func out(_ text: String, terminator: String = "\n") {
        FileHandle.standardOutput.write(Data((text + terminator).utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Output formats shared by commands: a terminal's text, or JSON.
enum OutputFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    case tty, json
}

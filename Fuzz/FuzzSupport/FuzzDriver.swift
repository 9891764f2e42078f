#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's own driver, called from a Swift `main`: SwiftPM renames an executable's entry point, so the
/// runtime's `main` is never linked; `LLVMFuzzerRunDriver` takes the same arguments (`-max_total_time=60`,
/// corpus directories) and calls back for each input.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

nonisolated(unsafe) private var target: ((UnsafeRawBufferPointer) -> Void)?

private func callback(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    target?(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}

public enum FuzzDriver {
    /// Runs libFuzzer with this process's arguments, feeding every input to `body`; exits with its status.
    public static func run(_ body: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
        target = body
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv, callback))
    }
}

/// libFuzzer's archive is linked whole enough to need its usual entry as well; it goes to the same target.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    callback(data, size)
}

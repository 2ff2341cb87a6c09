import Foundation

#if FUZZING
// Built with `-sanitize=fuzzer`: libFuzzer drives the fuzzing and calls this for every input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    FuzzTarget.selected.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

// SwiftPM links an executable's `main` to `<module>_main`; hand control to libFuzzer's driver there.
@_cdecl("ocop_fuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var vector = argv
    return runFuzzerDriver(&count, &vector, fuzzOneInput)
}
#else
/// Without the fuzzer: replays files (a corpus, or crashes the fuzzer found) through a target,
/// so every past crash stays a regression test. Usage: ocop-fuzz codes|template FILE...
@main
enum Replay {
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard let first = arguments.first, let target = FuzzTarget(rawValue: first) else {
            FileHandle.standardError.write(Data("usage: ocop-fuzz codes|template FILE...\n".utf8))
            exit(64)
        }
        arguments.removeFirst()
        for path in arguments {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("ocop-fuzz: cannot read \(path)\n".utf8))
                exit(66)
            }
            target.run([UInt8](data))
        }
        print("replayed \(arguments.count) input(s) through \(target.rawValue)")
    }
}
#endif

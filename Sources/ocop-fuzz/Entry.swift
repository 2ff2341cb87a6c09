import Foundation

#if FUZZING
// Built with `-sanitize=fuzzer`: libFuzzer supplies `main` and calls this for every input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTarget.selected.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
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

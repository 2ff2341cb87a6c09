import OCOPDomain
import Testing

/// SplitMix64: a tiny deterministic generator so random serials, codes and keys repeat in tests.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The error `body` throws, or nil when it succeeds. Any error other than `DomainError` is
/// reported as a field named `<not a DomainError>`, so such a test fails visibly.
func failure<Value>(_ body: () throws -> Value) -> DomainError? {
    do {
        _ = try body()
        return nil
    } catch let error as DomainError {
        return error
    } catch {
        return DomainError(field: "<not a DomainError>", rule: "\(error)")
    }
}

/// The repository's `shared/` folder (beside the package root), found from this file's path.
func sharedFolder() -> String {
    // #filePath inside the body is this file, whichever test calls.
    let thisFile = #filePath
    var components = thisFile.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    // …/<package>/Tests/OCOPDomainTests/TestSupport.swift → …/<package>/../shared
    components.removeLast(3)
    return components.joined(separator: "/") + "/../shared"
}

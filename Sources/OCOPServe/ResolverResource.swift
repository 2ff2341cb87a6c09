/// The resources this resolver serves about a code besides its page, each at
/// `/<resource><the code's Digital Link path>` so the code's own rules (parsing, signature,
/// verdict) decide what they show.
enum ResolverResource: String, CaseIterable, Sendable {
    /// The product's OCOP certificate (`gs1:certificationInfo`): 410 once withdrawn or lapsed.
    case certificate = "cert"
    /// The batch's recall status as JSON (`gs1:recallStatus`).
    case recallStatus = "recall"
    /// The unit's stages (`gs1:traceability`).
    case trace

    var prefix: String { "/" + rawValue }

    /// The resource a path asks for and the code path after its prefix.
    static func of(path: String) -> (ResolverResource, codePath: String)? {
        for resource in allCases where path.hasPrefix(resource.prefix + "/") {
            return (resource, String(path.dropFirst(resource.prefix.count)))
        }
        return nil
    }
}

/// What a scratch-off PIN given with a code showed, as the log proves it.
public enum PinOutcome: Sendable, Equatable {
    /// The PIN is the unit's and nobody had used it: this check claimed it.
    case firstClaim(at: String)
    /// The PIN is the unit's but was claimed before, at that time: whoever holds this label
    /// did not scratch it first, so it is possibly a copy.
    case reused(firstClaimedAt: String)
    /// Not the unit's PIN.
    case wrong
    /// The unit was issued without a PIN.
    case notIssued

    /// `first_check`, `reused`, `wrong`, `not_issued`: the JSON word.
    public var word: String {
        switch self {
        case .firstClaim: return "first_check"
        case .reused: return "reused"
        case .wrong: return "wrong"
        case .notIssued: return "not_issued"
        }
    }
}

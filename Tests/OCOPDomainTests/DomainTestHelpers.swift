import OCOPDomain
import Testing

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

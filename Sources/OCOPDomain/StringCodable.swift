/// A value stored in JSON as one string and validated again when read back, so a stored
/// payload cannot smuggle in a value its type would refuse.
public protocol StringCodable: Codable {
    /// Parses and validates the stored text.
    init(codableText: String) throws(DomainError)
    /// The text to store.
    var codableText: String { get }
}

extension StringCodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Self(codableText: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(codableText)
    }
}

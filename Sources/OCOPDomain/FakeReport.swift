import Foundation

/// "Báo hàng giả / Report a fake": what a shopper sends from a unit's page. The client is a
/// salted hash of its address (as for scans), never the address itself.
public struct FakeReport: Sendable, Equatable, Codable {
    /// The code as the page had it (its Digital Link, signature included).
    public let code: String
    /// The unit's serial when the code names one.
    public let serial: String?
    public let note: String?
    public let client: String

    public static let maximumNoteLength = 500

    public init(code: String, serial: String?, note: String?, client: String) throws(DomainError) {
        self.code = try DomainText.validated(code, field: "code", maxLength: 600)
        self.serial = serial
        self.note = try note.flatMap { text throws(DomainError) in
            // A textarea sends line breaks; the log keeps one line.
            let trimmed = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : try DomainText.validated(trimmed, field: "note", maxLength: Self.maximumNoteLength)
        }
        self.client = client
    }
}

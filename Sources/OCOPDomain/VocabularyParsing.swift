/// Shared reading of CBV vocabulary words typed by people: case, spaces and hyphens are forgiven,
/// `urn:epcglobal:cbv:…` forms are refused with the bare word EPCIS 2.0 JSON needs.
enum VocabularyParsing {
    static func parse<Word: RawRepresentable & CaseIterable>(
        _ text: String, as _: Word.Type, field: String, urnPrefix: String, kind: String
    ) throws(DomainError) -> Word where Word.RawValue == String {
        let trimmed = text.trimmingASCIIWhitespace()
        let lowered = trimmed.lowercased()
        if lowered.hasPrefix(urnPrefix) {
            let bare = String(lowered.dropFirst(urnPrefix.count))
            let hint = Word(rawValue: bare) != nil ? "write \"\(bare)\"" : "write the bare CBV word"
            throw DomainError(
                field: field,
                rule: "\"\(trimmed)\" is the old URN form, which EPCIS 2.0 JSON schemas reject; \(hint)"
            )
        }
        let key = String(lowered.map { $0 == " " || $0 == "-" ? "_" : $0 })
        if let word = Word(rawValue: key) { return word }
        let words = Word.allCases.map(\.rawValue)
        if let near = NearestMatch.suggestion(for: key, among: words) {
            throw DomainError(field: field, rule: "\"\(trimmed)\" is not a \(kind); did you mean \"\(near)\"?")
        }
        throw DomainError(
            field: field,
            rule: "\"\(trimmed)\" is not a \(kind); use one of \(words.joined(separator: ", "))"
        )
    }
}

import Foundation
import Mustache

/// A text element's Mustache template, parsed once and filled per label.
struct TextSource: Sendable {
    let template: MustacheTemplate
    /// The fields the text uses; per-unit fields make the element per-unit.
    let fields: Set<String>

    /// Labels are not HTML: without this pragma "Hợp tác xã A & B" would print as "A &amp; B".
    private static let plainTextPragma = "{{% CONTENT_TYPE: TEXT}}"

    init(_ text: String) throws {
        template = try MustacheTemplate(string: Self.plainTextPragma + text)
        fields = Placeholders.scan(text).fields
    }

    var isPerUnit: Bool { !fields.isDisjoint(with: LabelField.perUnit) }

    /// The filled text in Unicode NFC: Vietnamese typed on some keyboards arrives decomposed
    /// (a + combining marks), which a font then draws with stacked, badly placed accents.
    func fill(_ data: LabelData) -> String {
        template.render(data.mustacheValues).precomposedStringWithCanonicalMapping
    }
}

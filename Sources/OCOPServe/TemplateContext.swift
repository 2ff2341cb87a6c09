import Mustache

/// A page's values as Mustache reads them: each dictionary in a final class of its own. Mustache
/// asks every value of every tag whether it is a `MustacheParent`; for a `[String: Any]` that
/// is a conditional conformance, worked out again on each ask, and those asks were most of a
/// page's rendering time. A plain class answers from the runtime's cache.
final class TemplateContext: MustacheParent {
    private let values: [String: Any]

    private init(_ values: [String: Any]) {
        self.values = values
    }

    func child(named name: String) -> Any? { values[name] }

    /// `value` with every dictionary inside it (also in arrays) boxed.
    static func box(_ value: Any) -> Any {
        switch value {
        case let dictionary as [String: Any]: TemplateContext(dictionary.mapValues(box))
        case let array as [Any]: array.map(box)
        default: value
        }
    }
}

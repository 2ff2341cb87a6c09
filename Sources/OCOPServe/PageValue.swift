/// A page's values as the page templates read them, typed once per page. Swift-mustache looked
/// up `[String: Any]` values with dynamic casts on every tag, which cost about a fifth of a
/// unit page; here a tag is a dictionary read.
enum PageValue: Sendable {
    case text(String)
    case flag(Bool)
    case list([PageValue])
    case object([String: PageValue])

    /// The typed value of what `Pages` builds: strings, booleans, numbers, dictionaries and
    /// arrays of them. `nil` for an absent optional, which Mustache treats as missing.
    init?(_ value: Any) {
        switch value {
        case let typed as PageValue: self = typed
        case let text as String: self = .text(text)
        case let flag as Bool: self = .flag(flag)
        case let object as [String: Any]: self = .object(object.compactMapValues(PageValue.init))
        case let list as [Any]: self = .list(list.compactMap(PageValue.init))
        case let number as Int: self = .text(String(number))
        case let number as Int64: self = .text(String(number))
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                guard let wrapped = mirror.children.first?.value else { return nil }
                self.init(wrapped)
            } else {
                self = .text(String(describing: value))
            }
        }
    }

    /// The value named `key` when this is an object.
    subscript(key: String) -> PageValue? {
        if case let .object(values) = self { return values[key] }
        return nil
    }
}

extension PageValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    init(stringLiteral text: String) { self = .text(text) }
    init(booleanLiteral flag: Bool) { self = .flag(flag) }
}

extension StringProtocol {
    /// Without leading and trailing white space (spaces, tabs, line breaks, no-break spaces):
    /// Foundation's `trimmingCharacters(in:)` bridges through NSString, and this runs on every
    /// code and header the resolver reads. A look at each end when there is none.
    public var trimmedOfWhiteSpace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}

import CCairo
import Foundation

/// Which font fontconfig really uses for a family name. fontconfig never fails a lookup: it
/// substitutes its best match, so "Roboto" on a machine without Roboto quietly becomes DejaVu Sans.
/// Comparing the resolved family with the requested one is how a template learns the truth.
public enum FontCatalog {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var resolved: [String: String] = [:]

    /// The family fontconfig picks for `family` (cached: installed fonts do not change during a run).
    public static func resolvedFamily(_ family: String) -> String {
        let key = family.lowercased()
        if let known = lock.withLock({ resolved[key] }) { return known }
        let answer = lookUp(family)
        lock.withLock { resolved[key] = answer }
        return answer
    }

    /// True when fontconfig has the family itself, not a substitute.
    public static func isInstalled(_ family: String) -> Bool {
        resolvedFamily(family).caseInsensitiveCompare(family) == .orderedSame
    }

    private static func lookUp(_ family: String) -> String {
        let fontMap = pango_cairo_font_map_get_default()
        let context = pango_font_map_create_context(fontMap)
        defer { g_object_unref(UnsafeMutableRawPointer(context)) }
        let description = TextContext.fontDescription(FontSpec(family: family, sizePt: 10), sizePt: 10)
        defer { pango_font_description_free(description) }
        guard let font = pango_font_map_load_font(fontMap, context, description) else { return "" }
        defer { g_object_unref(UnsafeMutableRawPointer(font)) }
        guard let describedFont = pango_font_describe(font) else { return "" }
        defer { pango_font_description_free(describedFont) }
        guard let name = pango_font_description_get_family(describedFont) else { return "" }
        return String(cString: name)
    }
}

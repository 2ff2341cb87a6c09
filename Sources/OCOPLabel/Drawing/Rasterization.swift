import CCairo

/// How shapes and glyphs become pixels on a raster.
public enum Rasterization: Sendable, Equatable {
    /// Gray edges (anti-aliasing) and unhinted outlines: PNG labels for screens and office printers.
    case antialiased
    /// Every pixel black or white, glyph outlines hinted to the pixel grid: what a thermal
    /// printer's head can print. Thresholding anti-aliased text instead loses thin strokes
    /// such as the horn of "ư" at 203 dpi; hinted bilevel rendering keeps them (FreeType's
    /// monochrome rasteriser with the font's drop-out control).
    case bilevel

    /// cairo's anti-aliasing for glyphs and shapes.
    var antialias: cairo_antialias_t {
        self == .bilevel ? CAIRO_ANTIALIAS_NONE : CAIRO_ANTIALIAS_GRAY
    }

    /// Glyph outlines are hinted only where there are no gray levels to carry their shape.
    var hintStyle: cairo_hint_style_t {
        self == .bilevel ? CAIRO_HINT_STYLE_FULL : CAIRO_HINT_STYLE_NONE
    }
}

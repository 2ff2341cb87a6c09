/// The command languages of thermal label printers.
public enum PrintLanguage: String, Sendable, CaseIterable {
    /// Zebra Programming Language II (Zebra, and the ZPL emulation of many others).
    case zpl
    /// TSC's TSPL/TSPL2 (TSC, Xprinter, Gprinter and most low-cost desktop printers).
    case tspl

    /// The resolutions thermal print heads come in.
    public static let resolutions: [Double] = [203, 300, 600]
}

/// Writes one printer language: the job's start (settings and the batch's background, sent
/// once), one label per unit (the background recalled, the unit's part drawn over it), the end.
protocol PrintCommandEncoder: Sendable {
    func start(_ media: PrintMedia, background: MonoBitmap) -> [UInt8]
    /// `unitPart` is nil when the template has nothing per unit.
    func label(_ media: PrintMedia, unitPart: MonoBitmap?, at region: PixelRect) -> [UInt8]
    func end() -> [UInt8]
}

extension PrintCommandEncoder {
    /// The name the background is stored under in the printer's memory (8 characters at most
    /// for ZPL, an 8.3 name for TSPL). Each job stores it again and deletes it at its end.
    static var backgroundName: String { "OCOPLBL" }
}

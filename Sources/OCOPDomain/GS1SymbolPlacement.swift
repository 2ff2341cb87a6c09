/// GS1's rule for a Digital Link QR code beside an EAN/UPC on one pack (GS1 "2D barcodes at
/// retail point-of-sale" implementation guideline): the whole 2D symbol, quiet zone included,
/// lies within 50 mm of the centre of the linear barcode, so one scan window holds both.
public enum GS1SymbolPlacement {
    public static let maximumDistanceFromLinearCentreMM = 50.0
}

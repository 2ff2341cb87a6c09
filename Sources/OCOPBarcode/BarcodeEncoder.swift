import CZint
import OCOPDomain

/// Turns GS1 data into barcode modules through libzint.
///
/// Only the encoding is zint's: its `encoded_data` (the exact modules) is read back and drawing
/// is left to the caller, so bars land on whole pixels or printer dots. zint's warnings (a GS1
/// check digit or date it doubts, a non-compliant symbol) are errors here (`WARN_FAIL_ALL`), and
/// every failure is a return code turned into `BarcodeEncodingError`, never an abort.
public enum BarcodeEncoder {
    /// Encodes `data`: 13 digits for EAN-13, 12 for UPC-A (both with their check digit), GS1
    /// element strings in square brackets (`[01]09528400000020[10]KD-2026-11`) for GS1-128 and
    /// GS1 DataMatrix (see `GS1ElementString.bracketed`).
    public static func encode(_ symbology: GS1Symbology, data: String) throws(BarcodeEncodingError) -> BarcodeSymbol {
        // EAN-13 and UPC-A hold 13 and 12 digits, a GS1-128 at most 48 data characters and a
        // GS1 DataMatrix a few hundred: anything longer is refused before zint works on it.
        guard !data.isEmpty, data.utf8.count <= 512 else {
            throw .rejected(symbology: symbology, data: String(data.prefix(40)), code: ZINT_ERROR_TOO_LONG,
                            message: data.isEmpty ? "no data" : "\(data.utf8.count) bytes is far more than a GS1 barcode holds")
        }
        guard let symbol = ZBarcode_Create() else { throw .outOfMemory }
        defer { ZBarcode_Delete(symbol) }
        symbol.pointee.warn_level = WARN_FAIL_ALL
        switch symbology {
        case .ean13:
            symbol.pointee.symbology = BARCODE_EANX_CHK
        case .upca:
            symbol.pointee.symbology = BARCODE_UPCA_CHK
        case .gs1_128:
            symbol.pointee.symbology = BARCODE_GS1_128
            symbol.pointee.input_mode = GS1_MODE
        case .gs1DataMatrix:
            symbol.pointee.symbology = BARCODE_DATAMATRIX
            symbol.pointee.input_mode = GS1_MODE
            symbol.pointee.option_3 = DM_SQUARE
        }
        let bytes = Array(data.utf8)
        let status = bytes.withUnsafeBufferPointer { buffer in
            ZBarcode_Encode(symbol, buffer.baseAddress, Int32(buffer.count))
        }
        guard status == 0 else {
            let message = String(cString: ocop_zint_error_text(symbol))
            throw .rejected(symbology: symbology, data: data, code: status, message: message)
        }
        let rows = Int(symbol.pointee.rows), columns = Int(symbol.pointee.width)
        var modules = [Bool](repeating: false, count: rows * columns)
        for row in 0..<rows {
            for column in 0..<columns where ocop_zint_module(symbol, Int32(row), Int32(column)) != 0 {
                modules[row * columns + column] = true
            }
        }
        return BarcodeSymbol(symbology: symbology, rows: rows, columns: columns, modules: modules)
    }
}

import Foundation
import OCOPDomain
import Testing

/// What GS1 barcodes carry and how large GS1 lets them be: GTIN forms, element strings, the
/// symbol specification tables.
@Suite struct GS1BarcodeDataTests {
    @Test func ean13AndUPCACarryTheGTINsShorterForms() throws {
        let gtin13 = try GTIN("9528400000020")
        #expect(gtin13.gtin13 == "9528400000020" && gtin13.gtin12 == nil)
        let gtin12 = try GTIN("036000291452")
        #expect(gtin12.gtin12 == "036000291452" && gtin12.gtin13 == "0036000291452")
        // A case's GTIN-14 (indicator digit 1) has neither form.
        let gtin14 = try GTIN("19528400000027")
        #expect(gtin14.gtin13 == nil && gtin14.gtin12 == nil)
    }

    @Test func elementStringsPutTheLotLast() throws {
        let elements = try GS1ElementString(gtin: try GTIN("9528400000020"), expires: try CalendarDate(year: 2027, month: 5, day: 2),
                                            lot: "KD-2026-11")
        #expect(elements.humanReadable == "(01)09528400000020(17)270502(10)KD-2026-11")
        #expect(elements.bracketed == "[01]09528400000020[17]270502[10]KD-2026-11")
        // Nothing follows the variable-length lot, so no GS separator is transmitted.
        #expect(elements.transmitted == "0109528400000020172705021" + "0KD-2026-11")
        let bare = try GS1ElementString(gtin: try GTIN("9528400000020"))
        #expect(bare.humanReadable == "(01)09528400000020")
        // A lot with parentheses stays unambiguous in the bracketed form.
        #expect(try GS1ElementString(gtin: try GTIN("9528400000020"), lot: "A(1)").bracketed == "[01]09528400000020[10]A(1)")
    }

    @Test func lotsOutsideGS1sCharactersAreRefusedNamingTheField() throws {
        let error = #expect(throws: DomainError.self) { try GS1ElementString(gtin: try GTIN("9528400000020"), lot: "LÔ 1") }
        #expect(error?.field == "lot", "\(String(describing: error))")
        let long = #expect(throws: DomainError.self) {
            try GS1ElementString(gtin: try GTIN("9528400000020"), lot: String(repeating: "A", count: 21))
        }
        #expect(long?.rule.contains("at most 20") == true)
    }

    @Test func theSymbolSpecificationTablesGiveGS1sFigures() {
        let ean = GS1SymbolSpecification.of(.ean13)
        #expect(ean.rangeText == "0.264-0.660 mm (target 0.330)")
        #expect(ean.leftQuietZoneModules == 11 && ean.rightQuietZoneModules == 7)
        // 80 %, 100 % and 200 % magnification: 18.28, 22.85 and 45.70 mm bars.
        #expect(abs(ean.minimumBarHeightMM(xMM: 0.264)! - 18.28) < 0.005)
        #expect(abs(ean.minimumBarHeightMM(xMM: 0.330)! - 22.85) < 0.005)
        #expect(abs(ean.minimumBarHeightMM(xMM: 0.660)! - 45.70) < 0.005)
        let upc = GS1SymbolSpecification.of(.upca)
        #expect(upc.leftQuietZoneModules == 9 && upc.rightQuietZoneModules == 9)
        let carton = GS1SymbolSpecification.of(.gs1_128)
        #expect(carton.allows(xMM: 0.495) && carton.allows(xMM: 1.016) && !carton.allows(xMM: 0.33))
        #expect(carton.minimumBarHeightMM(xMM: 0.8) == 31.75)
        let matrix = GS1SymbolSpecification.of(.gs1DataMatrix)
        #expect(matrix.rangeText == "0.396-0.990 mm (target 0.495)" && matrix.minimumBarHeightMM(xMM: 0.5) == nil)
    }
}

import OCOPDomain
import Testing

@Suite struct VocabularyTests {
    @Test func all41BusinessStepsOfCBV2() {
        let expected = """
            accepting arriving assembling collecting commissioning consigning creating_class_instance cycle_counting \
            decommissioning departing destroying disassembling dispensing encoding entering_exiting holding inspecting \
            installing killing loading other packing picking receiving removing repackaging repairing replacing \
            reserving retail_selling sampling sensor_reporting shipping staging_outbound stock_taking stocking storing \
            transporting unloading unpacking void_shipping
            """.split(separator: " ").map(String.init)
        #expect(BusinessStep.allCases.count == 41)
        #expect(BusinessStep.allCases.map(\.rawValue) == expected)
        #expect(Set(BusinessStep.allCases.map(\.vietnameseName)).count == 41)
    }

    @Test func all33DispositionsOfCBV2() {
        let expected: Set<String> = [
            "active", "container_closed", "damaged", "destroyed", "dispensed", "disposed", "encoded", "expired",
            "in_progress", "in_transit", "inactive", "no_pedigree_match", "non_sellable_other", "partially_dispensed",
            "recalled", "reserved", "retail_sold", "returned", "sellable_accessible", "sellable_not_accessible",
            "stolen", "unknown", "available", "completeness_verified", "completeness_inferred", "conformant",
            "container_open", "mismatch_instance", "mismatch_class", "mismatch_quantity", "needs_replacement",
            "non_conformant", "unavailable",
        ]
        #expect(Disposition.allCases.count == 33)
        #expect(Set(Disposition.allCases.map(\.rawValue)) == expected)
        #expect(Disposition.recalled.vietnameseName == "bị thu hồi")
    }

    @Test func parsingForgivesCaseSpacesAndHyphens() throws {
        #expect(try BusinessStep(parsing: "retail_selling") == .retailSelling)
        #expect(try BusinessStep(parsing: "Retail selling") == .retailSelling)
        #expect(try BusinessStep(parsing: "RETAIL-SELLING") == .retailSelling)
        #expect(try Disposition(parsing: "in_transit") == .inTransit)
    }

    @Test func errorsNameTheFieldAndSuggest() {
        #expect(failure { try BusinessStep(parsing: "shiping") }?.description
            == "step: \"shiping\" is not a GS1 CBV 2.0 business step; did you mean \"shipping\"?")
        #expect(failure { try BusinessStep(parsing: "recieving") }?.rule.hasSuffix("did you mean \"receiving\"?") == true)
        #expect(failure { try Disposition(parsing: "recaled") }?.description
            == "disposition: \"recaled\" is not a GS1 CBV 2.0 disposition; did you mean \"recalled\"?")
        let far = failure { try BusinessStep(parsing: "recall") }
        #expect(far?.field == "step")
        #expect(far?.rule.contains("use one of accepting, arriving") == true)
    }

    @Test func urnFormsAreRefusedWithTheBareWord() {
        #expect(failure { try BusinessStep(parsing: "urn:epcglobal:cbv:bizstep:shipping") }?.rule.hasSuffix("write \"shipping\"") == true)
        #expect(failure { try Disposition(parsing: "urn:epcglobal:cbv:disp:recalled") }?.field == "disposition")
    }
}

import OCOPQR
import TestSupport
import Testing

@Suite struct QREncoderTests {
    @Test func symbolSizeFollowsVersion() throws {
        for payload in ["A", SamplePayloads.digitalLinks[0], SamplePayloads.capacityLimitM] {
            let matrix = try QREncoder().encode(payload)
            #expect(matrix.size == 17 + 4 * matrix.version)
            #expect(matrix.modules.count == matrix.size * matrix.size)
            #expect((1...40).contains(matrix.version))
        }
    }

    @Test func encodingIsDeterministic() throws {
        let a = try QREncoder().encode(SamplePayloads.digitalLinks[0])
        let b = try QREncoder().encode(SamplePayloads.digitalLinks[0])
        #expect(a == b)
    }

    @Test func caseIsNotFolded() throws {
        // With case sensitivity off libqrencode would upper-case "abc" into the same symbol as "ABC".
        #expect(try QREncoder().encode("lot-abc") != QREncoder().encode("LOT-ABC"))
    }

    @Test func finderPatternsAreInTheCorners() throws {
        let matrix = try QREncoder().encode("OCOP")
        let last = matrix.size - 1
        for (x, y) in [(0, 0), (last, 0), (0, last)] { #expect(matrix[x, y]) }
        // The ring of light modules inside each finder pattern.
        #expect(!matrix[1, 1] && !matrix[last - 1, 1] && !matrix[1, last - 1])
        #expect(matrix.darkCount > 0 && matrix.darkCount < matrix.modules.count)
    }

    @Test func capacityLimitAtLevelM() throws {
        let full = try QREncoder(errorCorrection: .medium).encode(SamplePayloads.capacityLimitM)
        #expect(full.version == 40)
        let over = SamplePayloads.capacityLimitM + "x"
        #expect(throws: QREncodingError.payloadTooLong(bytes: 2332, level: .medium, minimumVersion: 0)) {
            try QREncoder(errorCorrection: .medium).encode(over)
        }
        let message = QREncodingError.payloadTooLong(bytes: 2332, level: .medium, minimumVersion: 0).description
        #expect(message.contains("2331") && message.contains("payload"))
    }

    @Test(arguments: ErrorCorrection.allCases)
    func everyLevelHasItsOwnLimit(level: ErrorCorrection) throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "z"), count: level.byteModeCapacity)
        #expect(try QREncoder(errorCorrection: level).encode(bytes: bytes).version == 40)
        #expect(throws: QREncodingError.self) {
            try QREncoder(errorCorrection: level).encode(bytes: bytes + [UInt8(ascii: "z")])
        }
    }

    @Test func higherLevelsNeedBiggerSymbols() throws {
        let payload = SamplePayloads.digitalLinks[0]
        let low = try QREncoder(errorCorrection: .low).encode(payload)
        let high = try QREncoder(errorCorrection: .high).encode(payload)
        #expect(high.version > low.version)
    }

    @Test func emptyPayloadIsRefused() {
        #expect(throws: QREncodingError.emptyPayload) { try QREncoder().encode("") }
    }

    @Test func bytesWithNULAreEncoded() throws {
        let matrix = try QREncoder().encode(bytes: [0x41, 0x00, 0x42])
        #expect(matrix.version == 1)
    }

    @Test func minimumVersionIsALowerBound() throws {
        #expect(try QREncoder(minimumVersion: 10).encode("A").version == 10)
        #expect(throws: QREncodingError.invalidVersion(41)) { try QREncoder(minimumVersion: 41).encode("A") }
    }

    @Test func levelsParseFromLetters() {
        #expect(ErrorCorrection(letter: "q") == .quartile)
        #expect(ErrorCorrection(letter: "X") == nil)
    }

    /// The runs vector writers draw cover exactly the dark modules, each run maximal.
    @Test func darkRunsCoverExactlyTheDarkModules() throws {
        for payload in SamplePayloads.digitalLinks.prefix(5) {
            let matrix = try QREncoder().encode(payload)
            for y in 0..<matrix.size {
                let runs = matrix.darkRuns(inRow: y)
                var covered = [Bool](repeating: false, count: matrix.size)
                for run in runs { for x in run { covered[x] = true } }
                #expect(covered == (0..<matrix.size).map { matrix[$0, y] })
                for run in runs {
                    #expect(!run.isEmpty)
                    #expect(run.lowerBound == 0 || !matrix[run.lowerBound - 1, y])
                    #expect(run.upperBound == matrix.size || !matrix[run.upperBound, y])
                }
            }
        }
    }
}

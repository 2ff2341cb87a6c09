import Foundation
import OCOPDomain
import TestSupport
import Testing

@Suite struct ShortCodeTests {
    /// Characters someone could type in place of another; all must be caught unless equivalent.
    static let typeable = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*~$=")

    @Test func displaysGroupedWithCheckCharacter() throws {
        let code = ShortCode(bits: 0xAB_CDEF_0123)
        #expect(code.compact.count == 9)
        #expect(code.display.count == 11)
        #expect(code.display == "NF6Y-Y093-\(code.checkCharacter)")
        #expect(code.checkCharacter == CrockfordBase32.checkSymbol(for: 0xAB_CDEF_0123))
        #expect(try ShortCode(parsing: code.display) == code)
    }

    @Test func keepsOnly40Bits() {
        #expect(ShortCode(bits: .max).bits == (1 << 40) - 1)
        #expect(ShortCode(bits: .max).display == "ZZZZ-ZZZZ-\(CrockfordBase32.checkSymbol(for: (1 << 40) - 1))")
    }

    @Test func parsingForgivesHowPeopleType() throws {
        let code = ShortCode(bits: 0x01_0000_0001)  // contains 0s and 1s, to try O and I/L
        let compact = code.compact
        let variants = [
            code.display, compact, compact.lowercased(), " \(compact.prefix(4)) \(compact.dropFirst(4).prefix(4)) \(compact.last!) ",
            compact.replacingOccurrences(of: "0", with: "O"), compact.replacingOccurrences(of: "1", with: "I"),
            compact.replacingOccurrences(of: "1", with: "l"), code.display.lowercased().replacingOccurrences(of: "0", with: "o"),
        ]
        for variant in variants {
            #expect(try ShortCode(parsing: variant) == code, "\(variant) was not read as \(code)")
        }
    }

    @Test func clearErrors() throws {
        #expect(failure { try ShortCode(parsing: "7Q2K-9XW3") }?.rule.hasPrefix("has 8 characters; expected 9") == true)
        #expect(failure { try ShortCode(parsing: "7Q2K-9XW3-MM") }?.field == "short code")
        #expect(failure { try ShortCode(parsing: "7Q2#-9XW3-M") }?.rule.hasPrefix("character \"#\" is not a base-32 digit") == true)
        #expect(failure { try ShortCode(parsing: "7Q2U-9XW3-M") }?.rule.contains("U is only a check character") == true)
        let code = ShortCode(bits: 12345)
        let wrongCheck = CrockfordBase32.checkAlphabet[(Int(code.bits % 37) + 1) % 37]
        let error = failure { try ShortCode(parsing: String(code.compact.dropLast()) + String(wrongCheck)) }
        #expect(error?.field == "short code")
        #expect(error?.rule.contains("does not match the code") == true)
    }

    /// Every single substitution, insertion, deletion and adjacent swap, over 300 random codes.
    @Test func everySingleMistakeIsRejected() throws {
        var generator = SeededGenerator(seed: 2026)
        var mutationsTried = 0
        for _ in 0..<300 {
            let code = ShortCode(using: &generator)
            let original = Array(code.compact)
            #expect(try ShortCode(parsing: code.compact) == code)

            func rejected(_ candidate: [Character]) -> Bool {
                mutationsTried += 1
                return (try? ShortCode(parsing: String(candidate))) == nil
            }
            func sameSymbol(_ a: Character, _ b: Character, isCheck: Bool) -> Bool {
                isCheck ? CrockfordBase32.checkSymbolValue(a) == CrockfordBase32.checkSymbolValue(b)
                    : CrockfordBase32.symbolValue(a) == CrockfordBase32.symbolValue(b)
            }

            for index in original.indices {
                // Substitutions (skipping the forgiven equivalents like I for 1).
                for replacement in Self.typeable where !sameSymbol(replacement, original[index], isCheck: index == 8) {
                    var mutated = original
                    mutated[index] = replacement
                    #expect(rejected(mutated), "substitution \(String(mutated)) accepted for \(code)")
                }
                // Deletion.
                var deleted = original
                deleted.remove(at: index)
                #expect(rejected(deleted), "deletion \(String(deleted)) accepted")
                // Adjacent transposition of two different characters.
                if index + 1 < original.count, original[index] != original[index + 1] {
                    var swapped = original
                    swapped.swapAt(index, index + 1)
                    #expect(rejected(swapped), "swap \(String(swapped)) accepted for \(code)")
                }
            }
            // Insertions anywhere.
            for index in 0...original.count {
                for inserted in Self.typeable {
                    var mutated = original
                    mutated.insert(inserted, at: index)
                    #expect(rejected(mutated), "insertion \(String(mutated)) accepted")
                }
            }
        }
        #expect(mutationsTried > 300 * 9 * 30)
    }

    @Test func codableAsDisplayText() throws {
        let code = ShortCode(bits: 99)
        let data = try JSONEncoder().encode(code)
        #expect(String(decoding: data, as: UTF8.self) == "\"\(code.display)\"")
        #expect(try JSONDecoder().decode(ShortCode.self, from: data) == code)
    }
}

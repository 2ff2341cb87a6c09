import Foundation
import OCOPDomain
import TestSupport
import Testing

@Suite struct CodeSignatureTests {
    let signer: CodeSigner
    let verifier: CodeVerifier
    let unit: DigitalLink

    init() throws {
        var generator = SeededGenerator(seed: 25519)
        signer = CodeSigner(generatingWith: &generator)
        verifier = try CodeVerifier(publicKey: signer.publicKeyBytes)
        unit = try DigitalLink.unit(
            host: "ocop.example.vn", key: .gtin(GTIN("9521234500001")), lot: "TV2026-07",
            serial: Serial(using: &generator),
            attributes: [DataAttribute.expiryDate(CalendarDate(parsing: "2027-06-30"))]
        )
    }

    @Test func signedURIVerifies() throws {
        let signed = signer.sign(unit)
        let uri = signed.uri
        #expect(uri.hasPrefix(unit.canonical + "&s="))
        #expect(signed.signature?.count == 86)  // 64 bytes in base64url without padding
        #expect(verifier.verify(uri: uri) == .valid)
        #expect(verifier.verify(signed) == .valid)
        #expect(verifier.verify(uri: unit.uri) == .missing)
    }

    @Test func keysRoundTripThroughRawBytes() throws {
        #expect(signer.privateKeyBytes.count == 32)
        #expect(signer.publicKeyBytes.count == 32)
        let reloaded = try CodeSigner(privateKey: signer.privateKeyBytes)
        #expect(reloaded.publicKeyBytes == signer.publicKeyBytes)
        #expect(verifier.verify(reloaded.sign(unit)) == .valid)
        #expect(failure { try CodeSigner(privateKey: [1, 2, 3]) }?.description == "private key: has 3 bytes; an Ed25519 private key has 32")
        #expect(failure { try CodeVerifier(publicKey: []) }?.field == "public key")
    }

    /// Every single-character substitution, deletion and insertion in the path and query.
    @Test func anySingleCharacterChangeInPathOrQueryFails() throws {
        let uri = Array(signer.sign(unit).uri)
        let pathStart = Array("https://ocop.example.vn").count
        let replacements = Array("0179AFGZafz-_.~%/?&=+#*!:;@$, ")
        var tried = 0
        for index in pathStart..<uri.count {
            for replacement in replacements where replacement != uri[index] {
                var mutated = uri
                mutated[index] = replacement
                tried += 1
                #expect(verifier.verify(uri: String(mutated)) != .valid, "substitution at \(index): \(String(mutated))")
            }
            var deleted = uri
            deleted.remove(at: index)
            #expect(verifier.verify(uri: String(deleted)) != .valid, "deletion at \(index): \(String(deleted))")
            for inserted in Array("0Aa-/&=") {
                var mutated = uri
                mutated.insert(inserted, at: index)
                #expect(verifier.verify(uri: String(mutated)) != .valid, "insertion at \(index): \(String(mutated))")
            }
        }
        #expect(tried > 2000)
    }

    @Test func samePathOnAnotherHostFails() throws {
        let uri = signer.sign(unit).uri
        for otherHost in ["ocop.example.com", "ocop.example.vn:8443", "evil.example", "ocop.example.vn.evil.example"] {
            let moved = uri.replacingOccurrences(of: "ocop.example.vn", with: otherHost)
            #expect(verifier.verify(uri: moved) == .mismatch, "\(moved)")
        }
    }

    @Test func anotherKeyFails() throws {
        var generator = SeededGenerator(seed: 1)
        let otherSigner = CodeSigner(generatingWith: &generator)
        #expect(verifier.verify(uri: otherSigner.sign(unit).uri) == .mismatch)
        let otherVerifier = try CodeVerifier(publicKey: otherSigner.publicKeyBytes)
        #expect(otherVerifier.verify(uri: signer.sign(unit).uri) == .mismatch)
    }

    @Test func aSignatureCannotBeMovedToAnotherCode() throws {
        let signature = try #require(signer.sign(unit).signature)
        let otherUnit = try DigitalLink.unit(
            host: "ocop.example.vn", key: .gtin(GTIN("9521234500001")), lot: "TV2026-07", serial: Serial(bits: 1)
        )
        #expect(verifier.verify(try otherUnit.withSignature(signature)) == .mismatch)
        #expect(verifier.verify(try unit.batchLink.withSignature(signature)) == .mismatch)
    }

    /// A label carries the exact issued text; another spelling of the same code means it was edited.
    @Test func equivalentSpellingsAreReportedAsEdited() throws {
        let signed = signer.sign(unit)
        let uri = signed.uri
        let edited = [
            uri.replacingOccurrences(of: "https://", with: "http://"),
            uri.replacingOccurrences(of: "ocop.example.vn", with: "OCOP.Example.VN"),
            uri + "#label",
            uri + "&linkType=gs1:pip",
            uri.replacingOccurrences(of: "?17=", with: "?&17="),
            unit.canonical.replacingOccurrences(of: "?17=270630", with: "?s=\(signed.signature!)&17=270630"),
        ]
        for text in edited {
            #expect(verifier.verify(uri: text) == .nonCanonical(canonical: uri), "\(text)")
            #expect(!verifier.verify(uri: text).isValid)
        }
        // The parsed code itself is still the same code with a fitting signature.
        #expect(verifier.verify(try DigitalLink(parsing: edited[0])) == .valid)
    }

    @Test func unreadableAndMalformedSignatures() throws {
        if case let .unreadable(error) = verifier.verify(uri: "https://ocop.example.vn/brochure") {
            #expect(error.field == "path")
        } else {
            Issue.record("a brochure URI must be unreadable")
        }
        #expect(verifier.verify(try unit.withSignature("AAAA")) == .mismatch)  // wrong length
        #expect(verifier.verify(uri: unit.canonical + "&s=") != .valid)
    }
}

import Crypto
import Foundation
import OCOPDomain

/// The issuer's signed list of the serials it issued, batch by batch: what a shop takes offline to
/// check compact codes (which carry no signature) without the store. `batch serials` writes it;
/// `verify CODE --serials FILE` reads it.
///
/// The serials come from the log's own `units_issued` entries (each hash-checked and covered by a
/// trusted seal), never from the derived `unit` table. The list holds a checkpoint of the log's
/// head (`LogCheckpoint`: the resolver and every store key, signed on its own) and is signed by
/// the same store key over the canonical JSON of its format, checkpoint and batches: a serial
/// added, removed or moved to another batch breaks the signature.
public struct SerialList: Codable, Sendable, Equatable {
    public static let formatName = "ocop-trace-serials/1"

    /// One batch: the key its codes carry (GTIN-14, or the product id of a `/p/` code), its lot and
    /// its serials in issue order.
    public struct Batch: Codable, Sendable, Equatable {
        public let product: String
        public let gtin: String?
        public let lot: String
        public let serials: [String]
    }

    public let format: String
    /// The log's head when the list was read (the list says nothing about later batches), with
    /// the resolver host and the store keys.
    public let checkpoint: LogCheckpoint
    public let batches: [Batch]
    /// Ed25519 by the checkpoint's key over the canonical JSON of the other fields, base64url.
    public let signature: String

    private struct Body: Encodable {
        let format: String, checkpoint: LogCheckpoint, batches: [Batch]
    }

    private var signingText: [UInt8] {
        get throws { Array(try CanonicalPayload.encode(Body(format: format, checkpoint: checkpoint, batches: batches)).utf8) }
    }

    static func make(checkpoint: LogCheckpoint, key: Curve25519.Signing.PrivateKey, batches: [Batch]) throws -> SerialList {
        let unsigned = SerialList(format: formatName, checkpoint: checkpoint, batches: batches, signature: "")
        let signature = try key.signature(for: unsigned.signingText)
        return SerialList(format: formatName, checkpoint: checkpoint, batches: batches, signature: Base64URL.encode(Array(signature)))
    }

    /// The resolver host every code of the store names.
    public var resolver: String { checkpoint.resolver }
    public var keyID: String { checkpoint.keyID }
    /// Every store key the list names, oldest first.
    public var storeKeys: [String] { checkpoint.storeKeys }

    /// Whether the list and its checkpoint are signed by the checkpoint's key over exactly these
    /// fields. Whether that key is the issuer's is asked separately (`isSigned(byOneOf:)`, or the
    /// shop's trust in the file it fetched).
    public var isSelfConsistent: Bool {
        guard format == Self.formatName, checkpoint.isSelfConsistent, let key = KeyFiles.parsePublic(base64URL: checkpoint.publicKey),
              let signature = try? Base64URL.decode(signature), let text = try? signingText else { return false }
        return key.isValidSignature(signature, for: text)
    }

    /// Self-consistent, and its signing key is one of `keys` (raw Ed25519 public keys).
    public func isSigned(byOneOf keys: [[UInt8]]) -> Bool {
        guard isSelfConsistent, let own = try? Base64URL.decode(checkpoint.publicKey) else { return false }
        return keys.contains(own)
    }

    /// The batch whose codes carry `key` and `lot`, if the list covers it.
    public func batch(key: DigitalLink.Key, lot: String) -> Batch? {
        batches.first { batch in
            guard batch.lot == lot else { return false }
            switch key {
            case let .gtin(gtin): return batch.gtin == gtin.gtin14
            case let .productID(id): return batch.gtin == nil && batch.product == id.text
            }
        }
    }

    /// The file's text: canonical JSON and a newline.
    public func text() throws(StoreError) -> String {
        do { return try CanonicalPayload.encode(self) + "\n" } catch { throw .engine("serial list: \(error)") }
    }

    /// Reads a list and checks its signature: an edited file is refused (exit 77), never used.
    public static func load(_ path: String) throws(StoreError) -> SerialList {
        guard let data = FileManager.default.contents(atPath: path) else { throw .notFound(what: "serial list", id: path) }
        guard let list = try? JSONDecoder().decode(SerialList.self, from: data), list.format == formatName else {
            throw .invalid(DomainError(field: "serials", rule: "\(path) is not an \(formatName) file (`ocop-trace batch serials` writes one)"))
        }
        guard list.isSelfConsistent else { throw .key("\(path): the serial list's signature does not verify (the file was edited)") }
        return list
    }
}

extension SessionTraceStore {
    /// The signed serial list of these batches, read from the log alone and signed with the store
    /// key in force (from the key folder).
    public func serialList(of batches: [BatchRecord]) throws(StoreError) -> SerialList {
        let signer = try storeKeyInForce(signing: "a serial list")
        let (head, listed) = try read { db -> (LogEntry?, [SerialList.Batch]) in
            // One snapshot: the head and every batch's serials as of the same moment.
            let head = try db.fetchOne("SELECT \(LogEntry.columns) FROM log ORDER BY seq DESC LIMIT 1").map(LogEntry.init(row:))
            return (head, try batches.map { batch in try db.issuedSerials(of: batch) })
        }
        guard let head else { throw .corrupt("the log is empty") }
        let checkpoint = try checkpoint(of: head, signer: signer)
        do {
            return try SerialList.make(checkpoint: checkpoint, key: signer.key, batches: listed)
        } catch {
            throw .engine("serial list: \(error)")
        }
    }
}

extension SQLSession {
    /// A batch's serials as its log entries issued them: its one `batch_issued` entry, then the
    /// `units_issued` entries its write appended right after it (a `pins_issued` entry may follow
    /// each), every one hash-checked, chained to the one before and sealed by a trusted key,
    /// until they hold as many units as the batch. Anything else is a damaged log.
    func issuedSerials(of batch: BatchRecord) throws -> SerialList.Batch {
        let db = self
        let name = "batch \(batch.lot) of \(batch.productID)"
        func fail(_ why: String) -> StoreError { .corrupt("\(name): \(why); run `ocop-trace log verify`") }
        let trust = try db.logTrust()
        let product = try db.fetchAll(LogSubjectQuery.registry(db), [batch.productID]).map(LogEntry.init(row:))
            .first { $0.kind == LogEventKind.productAdded.rawValue }
        guard let product, LogHash.verifyRemembering(product),
              let productValue = try? JSONDecoder().decode(Product.self, from: Data(product.payload.utf8)) else {
            throw fail("its product_added entry is missing or fails its hash check")
        }
        let owner = productValue.producerID
        func checked(_ entry: LogEntry) throws {
            guard LogHash.verifyRemembering(entry) else { throw fail("log entry \(entry.seq) fails its hash check") }
            if let failure = try db.sealFailure(of: entry, trust: trust, producerOf: { $0 == batch.productID ? owner : nil }) {
                throw fail("log entry \(entry.seq) (\(entry.kind)): \(failure.reason)")
            }
        }
        let issued = try db.fetchAll(LogSubjectQuery.subject(db, lotIsNull: false, serialIsNull: true), [batch.productID, batch.lot])
            .map(LogEntry.init(row:)).filter { $0.kind == LogEventKind.batchIssued.rawValue }
        guard issued.count == 1, let head = issued.first else { throw fail("the log has \(issued.count) batch_issued entries for it") }
        try checked(head)
        guard let declared = try? JSONDecoder().decode(LogPayload.BatchIssued.self, from: Data(head.payload.utf8)) else {
            throw fail("log entry \(head.seq) cannot be read")
        }
        var serials: [String] = []
        serials.reserveCapacity(declared.units)
        var previous = head
        while serials.count < declared.units {
            let page = try db.fetchAll("SELECT \(LogEntry.columns) FROM log WHERE seq > ? ORDER BY seq LIMIT 64", [previous.seq])
                .map(LogEntry.init(row:))
            guard !page.isEmpty else { throw fail("the log ends after \(serials.count) of its \(declared.units) units") }
            for entry in page where serials.count < declared.units {
                guard entry.seq == previous.seq + 1, entry.previousHash == previous.hash else {
                    throw fail("log entry \(entry.seq) does not follow entry \(previous.seq) in the hash chain")
                }
                switch LogEventKind(rawValue: entry.kind) {
                case .unitsIssued:
                    try checked(entry)
                    guard let chunk = try? JSONDecoder().decode(LogPayload.UnitsIssued.self, from: Data(entry.payload.utf8)),
                          chunk.product == batch.productID, chunk.lot == batch.lot else {
                        throw fail("log entry \(entry.seq) does not issue units of this batch")
                    }
                    serials += chunk.units.compactMap(\.first)
                case .pinsIssued:
                    try checked(entry)
                default:
                    throw fail("log entry \(entry.seq) (\(entry.kind)) interrupts its units after \(serials.count) of \(declared.units)")
                }
                previous = entry
            }
        }
        guard serials.count == declared.units else { throw fail("its units_issued entries hold \(serials.count) units, not \(declared.units)") }
        let gtin = productValue.gtin.flatMap { try? GTIN($0).gtin14 }
        return SerialList.Batch(product: batch.productID, gtin: gtin, lot: batch.lot, serials: serials)
    }
}

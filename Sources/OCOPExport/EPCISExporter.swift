import Crypto
import Foundation
import OCOPDomain
import OCOPStore
import OCOPFailure

/// Why an export failed.
public enum ExportError: Error, CustomStringConvertible {
    case store(StoreError)
    case invalid(String)

    public var description: String {
        switch self {
        case let .store(error): return error.description
        case let .invalid(message): return "export: \(message)"
        }
    }
}

/// What an export covers, read from a store: batches commissioned and chain events logged after
/// a log seq, optionally of one batch only.
public struct EPCISExportSource: Sendable {
    public struct Commissioning: Sendable {
        public let batch: BatchRecord
        /// When the batch was issued: its log entry's time (UTC).
        public let loggedAt: String
    }

    public let resolver: String
    public let products: [String: Product]
    public let commissionings: [Commissioning]
    public let events: [ChainEventRecord]
    /// Units of every batch an exported event names, in issue order, keyed by `product\u{0}lot`.
    public let units: [String: [UnitRecord]]
    /// The location register, by id (events name places and parties by id).
    public var locations: [String: Location] = [:]
    /// The time of the last exported log entry (or of the log's head when nothing is exported).
    public let creationDate: String
    /// The log's head when the export was read: pass it as `--since` next time.
    public let lastSeq: Int64

    static func key(_ productID: String, _ lot: String) -> String { productID + "\u{0}" + lot }

    /// Reads what an export needs. `batch` limits it to one batch's commissioning and events.
    public static func load(from store: any TraceStore, since: Int64, batch: BatchRecord?) throws(ExportError) -> EPCISExportSource {
        do {
            let head = try store.lastLogEntry()
            let batches = try batch.map { [$0] } ?? store.batches(productID: nil)
            let commissioned = batches.filter { $0.seq > since }
            var commissionings: [Commissioning] = []
            for record in commissioned {
                guard let entry = try store.logEntries(after: record.seq - 1, limit: 1).first, entry.seq == record.seq else {
                    throw ExportError.invalid("the log has no entry \(record.seq) for lot \(record.lot); run `ocop-trace log verify`")
                }
                commissionings.append(Commissioning(batch: record, loggedAt: entry.time))
            }
            var events = try store.chainEvents(after: since)
            if let batch { events = events.filter { $0.event.productID == batch.productID && $0.event.lot == batch.lot } }

            var units: [String: [UnitRecord]] = [:]
            var products: [String: Product] = [:]
            let named = commissioned.map { ($0.productID, $0.lot) } + events.map { ($0.event.productID, $0.event.lot) }
            for (productID, lot) in named where units[key(productID, lot)] == nil {
                units[key(productID, lot)] = try store.units(productID: productID, lot: lot)
                if products[productID] == nil {
                    guard let product = try store.product(id: productID) else {
                        throw ExportError.invalid("product \(productID) of lot \(lot) is not in the store; run `ocop-trace reindex`")
                    }
                    products[productID] = product
                }
            }
            let lastExported = max(commissioned.map(\.seq).max() ?? 0, events.map(\.seq).max() ?? 0)
            var creationDate = head?.time ?? ""
            if lastExported > 0, let entry = try store.logEntries(after: lastExported - 1, limit: 1).first {
                creationDate = entry.time
            }
            var source = EPCISExportSource(resolver: store.settings.resolver, products: products, commissionings: commissionings,
                                           events: events, units: units, creationDate: creationDate, lastSeq: head?.seq ?? 0)
            source.locations = Dictionary(try store.locations().map { ($0.id, $0) }, uniquingKeysWith: { $1 })
            return source
        } catch let error as ExportError {
            throw error
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .invalid(String(describing: error))
        }
    }
}

/// Maps store records to an EPCIS 2.0 JSON-LD `EPCISDocument` of ObjectEvents.
///
/// - A `commissioning` ObjectEvent (action ADD, disposition `active`) per batch issued, with its
///   units in `epcList` and ILMD `cbvmda:lotNumber`, `cbvmda:productionDate`,
///   `cbvmda:itemExpirationDate`; its time is the issuing log entry's.
/// - An OBSERVE ObjectEvent per chain event: CBV bizStep and disposition as bare words (a recall
///   is disposition `recalled`), the batch's units (batch events) or the unit (unit events) in
///   `epcList`, the event's own time and offset.
/// - Units are GS1 Digital Link URIs in canonical form: without the `?s=` signature.
/// - A place of the location register (`ocop:locationID`) is its GLN as a Digital Link, or
///   `https://<resolver>/location/<id>`; a free-text place is a URI derived from the text,
///   `https://<resolver>/loc/<16 hex of SHA-256 of the normalised text>`. It is the `readPoint`
///   (and `bizLocation` unless the goods are leaving); the text rides in `ocop:location`.
/// - Handover parties ride in `ocop:from` and `ocop:to` (a place's URI as above, or
///   `https://<resolver>/party/<producer|actor>/<id>`).
/// - `eventID` is the EPCIS event hash; `creationDate` the time of the last exported log entry,
///   so the same store always exports the same bytes.
public enum EPCISExporter {
    /// GS1's JSON-LD context of EPCIS 2.0.0 (the versioned URL GS1's own examples use).
    public static let epcisContext = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
    /// The namespace of this tool's extension fields (`ocop:location`, `ocop:note`, `ocop:seq`, …).
    public static let namespace = "https://id.example.vn/ocop-trace/"
    public static let prefix = "ocop"
    /// Vietnam: every event this tool commissions is dated in this offset.
    public static let vietnamOffset = "+07:00"

    /// Steps after which the goods are on their way, so they have no business location.
    static let leavingSteps: Set<BusinessStep> = [.shipping, .departing, .transporting, .loading]

    /// `includePrivate`: also the notes, suppliers and prices marked private (for the chain's parties).
    public static func document(_ source: EPCISExportSource, includePrivate: Bool = false) throws(ExportError) -> JSONValue {
        let context: JSONValue = .array([.string(epcisContext), .object([(prefix, .string(namespace))])])
        var entries: [(Int64, JSONValue)] = []
        var uriCache: [String: [JSONValue]] = [:]
        for commissioning in source.commissionings {
            let units = try unitURIs(source, productID: commissioning.batch.productID, lot: commissioning.batch.lot, cache: &uriCache)
            entries.append((commissioning.batch.seq, try commissioningEvent(commissioning, units: units)))
        }
        for record in source.events {
            let event = record.event
            let units: [JSONValue]
            if let serial = event.serial {
                guard let product = source.products[event.productID] else { throw .invalid("product \(event.productID) is missing") }
                units = [.string(try unitURI(source.resolver, product: product, lot: event.lot, serial: serial))]
            } else {
                units = try unitURIs(source, productID: event.productID, lot: event.lot, cache: &uriCache)
            }
            entries.append((record.seq, try chainEvent(record, units: units, resolver: source.resolver, locations: source.locations,
                                                                includePrivate: includePrivate)))
        }
        entries.sort { $0.0 < $1.0 }

        let hashContext = EPCISEventHash.Context(document: .object([("@context", context)]), events: [])
        var events: [JSONValue] = []
        for (_, event) in entries { events.append(try withEventID(event, documentContext: context, namespaces: hashContext)) }

        return .object([
            ("@context", context),
            ("type", .string("EPCISDocument")),
            ("schemaVersion", .string("2.0")),
            ("creationDate", .string(source.creationDate)),
            ("\(prefix):lastSeq", .int(source.lastSeq)),
            ("epcisBody", .object([("eventList", .array(events))])),
        ])
    }

    // MARK: Events

    static func commissioningEvent(_ commissioning: EPCISExportSource.Commissioning, units: [JSONValue]) throws(ExportError) -> JSONValue {
        let batch = commissioning.batch
        var ilmd: [(String, JSONValue)] = [("cbvmda:lotNumber", .string(batch.lot))]
        if let produced = batch.produced { ilmd.append(("cbvmda:productionDate", .string(produced.description))) }
        if let expires = batch.expires { ilmd.append(("cbvmda:itemExpirationDate", .string(expires.description))) }
        return .object([
            ("type", .string("ObjectEvent")),
            ("eventTime", .string(try vietnamTime(commissioning.loggedAt))),
            ("eventTimeZoneOffset", .string(vietnamOffset)),
            ("epcList", .array(units)),
            ("action", .string("ADD")),
            ("bizStep", .string(BusinessStep.commissioning.rawValue)),
            ("disposition", .string(Disposition.active.rawValue)),
            ("ilmd", .object(ilmd)),
            ("\(prefix):product", .string(batch.productID)),
            ("\(prefix):seq", .int(batch.seq)),
        ])
    }

    static func chainEvent(_ record: ChainEventRecord, units: [JSONValue], resolver: String, locations: [String: Location] = [:],
                           includePrivate: Bool = false) throws(ExportError) -> JSONValue {
        let event = record.event
        var members: [(String, JSONValue)] = [
            ("type", .string("ObjectEvent")),
            ("eventTime", .string(event.at.text)),
            ("eventTimeZoneOffset", .string(offset(of: event.at.text))),
            ("epcList", .array(units)),
            ("action", .string("OBSERVE")),
            ("bizStep", .string(event.step.rawValue)),
        ]
        if let disposition = event.disposition { members.append(("disposition", .string(disposition.rawValue))) }
        let place = event.locationID.flatMap { locations[$0] }
        if let uri = place.map({ placeURI($0, resolver: resolver) }) ?? event.location.map({ locationURI($0, resolver: resolver) }) {
            let id = JSONValue.object([("id", .string(uri))])
            members.append(("readPoint", id))
            if !leavingSteps.contains(event.step) { members.append(("bizLocation", id)) }
        }
        members.append(("\(prefix):product", .string(event.productID)))
        if let location = event.location { members.append(("\(prefix):location", .string(location))) }
        if let id = event.locationID { members.append(("\(prefix):locationID", .string(id))) }
        // The parties of a handover ride as extensions: EPCIS's sourceList/destinationList would
        // suit them, but the event hash of those lists has no reference vectors to check against.
        if let from = event.from { members.append(("\(prefix):from", .string(partyURI(from, locations: locations, resolver: resolver)))) }
        if let to = event.to { members.append(("\(prefix):to", .string(partyURI(to, locations: locations, resolver: resolver)))) }
        if !event.isPrivate || includePrivate {
            if let note = event.note { members.append(("\(prefix):note", .string(note))) }
            if let supplier = event.supplier { members.append(("\(prefix):supplier", .string(supplier))) }
            if let price = event.price { members.append(("\(prefix):price", .string(price))) }
            if event.isPrivate { members.append(("\(prefix):private", .bool(true))) }
        }
        members.append(("\(prefix):seq", .int(record.seq)))
        return .object(members)
    }

    /// Puts `eventID` (the event hash) right after `type`. Each event is hashed on its own, in the
    /// export's `@context`, so its ID does not depend on which other events share the document.
    static func withEventID(_ event: JSONValue, documentContext: JSONValue, namespaces: EPCISEventHash.Context) throws(ExportError) -> JSONValue {
        guard case var .object(members) = event else { return event }
        let single = JSONValue.object([("@context", documentContext), ("epcisBody", .object([("eventList", .array([event]))]))])
        let preHash: String
        do {
            preHash = try EPCISEventHash.preHashes(document: single)[0]
        } catch {
            throw .invalid(error.description)
        }
        members.insert(("eventID", .string(EPCISEventHash.hash(preHash: preHash))), at: 1)
        return .object(members)
    }

    // MARK: Values

    static func unitURIs(_ source: EPCISExportSource, productID: String, lot: String,
                         cache: inout [String: [JSONValue]]) throws(ExportError) -> [JSONValue] {
        let key = EPCISExportSource.key(productID, lot)
        if let cached = cache[key] { return cached }
        guard let product = source.products[productID] else { throw .invalid("product \(productID) is missing") }
        var uris: [JSONValue] = []
        for unit in source.units[key] ?? [] {
            uris.append(.string(try unitURI(source.resolver, product: product, lot: lot, serial: unit.serial)))
        }
        cache[key] = uris
        return uris
    }

    /// The unit's GS1 Digital Link URI in canonical form (no signature).
    static func unitURI(_ resolver: String, product: Product, lot: String, serial: String) throws(ExportError) -> String {
        do {
            return try DigitalLink.unit(host: resolver, key: DigitalLink.Key(product: product), lot: lot,
                                        serial: Serial(parsing: serial)).canonical
        } catch {
            throw .invalid("unit \(serial) of lot \(lot): \(error.description)")
        }
    }

    /// A registered place: its GLN as a GS1 Digital Link (`https://id.gs1.org/414/<gln>`), else
    /// `https://<resolver>/location/<id>`.
    public static func placeURI(_ location: Location, resolver: String) -> String {
        location.gln.map { "https://id.gs1.org/414/\($0.digits)" } ?? "https://\(resolver)/location/\(location.id)"
    }

    /// A party of a handover: a place as `placeURI`, a producer or an actor as
    /// `https://<resolver>/party/<kind>/<id>`.
    static func partyURI(_ party: PartyRef, locations: [String: Location], resolver: String) -> String {
        if party.kind == .location, let place = locations[party.id] { return placeURI(place, resolver: resolver) }
        return "https://\(resolver)/party/\(party.kind.rawValue)/\(party.id)"
    }

    /// `https://<resolver>/loc/<hex>`: the first 16 hex digits of SHA-256 over the location text
    /// in Unicode NFC, lower-cased, with runs of white space as one space and none at the ends,
    /// so spellings that differ only in case or spacing name one place.
    public static func locationURI(_ text: String, resolver: String) -> String {
        let normalised = text.precomposedStringWithCanonicalMapping.lowercased()
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let digest = SHA256.hash(data: Array(normalised.utf8))
        return "https://\(resolver)/loc/" + digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// `+07:00` from `2026-11-23T08:30:00+07:00`; `+00:00` for a time in `Z`.
    static func offset(of time: String) -> String {
        time.hasSuffix("Z") ? "+00:00" : String(time.suffix(6))
    }

    /// A log time (UTC, milliseconds) written in Vietnam's offset, milliseconds kept.
    static func vietnamTime(_ utc: String) throws(ExportError) -> String {
        let reader = ISO8601DateFormatter()
        reader.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = reader.date(from: utc) else { throw .invalid("log time '\(utc)' is not ISO 8601 with milliseconds") }
        let writer = ISO8601DateFormatter()
        writer.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        writer.timeZone = TimeZone(secondsFromGMT: EventTime.vietnamOffsetSeconds)
        return writer.string(from: date)
    }
}

extension ExportError: ReportableError {
    public var exitCode: Int32 {
        switch self {
        case let .store(error): return error.exitCode
        case .invalid: return OCOPExit.data
        }
    }
}

import Foundation
import OCOPDomain
import OCOPStore

/// `scans report`: per unit, how its code was scanned and whether it was sold; units that look
/// copied first. A genuine label is scanned by a few phones before its sale; a copied one by many,
/// or after the original was sold.
public struct ScanReport: Sendable, Encodable {
    public struct Line: Sendable, Encodable {
        public let serial: String
        public let shortCode: String
        public let product: String
        public let lot: String
        public let scans: Int
        public let distinctClients: Int
        public let firstScan: String?
        public let lastScan: String?
        public let sold: Bool
        public let soldAt: String?
        /// The scratch-off PIN was checked right (a `pin_claimed` entry), and when first.
        public let pinClaimed: Bool
        public let pinClaimedAt: String?
        /// Clients that checked the right PIN after the first: a copy's buyers.
        public let pinReuses: Int
        /// Why the unit looks copied, in words; empty when it does not.
        public let signals: [String]

        enum CodingKeys: String, CodingKey {
            case serial, product, lot, scans, sold, signals
            case pinClaimed = "pin_claimed"
            case pinClaimedAt = "pin_claimed_at"
            case pinReuses = "pin_reuses"
            case shortCode = "short_code"
            case distinctClients = "distinct_clients"
            case firstScan = "first_scan"
            case lastScan = "last_scan"
            case soldAt = "sold_at"
        }
    }

    public let clientThreshold: Int
    public let units: [Line]

    enum CodingKeys: String, CodingKey {
        case units
        case clientThreshold = "client_threshold"
    }

    /// `clients`: scanned from this many distinct clients or more looks copied (the resolver's
    /// `--scan-warning`, 5 by default).
    public static func make(store: any TraceStore, lot: String?, product: String?, clients: Int) throws(StoreError) -> ScanReport {
        let batch = try lot.map { lot throws(StoreError) in try BatchLookup.find(lot: lot, product: product, in: store) }
        // Read from the log's signed entries; each serial's claims in log order.
        let claims = Dictionary(grouping: try store.pinClaims(productID: batch?.productID, lot: batch?.lot), by: \.claim.serial)
        let lines = try store.scanStatistics(productID: batch?.productID, lot: batch?.lot).map { unit in
            let unitClaims = claims[unit.serial] ?? []
            var signals: [String] = []
            if unitClaims.count > 1 { signals.append("PIN reused by \(unitClaims.count - 1) more client\(unitClaims.count > 2 ? "s" : "")") }
            if unit.summary.distinctClients >= clients { signals.append("scanned from \(unit.summary.distinctClients) clients") }
            if let soldAt = unit.soldAt, let last = unit.summary.last, Self.date(last) > Self.date(soldAt) {
                signals.append("scanned after its sale")
            }
            return Line(serial: unit.serial, shortCode: CodeBook.displayShortCode(unit.shortCode), product: unit.productID, lot: unit.lot,
                        scans: unit.summary.scans, distinctClients: unit.summary.distinctClients, firstScan: unit.summary.first,
                        lastScan: unit.summary.last, sold: unit.soldAt != nil, soldAt: unit.soldAt,
                        pinClaimed: !unitClaims.isEmpty, pinClaimedAt: unitClaims.first?.time, pinReuses: max(0, unitClaims.count - 1),
                        signals: signals)
        }
        let ordered = lines.sorted { a, b in
            (a.signals.count, a.distinctClients, a.scans, b.serial) > (b.signals.count, b.distinctClients, b.scans, a.serial)
        }
        return ScanReport(clientThreshold: clients, units: ordered)
    }

    /// Scan times are the log's (UTC, with milliseconds), sales the event's own (with an offset).
    static func date(_ text: String) -> Date {
        (try? EventTime(parsing: text, now: Date()))?.date ?? .distantPast
    }
}

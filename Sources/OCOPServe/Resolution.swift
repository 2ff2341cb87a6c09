import OCOPDomain
import OCOPKit
import OCOPStore

/// What the resolver found for one request: a verdict for a unit code, or the product or batch
/// behind a product or batch code. Holds only what a label shows or a consumer may see: no
/// producer or internal product ids (unless the code itself carries one), no actors, no log
/// sequence numbers or hashes, and never another unit's events.
struct Resolution: Sendable {
    struct ProductFacts: Sendable {
        let name: String
        let gtin: String?
        /// Only for `/p/` codes, where the id is part of the printed URI.
        let publicID: String?
        let group: ProductGroup
    }
    struct ProducerFacts: Sendable {
        let name: String
        let kind: EntityKind
        /// Today's address ("xã Đại Phước, tỉnh Vĩnh Long") and province.
        let address: String, province: String
        /// The address before 1 July 2025, when the producer gave one.
        let formerAddress: String?

        init(_ producer: Producer) {
            name = producer.name
            kind = producer.kind
            address = producer.address
            province = producer.province
            formerAddress = producer.formerAddress?.line
        }
    }
    struct RatingFacts: Sendable {
        let stars: Int?
        let decisionNumber: String
        let decisionDate: CalendarDate
        let validUntil: CalendarDate?
        let status: RatingStatus
        let starsPrinted: Int?
        let level: DecidingLevel?
    }
    /// The batch's recall that still stands: when, and the reason given to the public.
    struct RecallFacts: Sendable {
        let at: EventTime
        let reason: String?
    }
    struct BatchFacts: Sendable {
        let lot: String
        let produced: CalendarDate?
        let expires: CalendarDate?
    }
    struct EventFacts: Sendable {
        let step: BusinessStep
        let disposition: Disposition?
        let at: EventTime
        let location: String?
        /// Shown for recalls only: the reason the producer gave the public.
        let note: String?
    }

    /// The canonical code asked about (without signature): the linkset's anchor.
    var anchor: String
    /// The code as asked about, signature included.
    var requested: String
    var level: DigitalLink.Level
    var verdict: Verdict?
    /// What the verdict rests on: a signed code's signature, or for a compact code (no
    /// signature) the issuer's log; a short code is looked up in the log.
    var codeKind: CodeKind?
    /// The one sentence behind the verdict (for the JSON linkset).
    var reason: String?
    /// For a mistyped short code: the input as typed, for the person to correct.
    var mistypedInput: String?
    var product: ProductFacts?
    var producer: ProducerFacts?
    var rating: RatingFacts?
    var batch: BatchFacts?
    var serial: String?
    var shortCode: String?
    var events: [EventFacts] = []
    /// The unit's digital product passport (Decree 37/2026), when its facts are shown.
    var passport: DigitalPassport?
    var scans: ScanSummary?
    var scanWarning = false
    /// The unit has a scratch-off PIN: the page offers "Nhập mã PIN / Enter PIN".
    var hasPin = false
    /// What a PIN sent with the form showed (`POST /pin`).
    var pin: PinOutcome?
    var recall: RecallFacts?
    /// Links to the product and batch pages on this resolver.
    var productURI: String?
    var batchURI: String?
    /// The other resources of this resolver about the code (`ResolverLinks`): the product's OCOP
    /// certificate, the batch's recall status, the unit's trace; nil when the verdict hides facts.
    var certificateURI: String?
    var recallURI: String?
    var traceURI: String?
    /// The producer's own pages by GS1 link type (`product set --link`).
    var externalLinks: [String: String] = [:]
    /// From the product's details (`product set`): its photo (SHA-256, served at `/image/…`), the
    /// producer's phone for buyers, and where it is made.
    var imageSHA256: String?
    var phone: String?
    var place: PlaceFacts?

    struct PlaceFacts: Sendable {
        let name: String
        let address: String
        let geo: GeoPoint?
    }
}

enum FactGathering {
    /// Fills a unit page from the facts its verdict rests on (read from the hash-checked log by
    /// the verification), never from the derived tables.
    static func fill(_ resolution: inout Resolution, facts: UnitFacts, keyIsProductID: Bool, today: CalendarDate) {
        let product = facts.product
        resolution.product = .init(name: product.name, gtin: product.gtin, publicID: keyIsProductID ? product.id : nil,
                                   group: product.group)
        if let producer = facts.producer {
            resolution.producer = .init(producer)
        }
        resolution.batch = .init(lot: facts.batch.lot, produced: facts.batch.produced, expires: facts.batch.expires)
        resolution.events = facts.events.map { record in
            let event = record.event
            return .init(step: event.step, disposition: event.disposition, at: event.at, location: event.location,
                         note: event.isRecall || event.liftsRecall ? event.publicNote : nil)
        }
        resolution.rating = facts.ratings.last.map { rating(of: $0, printedStars: facts.printedRating?.stars, today: today) }
        resolution.recall = standingRecall(facts.events)
    }

    static func rating(of current: RatingRecord, printedStars: Int?, today: CalendarDate) -> Resolution.RatingFacts {
        .init(stars: current.action == .rate ? current.stars : nil, decisionNumber: current.decisionNumber,
              decisionDate: current.decisionDate, validUntil: current.validUntil,
              status: current.status(on: today), starsPrinted: printedStars, level: current.level)
    }

    static func standingRecall(_ events: [ChainEventRecord]) -> Resolution.RecallFacts? {
        VerdictRules.standingRecall(events.map { .init(seq: $0.seq, event: $0.event) })
            .map { .init(at: $0.event.at, reason: $0.event.publicNote) }
    }

    /// Fills product, producer, rating, batch and events from the store.
    static func fill(_ resolution: inout Resolution, store: any TraceStore, product: Product, lot: String?,
                     serial: String?, keyIsProductID: Bool, today: CalendarDate) throws(StoreError) {
        resolution.product = .init(name: product.name, gtin: product.gtin, publicID: keyIsProductID ? product.id : nil,
                                   group: product.group)
        if let producer = try store.producer(id: product.producerID) {
            resolution.producer = .init(producer)
        }
        let ratings = try store.ratings(productID: product.id)
        var printedStars: Int?
        if let lot, let batch = try store.batch(productID: product.id, lot: lot) {
            resolution.batch = .init(lot: batch.lot, produced: batch.produced, expires: batch.expires)
            printedStars = batch.ratingSeq.flatMap { seq in ratings.first { $0.seq == seq } }?.stars
            let history = try store.history(productID: product.id, lot: lot, serial: serial)
            resolution.events = history.map { record in
                let event = record.event
                return .init(step: event.step, disposition: event.disposition, at: event.at, location: event.location,
                             note: event.isRecall ? event.publicNote : nil)
            }
            resolution.recall = standingRecall(history)
        }
        resolution.rating = ratings.last.map { rating(of: $0, printedStars: printedStars, today: today) }
    }
}

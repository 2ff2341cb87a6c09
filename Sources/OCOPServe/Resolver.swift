import Foundation
import OCOPDomain
import OCOPKit
import OCOPStore

/// Turns a request path into a `Resolution`: unit codes get a verdict through `VerifyCode` (the
/// URI checked is the store's resolver host followed by the path and query as received, so a
/// signature binds the host); product and batch codes get their facts without a verdict.
public final class Resolver: Sendable {
    enum Outcome: Sendable {
        case resolved(Resolution)
        /// Looks like a Digital Link but breaks its rules.
        case invalid(DomainError)
        /// Not a path this resolver serves, or a product or batch it does not know.
        case notFound
    }

    let store: any TraceStore
    /// The application's verification, the same one `verify` runs; it re-reads the keys from
    /// the log on every check, so a rotation made while serving is seen at once.
    let verify: VerifyCode
    let configuration: ResolverConfiguration
    /// Scans to log go through the limiter into the queue; `ScanWriter` writes them.
    let scanLimiter: ScanLimiter
    let scanQueue: ScanQueue

    /// Query parameters that steer the resolver itself; they are not part of the code.
    static let resolverParameters: Set<String> = ["lang", "linkType"]

    /// Longest query accepted: a signed code needs about 100 bytes.
    static let maxQueryBytes = 512

    public convenience init(store: any TraceStore, configuration: ResolverConfiguration) throws(StoreError) {
        try self.init(store: store, configuration: configuration,
                      scanLimiter: ScanLimiter(interval: configuration.scanInterval, perCode: configuration.scansPerCodePerHour),
                      scanQueue: ScanQueue(capacity: configuration.scanQueueCapacity))
    }

    init(store: any TraceStore, configuration: ResolverConfiguration, scanLimiter: ScanLimiter,
         scanQueue: ScanQueue) throws(StoreError) {
        self.store = store
        self.configuration = configuration
        self.scanLimiter = scanLimiter
        self.scanQueue = scanQueue
        verify = VerifyCode(store: store)
    }

    public var resolverHost: String { store.settings.resolver }

    /// Paths that are Digital Links by shape: a GS1 key or the `/p/` form.
    static func looksLikeCode(_ path: String) -> Bool {
        path.hasPrefix("/01/") || path.hasPrefix("/p/") || path.contains("/01/")
    }

    /// The query without the resolver's own parameters, every other byte kept in order.
    static func codeQuery(_ query: String?) -> String? {
        guard let query, !query.isEmpty else { return nil }
        let kept = query.split(separator: "&", omittingEmptySubsequences: false).filter { item in
            let name = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return !resolverParameters.contains(name)
        }
        return kept.isEmpty ? nil : kept.joined(separator: "&")
    }

    func resolve(path: String, query: String?, client: String?) throws(StoreError) -> Outcome {
        try ReadMemo.sharingOneMark { () throws(StoreError) -> Outcome in try resolveOnce(path: path, query: query, client: client) }
    }

    private func resolveOnce(path: String, query: String?, client: String?) throws(StoreError) -> Outcome {
        guard Self.looksLikeCode(path), path.utf8.count <= 512 else { return .notFound }
        guard (query?.utf8.count ?? 0) <= Self.maxQueryBytes else {
            return .invalid(DomainError(field: "query", rule: "longer than \(Self.maxQueryBytes) bytes"))
        }
        let text = "https://" + resolverHost + path + (Self.codeQuery(query).map { "?" + $0 } ?? "")
        let link: DigitalLink
        do {
            link = try DigitalLink(parsing: text)
        } catch {
            return .invalid(error)
        }
        return try store.readingTogether { () throws(StoreError) -> Outcome in
            try resolveParsed(link, text: text, client: client)
        }
    }

    /// A parsed code's page, its reads in one transaction.
    private func resolveParsed(_ link: DigitalLink, text: String, client: String?) throws(StoreError) -> Outcome {
        let today = configuration.today()
        if link.level == .unit, let serial = link.serial, let sessions = store as? any SessionTraceStore {
            // Errors surface from the page's own reads below.
            if case let .gtin(gtin) = link.key { try? sessions.warmUnitPage(gtin: gtin.gtin14, serial: serial) }
            else { try? sessions.warmUnitPage(gtin: nil, serial: serial) }
        }
        var resolution = Resolution(anchor: link.unsigned.canonical, requested: text, level: link.level)
        if let product = try productFor(link) {
            resolution.productURI = try? productLink(product)
            if let lot = link.lot { resolution.batchURI = try? batchLink(product, lot: lot) }
        }

        if link.level == .unit {
            let report = try verify(text, on: today)
            resolution = try unitResolution(report, base: resolution, client: client, today: today)
            return .resolved(resolution)
        }

        guard let product = try productFor(link) else { return .notFound }
        if let lot = link.lot, try store.batch(productID: product.id, lot: lot) == nil { return .notFound }
        try FactGathering.fill(&resolution, store: store, product: product, lot: link.lot, serial: nil,
                               keyIsProductID: product.gtin == nil, today: today)
        let details = try store.productDetails(productID: product.id)
        attachResources(&resolution, details: details)
        try attachDetails(&resolution, details: details)
        return .resolved(resolution)
    }

    /// The verdict, and the unit's facts when the verdict lets them be trusted.
    func unitResolution(_ report: VerificationReport, base: Resolution, client: String?,
                        today: CalendarDate) throws(StoreError) -> Resolution {
        var resolution = base
        resolution.verdict = report.verdict
        resolution.codeKind = report.codeKind
        resolution.reason = report.reason
        if report.verdict == .mistyped { resolution.mistypedInput = report.input }
        guard report.verdict.showsFacts, let facts = report.facts else {
            resolution.productURI = nil
            resolution.batchURI = nil
            return resolution
        }
        let unit = facts.unit, product = facts.product
        resolution.serial = unit.serial
        resolution.shortCode = CodeBook.displayShortCode(unit.shortCode)
        resolution.hasPin = facts.hasPin
        resolution.pin = report.pin
        resolution.productURI = try? productLink(product)
        resolution.batchURI = try? batchLink(product, lot: facts.batch.lot)
        FactGathering.fill(&resolution, facts: facts, keyIsProductID: product.gtin == nil, today: today)
        let details = try store.productDetails(productID: product.id)
        attachResources(&resolution, details: details)
        try attachDetails(&resolution, details: details)
        resolution.passport = try? DigitalPassport.of(unit: facts, details: details, host: resolverHost,
                                                      trace: resolution.traceURI, on: today).forPublic
        if let client { recordScan(serial: unit.serial, client: client) }
        // The store's figures, then the scans they do not hold yet (this one included): the queue
        // is read after the store, and knows each logged scan's seq before its commit.
        // Waiting scans count as new clients (a scan the interval rule will skip: an overcount).
        let stored = try store.scanSummary(serial: unit.serial)
        let pending = scanQueue.pending(serial: unit.serial, after: stored.lastSeq)
        let summary = ScanSummary(scans: stored.scans + pending, distinctClients: stored.distinctClients + pending,
                                  first: stored.first, last: stored.last)
        resolution.scans = summary
        resolution.scanWarning = summary.distinctClients >= configuration.scanWarningThreshold
        return resolution
    }

    /// The other resources of this resolver about a code whose facts are shown: its product's
    /// certificate, its batch's recall status, a unit's trace (each at `/<resource><code path>`),
    /// and the producer's own pages.
    private func attachResources(_ resolution: inout Resolution, details: ProductDetails?) {
        func path(_ uri: String?) -> String? { uri.map { String($0.dropFirst("https://".count + resolverHost.count)) } }
        let root = "https://" + resolverHost
        if resolution.rating != nil, let product = path(resolution.productURI) { resolution.certificateURI = root + ResolverResource.certificate.prefix + product }
        if let batch = path(resolution.batchURI) { resolution.recallURI = root + ResolverResource.recallStatus.prefix + batch }
        if resolution.level == .unit, resolution.serial != nil, let unit = path(resolution.requested) {
            resolution.traceURI = root + ResolverResource.trace.prefix + unit
        }
        resolution.externalLinks = details?.links ?? [:]
    }

    /// What a shopper looks for beside the verdict: the product's photo, the producer's phone and
    /// where the product is made (one more read, only when the details name a place).
    private func attachDetails(_ resolution: inout Resolution, details: ProductDetails?) throws(StoreError) {
        resolution.imageSHA256 = details?.image?.sha256
        resolution.phone = details?.phone
        if let id = details?.locationID, let place = try store.location(id: id) {
            resolution.place = .init(name: place.name, address: place.address, geo: place.geo)
        }
    }

    private func productFor(_ link: DigitalLink) throws(StoreError) -> Product? {
        switch link.key {
        case let .gtin(gtin): return try store.product(gtin: gtin.gtin14)
        case let .productID(id):
            guard let product = try store.product(id: id.text), product.gtin == nil else { return nil }
            return product
        }
    }

    private func productLink(_ product: Product) throws(DomainError) -> String {
        try TraceCodes.product(product, host: resolverHost)
    }

    private func batchLink(_ product: Product, lot: String) throws(DomainError) -> String {
        try TraceCodes.item(product, lot: lot, serial: nil, host: resolverHost)
    }

    /// Queues the scan for logging when the limiter lets it through; the page never waits for
    /// the write (the store applies the interval rule again when `ScanWriter` writes).
    private func recordScan(serial: String, client: String) {
        guard scanLimiter.admit(serial: serial, client: client) else { return }
        scanQueue.offer(ScanRequest(serial: serial, client: client))
    }

    /// Checks a scanned or typed code for `/verify`: a URI (judged as written, host included)
    /// or a short code. Scans from `/verify` are not counted: shop staff check many labels.
    func verify(text raw: String) throws(StoreError) -> Resolution {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let input = CodeInput(text: text)
        let today = configuration.today()
        return try ReadMemo.sharingOneMark { () throws(StoreError) -> Resolution in try present(try verify(input, on: today), input: text) }
    }

    /// A verdict reached elsewhere (a sale) for the code as typed or scanned, as `verify(text:)`
    /// shows it; no scan is counted.
    func present(_ report: VerificationReport, input text: String) throws(StoreError) -> Resolution {
        var base = Resolution(anchor: text, requested: text, level: .unit)
        if case let .link(link) = CodeInput(text: text) {
            base.anchor = link.unsigned.canonical
            base.level = link.level
        }
        return try unitResolution(report, base: base, client: nil, today: configuration.today())
    }
}

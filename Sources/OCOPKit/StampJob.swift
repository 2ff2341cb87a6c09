import Foundation
import OCOPDomain
import OCOPLabel
import OCOPRender
import OCOPStore

/// Renders a product's OCOP star stamp set (a 300 dpi PNG and a vector PDF) for the rating in
/// force, and records in the log which rating the stamps show.
public struct StampJob: Sendable {
    public let store: any TraceStore
    public let library: TemplateLibrary
    public let layout: OutputLayout
    public var template = "ocop-star-stamp-30"

    public init(store: any TraceStore, library: TemplateLibrary, layout: OutputLayout) {
        self.store = store
        self.library = library
        self.layout = layout
    }

    /// Renders the files for `rating` and returns the record to log (not yet logged).
    public func render(productID: String, rating: RatingRecord) throws(KitError) -> StampRecord {
        guard rating.action == .rate, let stars = rating.stars else {
            throw .invalid(DomainError(field: "rating", rule: "product '\(productID)' has no rating in force; the OCOP stamp may be printed only while the certificate is valid"))
        }
        let inputs = LabelInputs(store: store)
        let data = try inputs.stamp(productID: productID, rating: rating)
        let (product, _) = try inputs.productAndProducer(productID)
        let loaded = try wrap { () throws(LabelError) in try library.label(named: template) }
        let renderer = try wrap { () throws(LabelError) in try LabelRenderer(loaded) }
        let folder = layout.stamps(producer: product.producerID, product: product.id)
        try OutputLayout.createFolder(folder)
        let base = "\(product.id)-\(stars)star-\(rating.decisionDate)"
        let png = try wrap { () throws(LabelError) in try renderer.png(data) }
        let pdf = try wrap { () throws(LabelError) in try renderer.pdf(data) }
        var files: [StampRecord.StampFile] = []
        for (name, bytes) in [("\(base).png", png), ("\(base).pdf", pdf)] {
            let path = folder + "/" + name
            do throws(RenderError) { try AtomicFile.write(bytes, to: path) } catch { throw .output(error) }
            files.append(.init(path: path, sha256: Manifest.sha256(bytes)))
        }
        return StampRecord(productID: productID, action: .rendered, ratingSeq: rating.seq, stars: stars,
                           validUntil: rating.validUntil, files: files, reason: nil)
    }

    /// `stamp render --product P`: the set for the rating in force today, logged.
    public func renderCurrent(productID: String, on day: CalendarDate, actor: LogAuthor) throws(KitError) -> StampRecord {
        _ = try LabelInputs(store: store).productAndProducer(productID)
        let current: RatingRecord?
        do { current = try store.ratings(productID: productID).last } catch { throw .store(error) }
        guard let current, current.status(on: day).allowsStamp else {
            let status = current.map { $0.status(on: day).description } ?? "never rated"
            throw .invalid(DomainError(field: "rating", rule: "product '\(productID)' has no rating in force (\(status)); the OCOP stamp may be printed only while the certificate is valid"))
        }
        let record = try render(productID: productID, rating: current)
        do { _ = try store.recordStamps([record], actor: actor) } catch { throw .store(error) }
        return record
    }
}

/// After a re-rating round: new stamps for every changed rating, a withdrawal list for every
/// lapsed one, nothing else. Files first, then one log transaction for all records.
public struct RestampJob: Sendable {
    public let stamps: StampJob

    public init(stamps: StampJob) {
        self.stamps = stamps
    }

    public func plan(on day: CalendarDate) throws(KitError) -> RestampPlan {
        do {
            let store = stamps.store
            let products = try store.products(producerID: nil)
            var ratings: [String: [RatingRecord]] = [:]
            for product in products { ratings[product.id] = try store.ratings(productID: product.id) }
            return RestampPlan.make(products: products, ratings: ratings, stamps: try store.stamps(), on: day,
                                    since: try store.lastRestampRun()?.day)
        } catch {
            throw .store(error)
        }
    }

    public func run(_ plan: RestampPlan, actor: LogAuthor) throws(KitError) -> [StampRecord] {
        var records: [StampRecord] = []
        for item in plan.render {
            records.append(try stamps.render(productID: item.productID, rating: item.rating))
        }
        for item in plan.withdraw {
            records.append(StampRecord(productID: item.productID, action: .withdrawn, ratingSeq: item.stamped.ratingSeq,
                                       stars: item.stamped.stars, validUntil: item.stamped.validUntil, files: [],
                                       reason: item.reason))
        }
        // The run itself is logged too, so the next run lists only what ended since.
        do {
            _ = try stamps.store.recordRestamp(records, run: RestampRun(day: plan.day, outside: plan.withdrawOutside.map(\.productID)),
                                               actor: actor)
        } catch {
            throw .store(error)
        }
        return records
    }
}

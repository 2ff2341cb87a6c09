import OCOPDomain

/// What one label shows: plain values the caller gathers (from the store, a CSV, a test), with no
/// storage types. Templates reach them by field name (`product.name`, `lot`, `unit_uri`, …; the full
/// list is `LabelField.all`).
///
/// `unit` holds the only values that change from one unit of a batch to the next; everything
/// else is the same for a whole batch, which is what lets `PreparedLabel` draw it once.
public struct LabelData: Sendable, Equatable {
    public struct Product: Sendable, Equatable {
        public var id: String
        public var name: String
        public var gtin: String?
        /// The product group as it should read on the label (e.g. "Thực phẩm").
        public var group: String?

        public init(id: String, name: String, gtin: String? = nil, group: String? = nil) {
            self.id = id
            self.name = name
            self.gtin = gtin
            self.group = group
        }
    }

    public struct Producer: Sendable, Equatable {
        public var name: String
        public var address: String

        public init(name: String, address: String) {
            self.name = name
            self.address = address
        }
    }

    /// The OCOP rating a stamp shows.
    public struct RatingInfo: Sendable, Equatable {
        public var stars: Int
        public var validUntil: CalendarDate
        /// The year of the recognition decision ("OCOP 2026").
        public var year: Int
        public var decisionNumber: String

        public init(stars: Int, validUntil: CalendarDate, year: Int, decisionNumber: String) {
            self.stars = stars
            self.validUntil = validUntil
            self.year = year
            self.decisionNumber = decisionNumber
        }

        public init(_ rating: Rating) {
            self.init(stars: rating.stars.rawValue, validUntil: rating.validUntil, year: rating.decisionDate.year,
                      decisionNumber: rating.decisionNumber.text)
        }
    }

    /// The values of one unit of a batch.
    public struct Unit: Sendable, Equatable, Hashable {
        public var serial: String
        /// As printed under the code, e.g. `7Q2K-9XW3-M`.
        public var shortCode: String
        /// The signed unit URI the QR code carries.
        public var uri: String
        /// The scratch-off PIN, from the codes file of `batch issue --pins`.
        public var pin: String?

        public init(serial: String, shortCode: String, uri: String, pin: String? = nil) {
            self.serial = serial
            self.shortCode = shortCode
            self.uri = uri
            self.pin = pin
        }
    }

    public var product: Product
    public var producer: Producer
    public var lot: String?
    public var produced: CalendarDate?
    public var expires: CalendarDate?
    public var rating: RatingInfo?
    /// The product's own code (`https://…/01/{gtin14}`), e.g. for a stamp.
    public var productURI: String?
    public var batchURI: String?
    public var unit: Unit?

    public init(
        product: Product, producer: Producer, lot: String? = nil, produced: CalendarDate? = nil,
        expires: CalendarDate? = nil, rating: RatingInfo? = nil, productURI: String? = nil,
        batchURI: String? = nil, unit: Unit? = nil
    ) {
        self.product = product
        self.producer = producer
        self.lot = lot
        self.produced = produced
        self.expires = expires
        self.rating = rating
        self.productURI = productURI
        self.batchURI = batchURI
        self.unit = unit
    }

    /// The same data for another unit of the batch.
    public func with(unit: Unit?) -> LabelData {
        var copy = self
        copy.unit = unit
        return copy
    }

    /// Everything but the unit: equal for every label of one batch.
    public var batchPart: LabelData { with(unit: nil) }
}

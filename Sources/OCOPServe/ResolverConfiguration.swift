import Foundation
import Logging
import OCOPDomain

/// How a resolver runs: where its templates are, what counts as an unusual number of scanners,
/// how long requests may take and how big uploads may be.
public struct ResolverConfiguration: Sendable {
    /// The folder holding the Mustache templates and `style.css` (`Templates/web`).
    public var templatesFolder: String
    /// A unit code resolved from at least this many distinct clients gets a copied-label warning.
    public var scanWarningThreshold: Int
    /// At most one logged scan per code and client within this many seconds.
    public var scanInterval: Double
    /// Secret mixed into client fingerprints, so a fingerprint cannot be turned back into an address.
    public var fingerprintSalt: [UInt8]
    /// Largest accepted `/verify` upload, in bytes (a 12 MP phone photo is 3-8 MB).
    public var maxUploadBytes: Int
    /// Largest decoded image, in pixels: against decompression bombs (a small file that claims
    /// a huge size); photos are then shrunk to `LabelImage.decodeLongSide` before decoding.
    public var maxImagePixels: Int
    /// A request that takes longer is answered 503.
    public var requestTimeout: Duration
    /// Read the client's address from `X-Forwarded-For` (behind a reverse proxy only): the
    /// right-most hop that is not loopback or one of `trustedProxies`.
    public var trustForwardedFor: Bool
    /// Addresses of further proxies in front of the resolver, skipped in `X-Forwarded-For`.
    public var trustedProxies: Set<String> = []
    /// Scans waiting to be logged at most; beyond, scans are dropped (counted, logged).
    public var scanQueueCapacity: Int = 10_000
    /// How often queued scans are written (one transaction each time).
    public var scanFlushPeriod: Duration = .milliseconds(200)
    /// Logged scans per code and hour at most, whatever the number of clients.
    public var scansPerCodePerHour: Int = 30
    /// Short-code look-ups on `/verify` per client and minute (after a burst of `shortCodeBurst`).
    public var shortCodesPerMinute: Int = 10
    public var shortCodeBurst: Int = 10
    /// Fake reports per client: a burst of `fakeReportBurst`, then `fakeReportsPerHour` an hour
    /// (each is a signed log entry: a flood must not fill the log).
    public var fakeReportsPerHour: Int = 6
    public var fakeReportBurst: Int = 3
    /// Wrong scratch-off PINs one client may send for one unit in a day (Vietnam's), then 429:
    /// 5 tries a day against 10^8 PINs make guessing hopeless.
    public var wrongPinsPerDay: Int = 5
    /// Write-API requests per device token and minute (after a burst of `apiRequestBurst`).
    public var apiRequestsPerTokenPerMinute: Int = 1_200
    public var apiRequestBurst: Int = 200
    /// Uploads waiting for the image decoder at most; beyond, `/verify` answers 429.
    public var imageQueueCapacity: Int = 2
    /// Requests waiting for a store thread at most; beyond, pages answer 503 at once.
    public var storeQueueCapacity: Int = 256
    /// The store's engine, for `/healthz` (`sqlite` or `postgresql`).
    public var engine: String = "sqlite"
    /// One line per request (method, route, status, duration, verdict, client fingerprint).
    public var accessLog = Logger(label: "ocop-trace.access")
    /// The day ratings are judged on (default: today in Vietnam).
    public var today: @Sendable () -> CalendarDate

    public init(
        templatesFolder: String,
        scanWarningThreshold: Int = 5,
        scanInterval: Double = 600,
        fingerprintSalt: [UInt8],
        maxUploadBytes: Int = 15 * 1024 * 1024,
        maxImagePixels: Int = 40_000_000,
        requestTimeout: Duration = .seconds(10),
        trustForwardedFor: Bool = false,
        today: @escaping @Sendable () -> CalendarDate = ResolverConfiguration.todayInVietnam
    ) {
        self.templatesFolder = templatesFolder
        self.scanWarningThreshold = scanWarningThreshold
        self.scanInterval = scanInterval
        self.fingerprintSalt = fingerprintSalt
        self.maxUploadBytes = maxUploadBytes
        self.maxImagePixels = maxImagePixels
        self.requestTimeout = requestTimeout
        self.trustForwardedFor = trustForwardedFor
        self.today = today
    }

    /// The calendar day in Vietnam (UTC+7), where OCOP certificates run.
    public static let todayInVietnam: @Sendable () -> CalendarDate = {
        let seconds = Int(Date().timeIntervalSince1970) + EventTime.vietnamOffsetSeconds
        return CalendarDate(dayNumber: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }
}

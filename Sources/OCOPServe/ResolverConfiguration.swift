import Foundation
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
    /// Largest accepted `/verify` upload, in bytes.
    public var maxUploadBytes: Int
    /// Largest decoded image, in pixels.
    public var maxImagePixels: Int
    /// A request that takes longer is answered 503.
    public var requestTimeout: Duration
    /// Read the client's address from the first `X-Forwarded-For` entry (behind a reverse proxy only).
    public var trustForwardedFor: Bool
    /// The day ratings are judged on (default: today in Vietnam).
    public var today: @Sendable () -> CalendarDate

    public init(
        templatesFolder: String,
        scanWarningThreshold: Int = 5,
        scanInterval: Double = 600,
        fingerprintSalt: [UInt8],
        maxUploadBytes: Int = 5 * 1024 * 1024,
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

/// What a small label's QR code carries for a unit (`"unit_code": "compact"`): the unit's signed
/// URI without its `?s=` signature, scheme and host in upper case. Written here by hand, not with
/// the code under test, so tests compare against an independent expectation.
public enum CompactCodes {
    /// The canonical lower-case form a browser sends: the URI up to its query.
    public static func canonical(_ signedURI: String) -> String {
        String(signedURI.prefix { $0 != "?" })
    }

    /// The label's form: `HTTPS://ID.EXAMPLE.VN/01/…/21/SERIAL`, the path as it is.
    public static func label(_ signedURI: String) -> String {
        let unsigned = canonical(signedURI)
        guard let schemeEnd = unsigned.range(of: "://") else { return unsigned }
        let pathStart = unsigned[schemeEnd.upperBound...].firstIndex(of: "/") ?? unsigned.endIndex
        return unsigned[..<pathStart].uppercased() + unsigned[pathStart...]
    }
}

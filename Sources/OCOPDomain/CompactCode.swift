/// The compact unit code of small labels: the unit's GS1 Digital Link without the `?s=`
/// signature, its scheme and host in upper case.
///
/// `https://id.example.vn/01/09528400000020/10/KD-2026-11/21/DWWHM8WC2DSA0?s=…` (159 bytes, a
/// version 8 QR code at level M) becomes
/// `HTTPS://ID.EXAMPLE.VN/01/09528400000020/10/KD-2026-11/21/DWWHM8WC2DSA0` (70 characters).
/// Scheme and host are case-insensitive (RFC 3986 sections 3.1 and 3.2.2; GS1's parsers accept an
/// all-upper-case scheme), so writing them in upper case changes nothing a phone or resolver
/// reads, but it lets the QR encoder put the whole code in alphanumeric mode (5.5 bits a character
/// instead of 8) whenever the path is upper case too: the GTIN is digits, the serial Crockford
/// base-32, percent-escapes use upper-case hex. A lot with lower-case letters stays as it is and
/// costs a byte-mode segment. The path is never re-cased: lot and serial are exact.
///
/// Without a signature a compact code is only as good as the log behind it: it is genuine only when
/// a hash-checked, signed `units_issued` entry of the issuer issued its serial for its GTIN and lot
/// (online), or when the issuer's signed serial list names it (`SerialList`, offline).
public enum CompactCode {
    /// The text the label's QR code carries for `link` (signature, if any, left off).
    public static func text(_ link: DigitalLink) -> String {
        let canonical = link.unsigned.canonical
        let rest = canonical.dropFirst("https://".count + link.host.utf8.count)
        return "HTTPS://" + link.host.uppercased() + rest
    }

    /// Whether `text` is `link` written as a compact code is issued: the label's upper-case form or
    /// the canonical lower-case form a browser sends. Any other spelling (a parameter added, an
    /// escape changed, `http`) is not a code this system issued.
    public static func isIssuedSpelling(_ text: String, of link: DigitalLink) -> Bool {
        guard link.signature == nil else { return false }
        return text == link.canonical || text == Self.text(link)
    }

    /// Why `link` is not a compact unit code of the issuer at `host`, or nil when it is one: a unit
    /// code names the issuer's resolver and carries nothing but key, lot and serial.
    public static func problem(_ link: DigitalLink, issuerHost host: String) -> String? {
        if link.host != host {
            return "a compact code names its issuer's resolver \(host); this one names \(link.host)"
        }
        if !link.pathStem.isEmpty || link.variant != nil || !link.attributes.isEmpty || link.lot == nil {
            return "the code is not written the way this system issues codes"
        }
        return nil
    }
}

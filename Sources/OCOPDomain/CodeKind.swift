/// Which kind of code a verdict was reached for, and so what the verdict rests on.
///
/// A label carries one of the two unit codes its template asks for (`unit_code` in
/// `Templates/README.md`): the signed URI, or the compact one for small labels. The short code
/// printed under the QR code is typed by hand.
public enum CodeKind: String, Sendable, Codable, CaseIterable {
    /// The unit's GS1 Digital Link with the issuer's Ed25519 signature (`?s=…`): an invented or
    /// altered code fails the signature check, online or offline.
    case signed
    /// The same Digital Link without the signature (`CompactCode`), half the QR code's modules:
    /// it is genuine only when the issuer's signed, hash-chained log issued its serial.
    case compact
    /// The 9-character code under the QR code, typed by hand and looked up in the log.
    case shortCode = "short_code"

    /// What the code's verdict rests on, for people: `verify` and the resolver's page.
    public var vietnamese: String {
        switch self {
        case .signed: return "Mã có chữ ký số: đã kiểm tra chữ ký của đơn vị cấp mã"
        case .compact: return "Mã rút gọn (không có chữ ký): đối chiếu với sổ nhật ký của đơn vị cấp mã"
        case .shortCode: return "Mã ngắn: tra trong sổ nhật ký của đơn vị cấp mã"
        }
    }

    public var english: String {
        switch self {
        case .signed: return "Signed code: the issuer's signature was checked"
        case .compact: return "Compact code (no signature): checked against the issuer's log"
        case .shortCode: return "Short code: looked up in the issuer's log"
        }
    }

    /// One line for the terminal.
    public var line: String { "\(vietnamese) / \(english)" }

    /// What an offline check (no store) rested on: the issuer's public keys, or for a compact
    /// code its signed serial list.
    public var offlineLine: String {
        switch self {
        case .signed: return "Mã có chữ ký số: đã kiểm tra chữ ký (ngoại tuyến) / Signed code: signature checked offline"
        case .compact:
            return "Mã rút gọn (không có chữ ký): đối chiếu với danh sách mã đã cấp có chữ ký của đơn vị cấp mã (ngoại tuyến) "
                + "/ Compact code (no signature): checked against the issuer's signed serial list (offline)"
        case .shortCode: return line
        }
    }
}

/// What the shop's verification tells the staff member holding the product.
///
/// When several apply, the first in `VerdictRules.precedence` wins (MISTYPED, FORGED, UNKNOWN,
/// TAMPERED, RECALLED, PIN_REUSED, ALREADY_SOLD, RATING_LAPSED, GENUINE): a forged code says nothing true
/// about recalls or sales.
public enum Verdict: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// Signature valid, code issued, not recalled, not sold before, rating in force.
    case genuine = "GENUINE"
    /// Offline check only: the signature is valid; sales and recalls were not consulted.
    case genuineSignature = "GENUINE_SIGNATURE"
    /// Offline check of a compact code (no signature): the issuer's signed serial list names its
    /// serial for its product and lot; sales and recalls were not consulted.
    case genuineListed = "GENUINE_LISTED"
    /// The signature is missing or does not match the code.
    case forged = "FORGED"
    /// Well signed or not, the code was never issued by this system (for a compact code or a short
    /// code: no signed `units_issued` entry of the log issued it).
    case unknown = "UNKNOWN"
    /// The batch or unit is recalled (disposition `recalled`).
    case recalled = "RECALLED"
    /// This serial was sold before (disposition `retail_sold`): the label was copied or reused.
    case alreadySold = "ALREADY_SOLD"
    /// The product's OCOP certificate has expired or been withdrawn; the star stamp must come off.
    case ratingLapsed = "RATING_LAPSED"
    /// The code is signed and known, but the store's record of it fails its hash check: someone
    /// edited the log behind the tool's back, so nothing it says about the unit can be trusted.
    case tampered = "TAMPERED"
    /// A typed short code whose check character does not match: a typing slip, not a forgery.
    /// The person at the till should look at the label again and retype it.
    case mistyped = "MISTYPED"
    /// The scratch-off PIN is the unit's but was already used: someone checked this unit's
    /// PIN before, so the label in hand is possibly a copy.
    case pinReused = "PIN_REUSED"

    /// The process exit code, distinct per verdict so scripts can branch on it.
    public var exitCode: Int32 {
        switch self {
        case .genuine, .genuineSignature, .genuineListed: return 0
        case .forged: return 10
        case .unknown: return 11
        case .recalled: return 12
        case .alreadySold: return 13
        case .ratingLapsed: return 14
        case .tampered: return 15
        case .mistyped: return 16
        case .pinReused: return 17
        }
    }

    public var vietnamese: String {
        switch self {
        case .genuine: return "CHÍNH HÃNG"
        case .genuineSignature: return "CHỮ KÝ HỢP LỆ — chưa đối chiếu dữ liệu bán hàng"
        case .genuineListed: return "CÓ TRONG DANH SÁCH MÃ ĐÃ CẤP — chưa đối chiếu dữ liệu bán hàng"
        case .forged: return "GIẢ MẠO — chữ ký không hợp lệ"
        case .unknown: return "KHÔNG CÓ TRONG HỆ THỐNG — mã chưa từng được cấp"
        case .recalled: return "ĐÃ THU HỒI — không bán sản phẩm này"
        case .alreadySold: return "ĐÃ BÁN — mã này đã được bán trước đó"
        case .ratingLapsed: return "HẾT HIỆU LỰC OCOP — gỡ tem sao OCOP"
        case .tampered: return "DỮ LIỆU BỊ SỬA — hồ sơ của mã này không khớp chuỗi băm"
        case .mistyped: return "Nhập sai mã — kiểm tra lại"
        case .pinReused: return "MÃ PIN ĐÃ ĐƯỢC XÁC THỰC — có thể là hàng sao chép"
        }
    }

    public var english: String {
        switch self {
        case .genuine: return "GENUINE"
        case .genuineSignature: return "SIGNATURE VALID — sales records not checked (offline)"
        case .genuineListed: return "ON THE ISSUER'S SIGNED LIST — sales records not checked (offline)"
        case .forged: return "FORGED — signature does not match"
        case .unknown: return "UNKNOWN — code was never issued"
        case .recalled: return "RECALLED — do not sell this product"
        case .alreadySold: return "ALREADY SOLD — this serial was sold before"
        case .ratingLapsed: return "OCOP RATING LAPSED — take off the star stamp"
        case .tampered: return "TAMPERED — the store's record of this code fails its hash check"
        case .mistyped: return "Mistyped code — check it and try again"
        case .pinReused: return "PIN ALREADY USED — possibly a copy"
        }
    }

    /// One line for the terminal: `CHÍNH HÃNG / GENUINE`.
    public var line: String { "\(vietnamese) / \(english)" }

    /// The line for a code of `kind`: a compact code has no signature, so its FORGED says what
    /// failed instead (another host, another spelling).
    public func line(for kind: CodeKind?) -> String {
        guard self == .forged, kind == .compact else { return line }
        return "GIẢ MẠO — mã không được viết như hệ thống cấp / FORGED — not written the way this system issues codes"
    }

    public var description: String { rawValue }
}

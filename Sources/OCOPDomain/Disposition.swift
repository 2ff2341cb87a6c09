/// The 33 GS1 CBV 2.0 dispositions, as bare words: the business state of an object after an event.
/// `recalled` marks a recall; `retail_sold` a unit sold to a consumer.
public enum Disposition: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case active
    case available
    case completenessInferred = "completeness_inferred"
    case completenessVerified = "completeness_verified"
    case conformant
    case containerClosed = "container_closed"
    case containerOpen = "container_open"
    case damaged
    case destroyed
    case dispensed
    case disposed
    case encoded
    case expired
    case inProgress = "in_progress"
    case inTransit = "in_transit"
    case inactive
    case mismatchClass = "mismatch_class"
    case mismatchInstance = "mismatch_instance"
    case mismatchQuantity = "mismatch_quantity"
    case needsReplacement = "needs_replacement"
    case noPedigreeMatch = "no_pedigree_match"
    case nonConformant = "non_conformant"
    case nonSellableOther = "non_sellable_other"
    case partiallyDispensed = "partially_dispensed"
    case recalled
    case reserved
    case retailSold = "retail_sold"
    case returned
    case sellableAccessible = "sellable_accessible"
    case sellableNotAccessible = "sellable_not_accessible"
    case stolen
    case unavailable
    case unknown

    /// Reads a bare CBV word; case, spaces and hyphens are forgiven, typos get a suggestion.
    public init(parsing text: String) throws(DomainError) {
        self = try VocabularyParsing.parse(
            text, as: Disposition.self, field: "disposition", urnPrefix: "urn:epcglobal:cbv:disp:", kind: "GS1 CBV 2.0 disposition"
        )
    }

    /// A short Vietnamese label for consumer pages and shop staff.
    public var vietnameseName: String {
        switch self {
        case .active: return "đang lưu hành"
        case .available: return "sẵn sàng sử dụng lại"
        case .completenessInferred: return "suy ra đủ kiện"
        case .completenessVerified: return "đã kiểm đủ kiện"
        case .conformant: return "đạt"
        case .containerClosed: return "đã niêm phong"
        case .containerOpen: return "đã mở niêm phong"
        case .damaged: return "hư hỏng"
        case .destroyed: return "đã tiêu hủy"
        case .dispensed: return "đã cấp phát"
        case .disposed: return "đã thải bỏ"
        case .encoded: return "đã ghi mã"
        case .expired: return "hết hạn"
        case .inProgress: return "đang xử lý"
        case .inTransit: return "đang vận chuyển"
        case .inactive: return "chưa lưu hành"
        case .mismatchClass: return "sai loại hàng"
        case .mismatchInstance: return "sai mã đơn vị"
        case .mismatchQuantity: return "sai số lượng"
        case .needsReplacement: return "cần thay thế"
        case .noPedigreeMatch: return "không khớp hồ sơ nguồn gốc"
        case .nonConformant: return "không đạt"
        case .nonSellableOther: return "không được bán"
        case .partiallyDispensed: return "đã cấp phát một phần"
        case .recalled: return "bị thu hồi"
        case .reserved: return "đã đặt giữ"
        case .retailSold: return "đã bán"
        case .returned: return "bị trả lại"
        case .sellableAccessible: return "đang bày bán"
        case .sellableNotAccessible: return "còn trong kho, được bán"
        case .stolen: return "bị mất cắp"
        case .unavailable: return "tạm ngừng sử dụng"
        case .unknown: return "không rõ"
        }
    }

    public var description: String { rawValue }
}

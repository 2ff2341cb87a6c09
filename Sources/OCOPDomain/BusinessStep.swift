/// The 41 GS1 CBV 2.0 business steps, as the bare words EPCIS 2.0 JSON writes.
///
/// A recall is not a step: record it with the disposition `recalled` (see `Disposition`).
public enum BusinessStep: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case accepting
    case arriving
    case assembling
    case collecting
    case commissioning
    case consigning
    case creatingClassInstance = "creating_class_instance"
    case cycleCounting = "cycle_counting"
    case decommissioning
    case departing
    case destroying
    case disassembling
    case dispensing
    case encoding
    case enteringExiting = "entering_exiting"
    case holding
    case inspecting
    case installing
    case killing
    case loading
    case other
    case packing
    case picking
    case receiving
    case removing
    case repackaging
    case repairing
    case replacing
    case reserving
    case retailSelling = "retail_selling"
    case sampling
    case sensorReporting = "sensor_reporting"
    case shipping
    case stagingOutbound = "staging_outbound"
    case stockTaking = "stock_taking"
    case stocking
    case storing
    case transporting
    case unloading
    case unpacking
    case voidShipping = "void_shipping"

    /// Reads a bare CBV word; case, spaces and hyphens are forgiven, typos get a suggestion.
    public init(parsing text: String) throws(DomainError) {
        self = try VocabularyParsing.parse(
            text, as: BusinessStep.self, field: "step", urnPrefix: "urn:epcglobal:cbv:bizstep:", kind: "GS1 CBV 2.0 business step"
        )
    }

    /// A short Vietnamese label for consumer pages and shop staff.
    public var vietnameseName: String {
        switch self {
        case .accepting: return "tiếp nhận"
        case .arriving: return "đến nơi"
        case .assembling: return "lắp ráp"
        case .collecting: return "thu gom"
        case .commissioning: return "tạo mã lô/sản phẩm"
        case .consigning: return "ký gửi"
        case .creatingClassInstance: return "tạo mã đơn vị từ mã lớp"
        case .cycleCounting: return "kiểm đếm định kỳ"
        case .decommissioning: return "ngừng sử dụng mã"
        case .departing: return "rời đi"
        case .destroying: return "tiêu hủy"
        case .disassembling: return "tháo rời"
        case .dispensing: return "cấp phát"
        case .encoding: return "ghi mã"
        case .enteringExiting: return "ra/vào"
        case .holding: return "tạm giữ"
        case .inspecting: return "kiểm tra"
        case .installing: return "lắp đặt"
        case .killing: return "vô hiệu hóa thẻ"
        case .loading: return "xếp hàng lên phương tiện"
        case .other: return "khác"
        case .packing: return "đóng gói"
        case .picking: return "lấy hàng"
        case .receiving: return "nhận hàng"
        case .removing: return "tháo ra"
        case .repackaging: return "đóng gói lại"
        case .repairing: return "sửa chữa"
        case .replacing: return "thay thế"
        case .reserving: return "đặt giữ"
        case .retailSelling: return "bán lẻ"
        case .sampling: return "lấy mẫu"
        case .sensorReporting: return "ghi nhận cảm biến"
        case .shipping: return "xuất hàng"
        case .stagingOutbound: return "tập kết chờ xuất"
        case .stockTaking: return "kiểm kê"
        case .stocking: return "bày lên kệ"
        case .storing: return "lưu kho"
        case .transporting: return "vận chuyển"
        case .unloading: return "dỡ hàng"
        case .unpacking: return "mở gói"
        case .voidShipping: return "hủy xuất hàng"
        }
    }

    /// Steps where goods change hands, which name their parties (`--from`, `--to`).
    public static let handovers: Set<BusinessStep> = [.shipping, .receiving, .departing, .arriving, .accepting]
    public var isHandover: Bool { Self.handovers.contains(self) }

    public var description: String { rawValue }
}

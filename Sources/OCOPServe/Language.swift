import OCOPDomain

/// The page's language: Vietnamese unless `?lang=en` or the browser's `Accept-Language` prefers English.
public enum Language: String, Sendable, CaseIterable {
    case vi, en

    /// `?lang=` wins; otherwise the highest-weighted of vi and en in `Accept-Language`; else Vietnamese.
    static func choose(query: String?, acceptLanguage: String?) -> Language {
        if let query, let chosen = Language(rawValue: query.lowercased()) { return chosen }
        guard let header = acceptLanguage else { return .vi }
        var best: (Language, Double)?
        for (position, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased() else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = Language(rawValue: primary) else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            // Earlier entries win ties, as browsers list preferences in order.
            let score = weight - Double(position) * 1e-6
            if weight > 0, score > (best?.1 ?? -1) { best = (language, score) }
        }
        return best?.0 ?? .vi
    }

    var other: Language { self == .vi ? .en : .vi }
    var name: String { self == .vi ? "Tiếng Việt" : "English" }
}

/// Every word the pages print, in both languages.
enum Texts {
    static func table(_ language: Language) -> [String: String] {
        language == .vi ? vietnamese : english
    }

    static let vietnamese: [String: String] = [
        "tagline": "Truy xuất nguồn gốc sản phẩm OCOP",
        "product": "Sản phẩm", "producer": "Cơ sở sản xuất", "rating": "Xếp hạng OCOP", "batch": "Lô hàng",
        "timeline": "Hành trình sản phẩm", "gtin": "Mã GTIN", "group": "Nhóm", "kind": "Loại hình",
        "passport": "Hộ chiếu số sản phẩm", "brand": "Nhãn hiệu", "model": "Kiểu, mẫu", "origin": "Xuất xứ (công đoạn hoàn thiện cuối)",
        "standards": "Tiêu chuẩn áp dụng", "shelfLife": "Hạn sử dụng", "shelfLifeDays": "%d ngày", "warnings": "Cảnh báo an toàn",
        "identifier": "Mã định danh", "producerID": "Mã số thuế / mã cơ sở", "address": "Địa chỉ", "formerAddress": "Địa chỉ trước 1/7/2025", "commune": "Xã/phường", "district": "Huyện", "province": "Tỉnh",
        "stars": "Hạng sao", "decision": "Quyết định", "decisionDate": "Ngày quyết định", "validUntil": "Hiệu lực đến",
        "status": "Tình trạng", "lot": "Số lô", "produced": "Ngày sản xuất", "expires": "Hạn sử dụng",
        "serial": "Số sê-ri", "shortCode": "Mã rút gọn", "noEvents": "Chưa có sự kiện nào được ghi.",
        "noRating": "Sản phẩm chưa được xếp hạng OCOP.", "starsPrinted": "Số sao in trên tem",
        "scans": "Lượt quét", "verifyTitle": "Kiểm tra nhãn (dành cho cửa hàng)",
        "verifyIntro": "Tải lên ảnh chụp hoặc tệp JPEG, PNG hoặc HEIC của nhãn có mã QR, hoặc nhập mã rút gọn in dưới mã QR.",
        "uploadLabel": "Ảnh nhãn (JPEG, PNG hoặc HEIC, tối đa 15 MB)", "codeLabel": "Hoặc mã rút gọn / đường dẫn",
        "submit": "Kiểm tra", "openPage": "Xem trang sản phẩm đầy đủ", "notFoundTitle": "Không tìm thấy trang",
        "noSuchLinkType": "Mã này không có liên kết loại đã yêu cầu", "phone": "Điện thoại", "madeAt": "Nơi sản xuất",
        "openMap": "Mở bản đồ", "level": "Cấp công nhận",
        "report": "Báo hàng giả", "reportIntro": "Nghi ngờ sản phẩm này là hàng giả? Gửi cho cơ quan quản lý OCOP của tỉnh (không cần tên hay số điện thoại).",
        "reportNote": "Ghi chú (không bắt buộc, tối đa 500 ký tự): nơi mua, giá, điều bất thường", "reportSend": "Gửi báo cáo",
        "pinHeading": "Nhập mã PIN", "pinIntro": "Cào lớp bạc trên nhãn và nhập 8 chữ số bên dưới. Lần xác thực đầu tiên chứng minh nhãn là nhãn thật.",
        "pinLabel": "Mã PIN (8 chữ số)", "pinSend": "Xác thực", "pinWrong": "Mã PIN không đúng. Kiểm tra lại 8 chữ số dưới lớp bạc.",
        "pinTooMany": "Đã nhập sai mã PIN quá nhiều lần hôm nay; hãy thử lại vào ngày mai.",
        "pinNotIssued": "Sản phẩm này không có mã PIN.",
        "reportThanks": "Cảm ơn bạn — báo cáo đã được ghi nhận", "reportThanksBody": "Cơ quan quản lý OCOP của tỉnh sẽ xem xét. Mã số báo cáo: %d.",
        "reportTooMany": "Bạn đã gửi nhiều báo cáo; hãy thử lại sau.", "certificate": "Giấy chứng nhận sản phẩm OCOP",
        "certificateInactive": "Giấy chứng nhận OCOP này không còn hiệu lực (đã hết hạn hoặc bị thu hồi)",
        "notFoundBody": "Địa chỉ này không phải là mã của hệ thống. Hãy quét lại mã QR trên nhãn sản phẩm, hoặc kiểm tra mã tại trang kiểm tra.",
        "invalidTitle": "Mã không hợp lệ", "invalidBody": "Đường dẫn này không đúng định dạng mã GS1 Digital Link do hệ thống cấp.",
        "why": "Chi tiết", "goVerify": "Trang kiểm tra mã", "home": "Trang chủ",
        "homeBody": "Quét mã QR trên sản phẩm OCOP để xem nguồn gốc, hạng sao và hành trình của sản phẩm.",
        "footer": "Chương trình Mỗi xã một sản phẩm (OCOP). Trang này không dùng cookie hay JavaScript.",
        "productPage": "Thông tin sản phẩm", "productPageNote": "Đây là mã của sản phẩm hoặc lô hàng, không phải của một đơn vị sản phẩm: không có kết luận thật/giả.",
        "scanWarning": "Cảnh báo: mã này đã được quét từ %d thiết bị khác nhau. Tem có thể đã bị sao chép — hãy kiểm tra kỹ hoặc báo cho cửa hàng.",
        "scanCount": "%d lượt quét từ %d thiết bị",
        "tooLarge": "Tệp quá lớn (tối đa 15 MB).", "noQR": "Không đọc được mã QR trong ảnh. Hãy chụp lại gần hơn, đủ sáng và không bị lóa.",
        "badImage": "Tệp không phải ảnh JPEG, PNG hoặc HEIC đọc được.", "nothingSent": "Hãy chọn ảnh nhãn hoặc nhập mã.",
        "otherResolver": "Mã QR này trỏ tới một địa chỉ khác, không phải hệ thống này.",
        "decoded": "Mã đọc được", "timeout": "Yêu cầu mất quá nhiều thời gian. Hãy thử lại.",
        "serverError": "Lỗi máy chủ. Hãy thử lại sau.", "methodNotAllowed": "Phương thức không được hỗ trợ.",
        "storeDown": "Tạm thời không kết nối được cơ sở dữ liệu", "storeDownBody": "Hệ thống không kiểm tra được mã lúc này. Mã không bị coi là giả — hãy thử lại sau ít phút.",
        "busy": "Máy chủ đang bận. Hãy thử lại sau giây lát.", "tooMany": "Quá nhiều yêu cầu. Hãy đợi một phút rồi thử lại.",
        "shopTitle": "Quầy bán hàng", "shopIntro": "Quét hoặc nhập mã trên nhãn, rồi bấm Bán hoặc Nhận hàng. Thiết bị của:",
        "shopCodeLabel": "Mã rút gọn hoặc đường dẫn (dán từ máy quét)", "shopPhotoLabel": "Hoặc ảnh chụp nhãn",
        "shopSell": "Bán / Sell", "shopReceive": "Nhận hàng / Receive",
        "shopSold": "Đã ghi nhận bán. Đơn vị này từ nay là «Đã bán».", "shopNotSold": "Không bán được: xem kết luận ở trên. Không có gì được ghi.",
        "shopReceived": "Đã ghi nhận nhận hàng.", "shopNotReceived": "Không nhận hàng: mã này không được xác nhận. Không có gì được ghi.",
        "shopCSRF": "Biểu mẫu đã hết hạn. Hãy tải lại trang và thử lại.", "shopNoAction": "Hãy bấm Bán hoặc Nhận hàng.",
        "shopNotEnrolled": "Thiết bị này chưa được đăng ký",
        "shopNotEnrolledBody": "Hãy xin đường dẫn đăng ký thiết bị (ocop-trace token issue --link) từ cơ sở sản xuất hoặc sở quản lý OCOP, rồi mở nó trên thiết bị này.",
        "shopEnrolTitle": "Đăng ký thiết bị cho quầy bán hàng", "shopEnrolBody": "Thiết bị này sẽ ghi bán và nhận hàng thay mặt:",
        "shopEnrolButton": "Đăng ký thiết bị này", "shopLinkRefused": "Đường dẫn đăng ký không dùng được",
        "shopFooter": "Trang dành cho nhân viên cửa hàng. Trang dùng một cookie để nhận ra thiết bị đã đăng ký; không dùng JavaScript.",
    ]

    static let english: [String: String] = [
        "tagline": "OCOP product traceability",
        "product": "Product", "producer": "Producer", "rating": "OCOP rating", "batch": "Batch",
        "timeline": "Product journey", "gtin": "GTIN", "group": "Group", "kind": "Kind",
        "passport": "Digital product passport", "brand": "Brand", "model": "Model", "origin": "Origin (last finishing stage)",
        "standards": "Standards applied", "shelfLife": "Shelf life", "shelfLifeDays": "%d days", "warnings": "Safety warnings",
        "identifier": "Identifier", "producerID": "Producer tax or register id", "address": "Address", "formerAddress": "Address before 1 July 2025", "commune": "Commune", "district": "District", "province": "Province",
        "stars": "Stars", "decision": "Decision", "decisionDate": "Decision date", "validUntil": "Valid until",
        "status": "Status", "lot": "Lot", "produced": "Produced", "expires": "Best before",
        "serial": "Serial", "shortCode": "Short code", "noEvents": "No events recorded yet.",
        "noRating": "This product has no OCOP rating.", "starsPrinted": "Stars printed on the label",
        "scans": "Scans", "verifyTitle": "Check a label (for shops)",
        "verifyIntro": "Upload a photo or a JPEG, PNG or HEIC file of a label with its QR code, or type the short code printed under the QR.",
        "uploadLabel": "Label image (JPEG, PNG or HEIC, up to 15 MB)", "codeLabel": "Or a short code / link",
        "submit": "Check", "openPage": "Open the full product page", "notFoundTitle": "Page not found",
        "noSuchLinkType": "This code has no link of the type asked for", "phone": "Phone", "madeAt": "Made at",
        "openMap": "Open in maps", "level": "Recognised by",
        "report": "Report a fake", "reportIntro": "Do you suspect this product is a fake? Tell the province's OCOP office (no name or phone needed).",
        "reportNote": "Note (optional, at most 500 characters): where you bought it, the price, what looks wrong", "reportSend": "Send the report",
        "pinHeading": "Enter PIN", "pinIntro": "Scratch the silver layer on the label and enter the 8 digits under it. The first check proves the label is the original.",
        "pinLabel": "PIN (8 digits)", "pinSend": "Check", "pinWrong": "Wrong PIN. Check the 8 digits under the silver layer.",
        "pinTooMany": "Too many wrong PINs today; try again tomorrow.",
        "pinNotIssued": "This unit has no PIN.",
        "reportThanks": "Thank you — your report was recorded", "reportThanksBody": "The province's OCOP office will look into it. Report number: %d.",
        "reportTooMany": "You have sent many reports; try again later.", "certificate": "OCOP product certificate",
        "certificateInactive": "This OCOP certificate is no longer in force (lapsed or withdrawn)",
        "notFoundBody": "This address is not a code of this system. Scan the QR code on the product label again, or check a code on the verification page.",
        "invalidTitle": "Invalid code", "invalidBody": "This path is not a GS1 Digital Link as this system issues them.",
        "why": "Details", "goVerify": "Code check page", "home": "Home",
        "homeBody": "Scan the QR code on an OCOP product to see its origin, star rating and journey.",
        "footer": "One Commune One Product (OCOP) programme. This page uses no cookies and no JavaScript.",
        "productPage": "Product information", "productPageNote": "This is the code of a product or a batch, not of one unit: there is no genuine/forged verdict.",
        "scanWarning": "Warning: this code has been scanned from %d different devices. The label may have been copied — check the product carefully or tell the shop.",
        "scanCount": "%d scans from %d devices",
        "tooLarge": "The file is too large (15 MB at most).", "noQR": "No QR code could be read in the image. Take the photo closer, well lit and without glare.",
        "badImage": "The file is not a readable JPEG, PNG or HEIC image.", "nothingSent": "Choose a label image or type a code.",
        "otherResolver": "This QR code points to another address, not to this system.",
        "decoded": "Code read", "timeout": "The request took too long. Please try again.",
        "serverError": "Server error. Please try again later.", "methodNotAllowed": "Method not allowed.",
        "storeDown": "The database cannot be reached right now", "storeDownBody": "The code cannot be checked at the moment. This does not mean it is forged — please try again in a few minutes.",
        "busy": "The server is busy. Please try again in a moment.", "tooMany": "Too many requests. Wait a minute and try again.",
        "shopTitle": "Shop desk", "shopIntro": "Scan or type the code on the label, then press Sell or Receive. Device of:",
        "shopCodeLabel": "Short code or link (paste from a scanner)", "shopPhotoLabel": "Or a photo of the label",
        "shopSell": "Bán / Sell", "shopReceive": "Nhận hàng / Receive",
        "shopSold": "Sale recorded. This unit now reads «Already sold».", "shopNotSold": "Not sold: see the verdict above. Nothing was written.",
        "shopReceived": "Receipt recorded.", "shopNotReceived": "Not received: this code is not confirmed. Nothing was written.",
        "shopCSRF": "The form has expired. Reload the page and try again.", "shopNoAction": "Press Sell or Receive.",
        "shopNotEnrolled": "This device is not enrolled",
        "shopNotEnrolledBody": "Ask the producer or the OCOP office for a device enrol link (ocop-trace token issue --link) and open it on this device.",
        "shopEnrolTitle": "Enrol a device for the shop desk", "shopEnrolBody": "This device will record sales and receipts on behalf of:",
        "shopEnrolButton": "Enrol this device", "shopLinkRefused": "This enrol link cannot be used",
        "shopFooter": "A page for shop staff. It keeps one cookie to recognise the enrolled device; it uses no JavaScript.",
    ]
}

/// How each verdict is shown: a headline, what it means and what to do, and a colour.
struct VerdictText {
    let headline: String
    let explanation: String
    let advice: String
    let tone: String
    let icon: String

    /// For a compact code (no signature) the explanations that speak of a signature say what was
    /// checked instead: the issuer's log.
    static func of(_ verdict: Verdict, _ language: Language, kind: CodeKind?) -> VerdictText {
        let text = of(verdict, language)
        guard kind == .compact else { return text }
        let explanation: String
        switch (verdict, language) {
        case (.genuine, .vi), (.genuineListed, .vi):
            explanation = "Mã rút gọn này có trong sổ nhật ký của đơn vị cấp mã, đúng sản phẩm và lô; chưa bán, không bị thu hồi và hạng sao còn hiệu lực."
        case (.genuine, .en), (.genuineListed, .en):
            explanation = "This compact code is in the issuer's log for this product and lot; it has not been sold or recalled, and its star rating is in force."
        case (.forged, .vi):
            explanation = "Mã này không được viết như hệ thống cấp mã: nó không trỏ về trang của cơ quan quản lý OCOP, hoặc đã bị sửa."
        case (.forged, .en):
            explanation = "This code is not written the way this system issues codes: it points elsewhere than the OCOP registry's site, or it was altered."
        default:
            return text
        }
        return .init(headline: text.headline, explanation: explanation, advice: text.advice, tone: text.tone, icon: text.icon)
    }

    static func of(_ verdict: Verdict, _ language: Language) -> VerdictText {
        switch (verdict, language) {
        case (.genuine, .vi), (.genuineSignature, .vi), (.genuineListed, .vi):
            return .init(headline: "Hàng thật", explanation: "Mã được cấp cho sản phẩm này, chữ ký hợp lệ, chưa bán, không bị thu hồi và hạng sao còn hiệu lực.",
                         advice: "Bạn có thể yên tâm mua sản phẩm.", tone: "ok", icon: "✓")
        case (.genuine, .en), (.genuineSignature, .en), (.genuineListed, .en):
            return .init(headline: "Genuine", explanation: "The code was issued for this product, its signature is valid, it has not been sold or recalled, and its star rating is in force.",
                         advice: "You can buy this product with confidence.", tone: "ok", icon: "✓")
        case (.forged, .vi):
            return .init(headline: "Hàng giả", explanation: "Chữ ký của mã không hợp lệ: mã này không do cơ quan quản lý OCOP cấp, hoặc đã bị sửa.",
                         advice: "Không mua sản phẩm. Báo cho cửa hàng hoặc cơ quan quản lý thị trường.", tone: "bad", icon: "✗")
        case (.forged, .en):
            return .init(headline: "Forged", explanation: "The code's signature is not valid: it was not issued by the OCOP registry, or it was altered.",
                         advice: "Do not buy. Tell the shop or the market surveillance office.", tone: "bad", icon: "✗")
        case (.unknown, .vi):
            return .init(headline: "Không rõ nguồn gốc", explanation: "Mã này chưa từng được cấp trong hệ thống.",
                         advice: "Không mua sản phẩm. Báo cho cửa hàng hoặc cơ quan quản lý thị trường.", tone: "bad", icon: "?")
        case (.unknown, .en):
            return .init(headline: "Unknown", explanation: "This code was never issued by this system.",
                         advice: "Do not buy. Tell the shop or the market surveillance office.", tone: "bad", icon: "?")
        case (.recalled, .vi):
            return .init(headline: "Đã thu hồi", explanation: "Lô hàng của sản phẩm này đã bị thu hồi.",
                         advice: "Không bán, không sử dụng. Trả sản phẩm về cửa hàng.", tone: "bad", icon: "!")
        case (.recalled, .en):
            return .init(headline: "Recalled", explanation: "This product's batch has been recalled.",
                         advice: "Do not sell or use it. Return it to the shop.", tone: "bad", icon: "!")
        case (.alreadySold, .vi):
            return .init(headline: "Đã bán", explanation: "Mã của đơn vị sản phẩm này đã được bán trước đây. Một lần bán thứ hai nghĩa là nhãn bị sao chép hoặc dùng lại.",
                         advice: "Nếu bạn đang mua ở cửa hàng, hãy hỏi lại người bán.", tone: "warn", icon: "!")
        case (.alreadySold, .en):
            return .init(headline: "Already sold", explanation: "This unit's code was sold before. A second sale means the label was copied or reused.",
                         advice: "If you are buying in a shop, ask the seller.", tone: "warn", icon: "!")
        case (.ratingLapsed, .vi):
            return .init(headline: "Hết hạn sao", explanation: "Hạng sao OCOP in trên nhãn không còn hiệu lực: đã hết hạn, bị thu hồi hoặc đã thay đổi.",
                         advice: "Sản phẩm vẫn do cơ sở sản xuất, nhưng tem sao OCOP phải được gỡ bỏ.", tone: "warn", icon: "★")
        case (.ratingLapsed, .en):
            return .init(headline: "Rating lapsed", explanation: "The OCOP stars printed on the label are no longer valid: expired, withdrawn or changed.",
                         advice: "The product is the producer's, but the OCOP star stamp must come off.", tone: "warn", icon: "★")
        case (.tampered, .vi):
            return .init(headline: "Dữ liệu bị sửa", explanation: "Hồ sơ của mã này trong hệ thống không khớp chuỗi băm: dữ liệu đã bị sửa trái phép.",
                         advice: "Không thể xác nhận sản phẩm. Báo cho cơ quan quản lý OCOP.", tone: "bad", icon: "✗")
        case (.mistyped, .vi):
            return .init(headline: "Nhập sai mã — kiểm tra lại", explanation: "Ký tự kiểm tra của mã ngắn không khớp: có một ký tự gõ nhầm hoặc hai ký tự bị đảo chỗ. Đây là lỗi nhập, không phải hàng giả.",
                         advice: "Xem lại mã in dưới mã QR và nhập lại, hoặc quét mã QR.", tone: "neutral", icon: "?")
        case (.mistyped, .en):
            return .init(headline: "Mistyped code — check it and try again", explanation: "The short code's check character does not match: one character was mistyped or two were swapped. This is a typing slip, not a fake.",
                         advice: "Read the code printed under the QR again and retype it, or scan the QR code.", tone: "neutral", icon: "?")
        case (.pinReused, .vi):
            return .init(headline: "Mã PIN đã được dùng — có thể là hàng sao chép", explanation: "Mã PIN dưới lớp bạc là của sản phẩm này, nhưng đã có người xác thực nó trước đây. Nhãn bạn đang cầm có thể là bản sao của nhãn thật.",
                         advice: "Nếu bạn vừa cào lớp bạc lần đầu, đây là hàng sao chép: báo cho cửa hàng hoặc cơ quan quản lý thị trường.", tone: "bad", icon: "!")
        case (.pinReused, .en):
            return .init(headline: "PIN already used — possibly a copy", explanation: "The PIN under the scratch-off layer is this unit's, but someone checked it before. The label in your hands may be a copy of the real one.",
                         advice: "If you have just scratched the layer for the first time, this is a copy: tell the shop or the market surveillance office.", tone: "bad", icon: "!")
        case (.tampered, .en):
            return .init(headline: "Tampered", explanation: "The system's record of this code fails its hash check: the data was edited behind the system's back.",
                         advice: "The product cannot be confirmed. Tell the OCOP registry.", tone: "bad", icon: "✗")
        }
    }
}

extension BusinessStep {
    func name(_ language: Language) -> String {
        (language == .vi ? vietnameseName : rawValue.replacingOccurrences(of: "_", with: " ")).capitalizedFirst
    }
}

extension Disposition {
    func name(_ language: Language) -> String {
        language == .vi ? vietnameseName : rawValue.replacingOccurrences(of: "_", with: " ")
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

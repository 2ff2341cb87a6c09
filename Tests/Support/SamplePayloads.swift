/// Payloads every renderer must carry byte for byte: ASCII, GS1 Digital Link URIs, Vietnamese
/// with every tone mark, one byte, control characters, and the byte-mode limit at level M.
public enum SamplePayloads {
    private static let crockford = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// Every Vietnamese vowel with its five tone marks, plus đ, in both cases.
    public static let vietnameseVowels =
        "a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ e è é ẻ ẽ ẹ ê ề ế ể ễ ệ i ì í ỉ ĩ ị "
        + "o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ u ù ú ủ ũ ụ ư ừ ứ ử ữ ự y ỳ ý ỷ ỹ ỵ đ"

    public static let vietnamese: [String] = [
        "Bánh tét lá cẩm",
        "Kẹo dừa Đại Phước",
        "Tinh bột nghệ — Hợp tác xã Kim Hòa, Cầu Ngang, Trà Vinh",
        "Bộ salon tre Trì Cảnh, huyện Trà Cú ★★★★",
        "Mỗi xã một sản phẩm",
        "Nước mắm truyền thống Tam Bình",
        "Trà khổ qua rừng Tân Hòa Đông",
        "Lạp xưởng tôm Kim Hòa",
        vietnameseVowels,
        vietnameseVowels.uppercased(),
        "Sản phẩm OCOP 4 sao — hiệu lực đến 2027-10-15",
        "Chương trình Mỗi xã một sản phẩm: ỨNG DỤNG TRUY XUẤT NGUỒN GỐC",
    ]

    public static let digitalLinks: [String] = [
        "https://id.example.vn/01/09521234500001/10/LOT-2024A/21/7Q2K9XW3",
        "https://id.example.vn/01/09521234500001/10/LOT-2024A",
        "https://id.example.vn/01/09528400000013/10/TV2026-01/21/0A1B2C3D4E5F6",
        "https://id.example.vn/p/TV-0004/10/HH-2026-03/21/ZZ9XK2M4T7Q1P",
        "https://id.example.vn/01/09528200000015/10/A%2FB%26C/21/S1?17=271231",
        "https://id.example.vn/01/09521234500001/10/LOT2024A/21/1234567890123?s="
            + String(repeating: "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_", count: 2) + "abcdefghij",
        "HTTPS://ID.EXAMPLE.VN/01/09521234500001/10/LOT-UPPER/21/SERIAL01",
        "https://resolver.tra-vinh.example.vn:8443/01/09528400000020/10/KD-0315/21/M0K3Y",
    ] + (1...8).map(unitOfOneBatch)

    /// One of a batch's unit codes: same product and lot, distinct serials.
    private static func unitOfOneBatch(_ index: Int) -> String {
        let serial: [Character] = (0..<13).map { position in crockford[(position * 7 + index * 11) % 32] }
        return "https://id.example.vn/01/09528400000037/10/DL-2026-\(index)/21/" + String(serial)
    }

    public static let ascii: [String] = [
        "A", "0", "a", "~", "OCOP", "ocop-trace", "Hello, world!",
        "0123456789", "01234567890123456789012345678901234567890",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 $%*+-./:",
        "abcdefghijklmnopqrstuvwxyz",
        "mixed CASE must survive: aBc DeF",
        "line one\nline two\r\nline three\ttabbed",
        "quotes \" and ' and <tags> & ampersands",
        "{\"product\":\"TV-0002\",\"stars\":4}",
        "7Q2K-9XW3-M", "0000-0000-0",
        "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
        String(repeating: "x", count: 200),
        String(repeating: "9", count: 500),
    ]

    public static let symbols: [String] = [
        "emoji 🌾🥥🍚 survive too",
        "中文 and 日本語 mixed with tiếng Việt",
        "Ελληνικά · Кириллица · العربية",
        "\u{01}\u{02} control bytes \u{7F}",
    ]

    /// Bytes of arbitrary (non-alphanumeric) data that exactly fill a version-40 M symbol.
    public static let capacityLimitM: String = {
        let unit = "ocop-trace/lot?s=" // lower-case and punctuation: byte mode only
        var text = ""
        while text.utf8.count < 2331 { text += unit }
        return String(text.utf8.prefix(2331))!
    }()

    public static var all: [String] {
        vietnamese + digitalLinks + ascii + symbols + [capacityLimitM]
    }
}

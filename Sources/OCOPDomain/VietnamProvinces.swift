/// Vietnam's provinces and centrally-run cities since 1 July 2025 (Resolution 202/2025/QH15:
/// 63 became 34; the district level is gone), and the unit each of the 63 former ones became.
///
/// `table` is `Data/provinces-2025.csv` byte for byte (sources in `Data/SOURCES.md`); a test
/// keeps the two equal. Names are written without "tỉnh" / "thành phố", which `Province.title`
/// adds. Lookups forgive case, diacritics, spacing and those prefixes ("TP. HCM" is not guessed).
public enum VietnamProvinces {
    /// A province or centrally-run city of today.
    public struct Province: Sendable, Equatable, Hashable {
        public let name: String
        /// `tỉnh` or `thành phố`.
        public let kind: String
        /// Its seat, as the city was called before 1 July 2025.
        public let seat: String
        /// The units it was formed from (itself, for the eleven left as they were).
        public let formerProvinces: [String]

        /// "tỉnh Vĩnh Long", "thành phố Cần Thơ": how an address line ends.
        public var title: String { "\(kind) \(name)" }
    }

    /// What a typed province name turned out to be.
    public enum Match: Sendable, Equatable {
        /// One of the 34 (which may also be the name of a former unit, like Vĩnh Long).
        case current(Province)
        /// A former unit only (Trà Vinh), with the province it is part of now.
        case former(name: String, now: Province)
    }

    public static let provinces: [Province] = {
        var order: [String] = [], rows: [String: (kind: String, seat: String, former: [String])] = [:]
        for line in table.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == 4 else { continue }
            if rows[cells[1]] == nil { order.append(cells[1]) }
            rows[cells[1], default: (cells[2], cells[3], [])].former.append(cells[0])
        }
        return order.map { name in
            let row = rows[name]!
            return Province(name: name, kind: row.kind, seat: row.seat, formerProvinces: row.former)
        }
    }()

    private static let byFoldedName: [String: Province] = Dictionary(
        provinces.map { (fold($0.name), $0) }, uniquingKeysWith: { first, _ in first })
    private static let byFoldedFormerName: [String: (name: String, now: Province)] = {
        var table: [String: (String, Province)] = [:]
        for province in provinces { for former in province.formerProvinces { table[fold(former)] = (former, province) } }
        return table
    }()

    /// Today's province for a name of today or of before 1 July 2025; nil for neither.
    public static func match(_ text: String) -> Match? {
        let key = fold(text)
        if let province = byFoldedName[key] { return .current(province) }
        if let former = byFoldedFormerName[key] { return .former(name: former.name, now: former.now) }
        return nil
    }

    /// The former unit a name stands for in a pre-2025 address: a former name, or a name of
    /// today that continues exactly one former unit (Huế for Thừa Thiên Huế).
    public static func formerUnit(_ text: String) -> (name: String, now: Province)? {
        let key = fold(text)
        if let former = byFoldedFormerName[key] { return former }
        if let province = byFoldedName[key], province.formerProvinces.count == 1 {
            return (province.formerProvinces[0], province)
        }
        return nil
    }

    /// The nearest known name, for an error message.
    public static func suggestion(for text: String) -> String? {
        let names = provinces.map(\.name) + provinces.flatMap(\.formerProvinces)
        let folded = Dictionary(names.map { (fold($0), $0) }, uniquingKeysWith: { first, _ in first })
        return NearestMatch.suggestion(for: fold(text), among: Array(folded.keys)).flatMap { folded[$0] }
    }

    /// Lower case, no diacritics (đ → d), letters and digits only, without a leading
    /// "tỉnh" / "thành phố" / "tp".
    static func fold(_ text: String) -> String {
        var folded = VietnameseFolding.fold(text)
        for prefix in ["tinh ", "thanh pho ", "tp. ", "tp "] where folded.hasPrefix(prefix) {
            folded.removeFirst(prefix.count)
            break
        }
        return String(folded.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            .map(Character.init))
    }

    /// `Data/provinces-2025.csv`.
    public static let table = """
        former_province,province,province_kind,seat
        An Giang,An Giang,tỉnh,Rạch Giá
        Kiên Giang,An Giang,tỉnh,Rạch Giá
        Bắc Giang,Bắc Ninh,tỉnh,Bắc Giang
        Bắc Ninh,Bắc Ninh,tỉnh,Bắc Giang
        Bạc Liêu,Cà Mau,tỉnh,Cà Mau
        Cà Mau,Cà Mau,tỉnh,Cà Mau
        Cao Bằng,Cao Bằng,tỉnh,Cao Bằng
        Cần Thơ,Cần Thơ,thành phố,Cần Thơ
        Hậu Giang,Cần Thơ,thành phố,Cần Thơ
        Sóc Trăng,Cần Thơ,thành phố,Cần Thơ
        Đà Nẵng,Đà Nẵng,thành phố,Đà Nẵng
        Quảng Nam,Đà Nẵng,thành phố,Đà Nẵng
        Đắk Lắk,Đắk Lắk,tỉnh,Buôn Ma Thuột
        Phú Yên,Đắk Lắk,tỉnh,Buôn Ma Thuột
        Điện Biên,Điện Biên,tỉnh,Điện Biên Phủ
        Bình Phước,Đồng Nai,tỉnh,Biên Hòa
        Đồng Nai,Đồng Nai,tỉnh,Biên Hòa
        Đồng Tháp,Đồng Tháp,tỉnh,Mỹ Tho
        Tiền Giang,Đồng Tháp,tỉnh,Mỹ Tho
        Bình Định,Gia Lai,tỉnh,Quy Nhơn
        Gia Lai,Gia Lai,tỉnh,Quy Nhơn
        Hà Nội,Hà Nội,thành phố,Hà Nội
        Hà Tĩnh,Hà Tĩnh,tỉnh,Hà Tĩnh
        Hải Dương,Hải Phòng,thành phố,Hải Phòng
        Hải Phòng,Hải Phòng,thành phố,Hải Phòng
        Bà Rịa - Vũng Tàu,Hồ Chí Minh,thành phố,Hồ Chí Minh
        Bình Dương,Hồ Chí Minh,thành phố,Hồ Chí Minh
        Hồ Chí Minh,Hồ Chí Minh,thành phố,Hồ Chí Minh
        Thừa Thiên Huế,Huế,thành phố,Huế
        Hưng Yên,Hưng Yên,tỉnh,Hưng Yên
        Thái Bình,Hưng Yên,tỉnh,Hưng Yên
        Khánh Hòa,Khánh Hòa,tỉnh,Nha Trang
        Ninh Thuận,Khánh Hòa,tỉnh,Nha Trang
        Lai Châu,Lai Châu,tỉnh,Lai Châu
        Lạng Sơn,Lạng Sơn,tỉnh,Lạng Sơn
        Lào Cai,Lào Cai,tỉnh,Yên Bái
        Yên Bái,Lào Cai,tỉnh,Yên Bái
        Bình Thuận,Lâm Đồng,tỉnh,Đà Lạt
        Đắk Nông,Lâm Đồng,tỉnh,Đà Lạt
        Lâm Đồng,Lâm Đồng,tỉnh,Đà Lạt
        Nghệ An,Nghệ An,tỉnh,Vinh
        Hà Nam,Ninh Bình,tỉnh,Hoa Lư
        Nam Định,Ninh Bình,tỉnh,Hoa Lư
        Ninh Bình,Ninh Bình,tỉnh,Hoa Lư
        Hòa Bình,Phú Thọ,tỉnh,Việt Trì
        Phú Thọ,Phú Thọ,tỉnh,Việt Trì
        Vĩnh Phúc,Phú Thọ,tỉnh,Việt Trì
        Kon Tum,Quảng Ngãi,tỉnh,Quảng Ngãi
        Quảng Ngãi,Quảng Ngãi,tỉnh,Quảng Ngãi
        Quảng Ninh,Quảng Ninh,tỉnh,Hạ Long
        Quảng Bình,Quảng Trị,tỉnh,Đồng Hới
        Quảng Trị,Quảng Trị,tỉnh,Đồng Hới
        Sơn La,Sơn La,tỉnh,Sơn La
        Long An,Tây Ninh,tỉnh,Tân An
        Tây Ninh,Tây Ninh,tỉnh,Tân An
        Bắc Kạn,Thái Nguyên,tỉnh,Thái Nguyên
        Thái Nguyên,Thái Nguyên,tỉnh,Thái Nguyên
        Thanh Hóa,Thanh Hóa,tỉnh,Thanh Hóa
        Hà Giang,Tuyên Quang,tỉnh,Tuyên Quang
        Tuyên Quang,Tuyên Quang,tỉnh,Tuyên Quang
        Bến Tre,Vĩnh Long,tỉnh,Vĩnh Long
        Trà Vinh,Vĩnh Long,tỉnh,Vĩnh Long
        Vĩnh Long,Vĩnh Long,tỉnh,Vĩnh Long
        """
}

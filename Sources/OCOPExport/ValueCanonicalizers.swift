import Foundation

/// Numbers as the event-hash algorithm writes them: a text that reads as a decimal number
/// (sign, digits with single underscores between them, fraction, exponent) is written in its
/// shortest form, integers without `.0` (`007` → `7`, `1.50` → `1.5`, `1e3` → `1000`).
enum PythonNumber {
    /// The canonical text, or nil when `text` is not a number.
    static func canonical(_ text: String) throws(EventHashError) -> String? {
        let lowered = text.lowercased()
        let unsigned = lowered.hasPrefix("+") || lowered.hasPrefix("-") ? String(lowered.dropFirst()) : lowered
        if unsigned == "nan" { return nil }
        if unsigned == "inf" || unsigned == "infinity" { throw .unsupported("an infinite number (\(text))") }
        guard isDecimalLiteral(text), let value = Double(text.replacingAll("_", with: "")) else { return nil }
        guard value.isFinite else { throw .unsupported("a number out of range (\(text))") }
        if value == value.rounded(.towardZero) { return integerText(value) }
        return repr(value)
    }

    static func isDecimalLiteral(_ text: String) -> Bool {
        var chars = Array(text.utf8)[...]
        func digits() -> Int {
            var count = 0
            var lastWasDigit = false
            while let c = chars.first {
                if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) {
                    count += 1
                    lastWasDigit = true
                } else if c == UInt8(ascii: "_"), lastWasDigit, chars.count > 1,
                          (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(chars[chars.startIndex + 1]) {
                    lastWasDigit = false
                } else {
                    break
                }
                chars = chars.dropFirst()
            }
            return count
        }
        if let sign = chars.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { chars = chars.dropFirst() }
        var mantissa = digits()
        if chars.first == UInt8(ascii: ".") {
            chars = chars.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let e = chars.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            chars = chars.dropFirst()
            if let sign = chars.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { chars = chars.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return chars.isEmpty
    }

    /// The exact decimal integer of an integral double.
    static func integerText(_ value: Double) -> String {
        if abs(value) < 9.0e18 { return String(Int64(value)) }
        // value = significand × 2^exponent, exactly; double it digit by digit.
        var digits = String(UInt64(value.significandBitPattern | (1 << 52))).compactMap(\.wholeNumberValue)
        for _ in 0..<(Int(value.exponent) - 52) {
            var carry = 0
            for index in digits.indices.reversed() {
                let doubled = digits[index] * 2 + carry
                digits[index] = doubled % 10
                carry = doubled / 10
            }
            if carry > 0 { digits.insert(carry, at: 0) }
        }
        return (value < 0 ? "-" : "") + digits.map(String.init).joined()
    }

    /// The shortest text that reads back as the same double, exponent form below 1e-4 and from
    /// 1e16 (`1e-05`, `1.5e+16`), as Python's `repr` writes it.
    static func repr(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        if value == value.rounded(.towardZero) && abs(value) < 1e16 { return integerText(value) + ".0" }
        return "\(value)"
    }
}

/// Times as the event-hash algorithm writes them: UTC, milliseconds, `Z`
/// (`2020-03-04T11:00:30.000+01:00` → `2020-03-04T10:00:30.000Z`); sub-millisecond digits are
/// rounded half to even, beyond microseconds dropped.
enum TimestampCanonicalizer {
    static func canonical(_ text: String) throws(EventHashError) -> String {
        guard let parsed = parse(text) else { return text }
        guard let offset = parsed.offsetSeconds else {
            throw .unsupported("a time without a time zone (\(text))")
        }
        var micro = parsed.microseconds
        let remainder = micro % 1000
        micro -= remainder
        if remainder > 500 || (remainder == 500 && (micro / 1000) % 2 == 1) { micro += 1000 }
        guard micro < 1_000_000 else { throw .unsupported("a time that rounds to the next second (\(text))") }
        let utc = parsed.localSeconds - Int64(offset)
        let days = Int64((Double(utc) / 86_400).rounded(.down))
        let secondOfDay = utc - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let millis = micro / 1000
        let milliText = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(String(format: "%04lld", year))-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)).\(milliText)Z"
    }

    struct Parsed {
        let localSeconds: Int64
        let microseconds: Int
        let offsetSeconds: Int?
    }

    /// `YYYY-MM-DD(T| )HH:MM[:SS[.fraction]][Z|±HH[:MM]|±HHMM]`.
    static func parse(_ text: String) -> Parsed? {
        let chars = Array(text)
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= chars.count else { return nil }
            let slice = chars[index..<(index + count)]
            guard slice.allSatisfy(\.isASCIIDigitCharacter), let value = Int(String(slice)) else { return nil }
            index += count
            return value
        }
        func expect(_ c: Character) -> Bool {
            guard index < chars.count, chars[index] == c else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        guard index < chars.count, chars[index] == "T" || chars[index] == " " else { return nil }
        index += 1
        guard let hour = number(2), expect(":"), let minute = number(2), hour < 24, minute < 60 else { return nil }
        var second = 0, micro = 0
        if expect(":") {
            guard let s = number(2), s < 60 else { return nil }
            second = s
            if expect(".") || expect(",") {
                var fraction = ""
                while index < chars.count, chars[index].isASCIIDigitCharacter { fraction.append(chars[index]); index += 1 }
                guard !fraction.isEmpty else { return nil }
                micro = Int(String((fraction + "00000").prefix(6)))!
            }
        }
        var offset: Int?
        if index < chars.count {
            if chars[index] == "Z" || chars[index] == "z" {
                offset = 0
                index += 1
            } else if chars[index] == "+" || chars[index] == "-" {
                let sign = chars[index] == "-" ? -1 : 1
                index += 1
                guard let h = number(2), h <= 23 else { return nil }
                var m = 0
                if expect(":") {
                    guard let mm = number(2) else { return nil }
                    m = mm
                } else if let mm = number(2) {
                    m = mm
                }
                guard m < 60 else { return nil }
                offset = sign * (h * 3600 + m * 60)
            }
        }
        guard index == chars.count else { return nil }
        let days = daysFromCivil(Int64(year), Int64(month), Int64(day))
        return Parsed(localSeconds: days * 86_400 + Int64(hour * 3600 + minute * 60 + second), microseconds: micro, offsetSeconds: offset)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

import Foundation
import OCOPDomain
import OCOPStore

/// Builds the Mustache contexts of the pages and the JSON linksets from a `Resolution`.
/// Everything a template prints goes through `{{…}}`, which HTML-escapes it.
enum Pages {
    /// What every page shares: language, words, the link to the other language.
    static func base(_ language: Language, title: String, path: String, query: String?) -> [String: Any] {
        var kept = (query ?? "").split(separator: "&", omittingEmptySubsequences: true)
            .filter { !$0.hasPrefix("lang=") }.map(String.init)
        kept.append("lang=" + language.other.rawValue)
        return [
            "lang": language.rawValue,
            "title": title,
            "t": Texts.table(language),
            "otherLang": ["href": path + "?" + kept.joined(separator: "&"), "code": language.other.rawValue,
                          "label": language.other.name],
            "langQuery": language == .vi ? "" : "?lang=en",
        ]
    }

    static func date(_ day: CalendarDate?, _ language: Language) -> String? {
        guard let day else { return nil }
        return language == .vi ? "\(pad(day.day))/\(pad(day.month))/\(day.year)" : day.iso8601
    }

    /// `2026-11-21T09:15:00+07:00` → `21/11/2026 09:15` or `2026-11-21 09:15`, with the offset
    /// kept when it is not Vietnam's.
    static func time(_ at: EventTime, _ language: Language) -> String {
        let text = at.text
        guard text.count >= 16, let day = try? CalendarDate(parsing: String(text.prefix(10))) else { return text }
        let clock = text.dropFirst(11).prefix(5)
        let zone = text.hasSuffix("+07:00") ? "" : " (UTC\(text.hasSuffix("Z") ? "" : String(text.suffix(6))))"
        return "\(date(day, language) ?? "") \(clock)\(zone)"
    }

    /// A log entry's time (UTC, `2026-12-06T08:44:16.142Z`) as Vietnam's clock shows it.
    static func logTime(_ text: String, _ language: Language) -> String {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = parser.date(from: text) else { return text }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = language == .vi ? "dd/MM/yyyy HH:mm" : "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static func stars(_ count: Int?) -> String {
        guard let count, count > 0 else { return "" }
        return String(repeating: "★", count: min(count, 5)) + String(repeating: "☆", count: max(0, 5 - count))
    }

    static func ratingStatus(_ status: RatingStatus, _ language: Language) -> (text: String, ok: Bool) {
        switch (status, language) {
        case (.valid, .vi): return ("Còn hiệu lực", true)
        case (.valid, .en): return ("In force", true)
        case (.expired, .vi): return ("Đã hết hạn", false)
        case (.expired, .en): return ("Expired", false)
        case (.withdrawn, .vi): return ("Đã bị thu hồi", false)
        case (.withdrawn, .en): return ("Withdrawn", false)
        case (.notYetInForce, .vi): return ("Chưa có hiệu lực", false)
        case (.notYetInForce, .en): return ("Not yet in force", false)
        }
    }

    static func format(_ template: String, _ values: Int...) -> String {
        var text = template
        for value in values {
            if let range = text.range(of: "%d") { text.replaceSubrange(range, with: String(value)) }
        }
        return text
    }

    /// The verdict, product, producer, rating, batch and timeline of a resolution, typed for the
    /// page templates (this is most of a page's values: no casts to find them again).
    static func resolution(_ r: Resolution, _ language: Language) -> [String: PageValue] {
        let t = Texts.table(language)
        var context: [String: PageValue] = [:]
        if let verdict = r.verdict {
            let text = VerdictText.of(verdict, language, kind: r.codeKind)
            let other = VerdictText.of(verdict, language.other)
            var box: [String: PageValue] = [
                "headline": .text(text.headline), "otherHeadline": .text(other.headline), "explanation": .text(text.explanation),
                "advice": .text(text.advice), "tone": .text(text.tone), "icon": .text(text.icon), "code": .text(verdict.rawValue),
            ]
            if let typed = r.mistypedInput {
                box["typed"] = .text(typed)
                box["typedLabel"] = language == .vi ? "Bạn đã nhập:" : "You typed:"
            }
            if let fact = verdictFact(verdict, r, language) { box["fact"] = .text(fact) }
            if let kind = r.codeKind {
                box["kind"] = .object(["code": .text(kind.rawValue), "text": .text(codeCheck(kind, language))])
            }
            context["verdict"] = .object(box)
        } else {
            context["productOnly"] = true
        }
        if let p = r.product {
            var product: [String: PageValue] = ["name": .text(p.name), "group": .text(language == .vi ? p.group.vietnameseName : p.group.englishName)]
            if let gtin = p.gtin { product["gtin"] = .text(gtin) }
            if let id = p.publicID { product["publicID"] = .text(id) }
            if let image = r.imageSHA256 { product["image"] = .text(image) }
            context["product"] = .object(product)
        }
        if let p = r.producer {
            var producer: [String: PageValue] = ["name": .text(p.name), "kind": .text(language == .vi ? p.kind.vietnameseName : p.kind.englishName),
                                                 "address": .text(p.address)]
            if let former = p.formerAddress { producer["formerAddress"] = .text(former) }
            if let phone = r.phone {
                producer["phone"] = .text(phone)
                producer["tel"] = .text("tel:" + phone.filter { $0.isNumber || $0 == "+" })
            }
            if let place = r.place {
                var made: [String: PageValue] = ["name": .text(place.name), "address": .text(place.address)]
                if let geo = place.geo {
                    made["geo"] = .text(geo.uri)
                    made["osm"] = .text("https://www.openstreetmap.org/?mlat=\(geo.latitude)&mlon=\(geo.longitude)#map=16/\(geo.latitude)/\(geo.longitude)")
                }
                producer["place"] = .object(made)
            }
            context["producer"] = .object(producer)
        }
        if let rating = r.rating {
            let status = ratingStatus(rating.status, language)
            var facts: [String: PageValue] = [
                "decision": .text(rating.decisionNumber), "decisionDate": .text(date(rating.decisionDate, language) ?? ""),
                "status": .text(status.text), "statusTone": status.ok ? "ok" : "bad",
            ]
            if let stars = rating.stars {
                facts["stars"] = .text(String(stars))
                facts["starGlyphs"] = .text(Pages.stars(stars))
                facts["starWords"] = .text(language == .vi ? "\(stars) sao" : "\(stars) stars")
            }
            if let until = rating.validUntil, rating.stars != nil, let text = date(until, language) { facts["validUntil"] = .text(text) }
            if let level = rating.level {
                facts["level"] = switch (level, language) {
                case (.province, .vi): "UBND cấp tỉnh"
                case (.central, .vi): "Trung ương (Bộ Nông nghiệp và Môi trường)"
                case (.province, .en): "Province"
                case (.central, .en): "Central (Ministry of Agriculture and Environment)"
                }
            }
            if let printed = rating.starsPrinted, printed != rating.stars {
                facts["starsPrinted"] = .text(language == .vi ? "\(printed) sao" : "\(printed) stars")
            }
            context["rating"] = .object(facts)
        } else if r.product != nil {
            context["noRating"] = true
        }
        if let b = r.batch {
            var batch: [String: PageValue] = ["lot": .text(b.lot)]
            if let produced = date(b.produced, language) { batch["produced"] = .text(produced) }
            if let expires = date(b.expires, language) { batch["expires"] = .text(expires) }
            if let serial = r.serial { batch["serial"] = .text(serial) }
            if let short = r.shortCode { batch["shortCode"] = .text(short) }
            context["batch"] = .object(batch)
            context["events"] = .list(r.events.reversed().map { e -> PageValue in
                var item: [String: PageValue] = ["when": .text(time(e.at, language)), "step": .text(e.step.name(language)),
                                                 "datetime": .text(e.at.text)]
                if let d = e.disposition {
                    item["disposition"] = .text(d.name(language))
                    item["alert"] = .flag(d == .recalled)
                }
                if let location = e.location { item["location"] = .text(location) }
                if let note = e.note { item["note"] = .text(note) }
                return .object(item)
            })
            context["hasEvents"] = .flag(!r.events.isEmpty)
        }
        if let p = r.passport {
            var passport: [String: PageValue] = ["identifier": .text(p.identifier)]
            if let brand = p.brand { passport["brand"] = .text(brand) }
            if let model = p.model { passport["model"] = .text(model) }
            if let origin = p.origin { passport["origin"] = .text(origin) }
            if !p.standards.isEmpty { passport["standards"] = .text(p.standards.joined(separator: ", ")) }
            if let days = p.shelfLifeDays { passport["shelfLife"] = .text(format(t["shelfLifeDays"] ?? "%d", days)) }
            if let warnings = p.warnings { passport["warnings"] = .text(warnings) }
            if let id = p.producer?.identifier { passport["producerID"] = .text(id) }
            context["passport"] = .object(passport)
        }
        if r.level == .unit, r.requested.hasPrefix("https://") {
            context["report"] = .object(["code": .text(r.requested)])
            if r.hasPin, r.pin == nil || r.pin == .wrong {
                context["pinForm"] = .object(["code": .text(r.requested), "wrong": .flag(r.pin == .wrong)])
            }
        }
        if let scans = r.scans {
            context["scanCount"] = .text(format(t["scanCount"] ?? "%d/%d", scans.scans, scans.distinctClients))
            if r.scanWarning {
                context["scanWarning"] = .text(format(t["scanWarning"] ?? "%d", scans.distinctClients))
            }
        }
        return context
    }

    /// A GS1 Digital Link linkset (RFC 9264 JSON), with this system's verdict and facts under `ocop`.
    static func linkset(_ r: Resolution, _ language: Language) -> [String: Any] {
        let set = ResolverLinks.linkset(ResolverLinks.of(r, title: linkTitle(r, language)), anchor: r.anchor)

        var ocop: [String: Any] = ["level": r.level.rawValue]
        if let verdict = r.verdict {
            let text = VerdictText.of(verdict, language, kind: r.codeKind)
            ocop["verdict"] = verdict.rawValue
            ocop["message"] = text.headline
            ocop["explanation"] = text.explanation
            if let reason = r.reason { ocop["reason"] = reason }
            if let typed = r.mistypedInput { ocop["input"] = typed }
            if let kind = r.codeKind {
                ocop["code_kind"] = kind.rawValue
                ocop["code_check"] = codeCheck(kind, language)
            }
        }
        if let pin = r.pin {
            var answer: [String: Any] = ["status": pin.word]
            switch pin {
            case let .firstClaim(at), let .reused(at): answer["first_checked_at"] = at
            case .wrong, .notIssued: break
            }
            ocop["pin"] = answer
        } else if r.hasPin {
            ocop["pin"] = ["status": "unchecked"]
        }
        if let p = r.product {
            var product: [String: Any] = ["name": p.name, "group": p.group.rawValue]
            if let gtin = p.gtin { product["gtin"] = gtin }
            if let id = p.publicID { product["id"] = id }
            ocop["product"] = product
        }
        if let p = r.producer {
            var producer: [String: Any] = ["name": p.name, "kind": p.kind.rawValue, "address": p.address, "province": p.province]
            if let former = p.formerAddress { producer["former_address"] = former }
            ocop["producer"] = producer
        }
        if let rating = r.rating {
            var facts: [String: Any] = ["decision_no": rating.decisionNumber, "decision_date": rating.decisionDate.iso8601,
                                        "status": ratingStatusWord(rating.status)]
            if let stars = rating.stars { facts["stars"] = stars }
            if let until = rating.validUntil { facts["valid_until"] = until.iso8601 }
            if let printed = rating.starsPrinted { facts["stars_printed"] = printed }
            ocop["rating"] = facts
        }
        if let b = r.batch {
            var batch: [String: Any] = ["lot": b.lot]
            if let produced = b.produced { batch["produced"] = produced.iso8601 }
            if let expires = b.expires { batch["expires"] = expires.iso8601 }
            ocop["batch"] = batch
            ocop["events"] = r.events.map { e -> [String: Any] in
                var item: [String: Any] = ["step": e.step.rawValue, "at": e.at.text]
                if let d = e.disposition { item["disposition"] = d.rawValue }
                if let location = e.location { item["location"] = location }
                if let note = e.note { item["note"] = note }
                return item
            }
        }
        if let passport = r.passport { ocop["passport"] = passport.jsonValue }
        if let serial = r.serial { ocop["serial"] = serial }
        if let short = r.shortCode { ocop["short_code"] = short }
        if let scans = r.scans {
            ocop["scans"] = ["count": scans.scans, "distinct_clients": scans.distinctClients, "warning": r.scanWarning]
        }
        return ["linkset": [set], "ocop": ocop]
    }

    /// The fact that matters for a verdict, inside its box: when and where a unit was sold, why
    /// and since when its batch is recalled, when its certificate ended.
    static func verdictFact(_ verdict: Verdict, _ r: Resolution, _ language: Language) -> String? {
        let vi = language == .vi
        if case let .firstClaim(at) = r.pin, verdict == .genuine {
            return (vi ? "Sản phẩm chính hãng, xác thực lần đầu" : "Genuine, first check") + " · " + logTime(at, language)
        }
        switch verdict {
        case .pinReused:
            guard case let .reused(first) = r.pin else { return nil }
            return vi ? "Mã PIN này đã được xác thực lúc \(logTime(first, language)) — có thể là hàng sao chép"
                : "This PIN was already used on \(logTime(first, language)) — possibly a copy"
        case .alreadySold:
            guard let sale = r.events.last(where: { $0.step == .retailSelling }) else { return nil }
            let place = sale.location.map { vi ? " tại \($0)" : " at \($0)" } ?? ""
            return (vi ? "Đã bán lúc " : "Sold on ") + time(sale.at, language) + place
        case .recalled:
            guard let recall = r.recall else { return nil }
            let reason = recall.reason.map { vi ? ". Lý do: \($0)" : ". Reason: \($0)" } ?? ""
            return (vi ? "Thu hồi từ " : "Recalled since ") + time(recall.at, language) + reason
        case .ratingLapsed:
            guard let rating = r.rating else { return nil }
            if case .withdrawn = rating.status {
                return vi ? "Chứng nhận OCOP bị thu hồi theo quyết định \(rating.decisionNumber) ngày \(date(rating.decisionDate, language) ?? "")"
                    : "OCOP certificate withdrawn by decision \(rating.decisionNumber) of \(date(rating.decisionDate, language) ?? "")"
            }
            if case .valid = rating.status, let printed = rating.starsPrinted, let stars = rating.stars {
                return vi ? "Tem in \(printed) sao; hạng hiện nay là \(stars) sao" : "The label shows \(printed) stars; the rating is now \(stars)"
            }
            guard let until = rating.validUntil else { return nil }
            return (vi ? "Chứng nhận OCOP hết hiệu lực ngày " : "OCOP certificate ended on ") + (date(until, language) ?? "")
        default:
            return nil
        }
    }

    /// What a verdict rests on for this kind of code, in the page's language.
    static func codeCheck(_ kind: CodeKind, _ language: Language) -> String {
        language == .vi ? kind.vietnamese : kind.english
    }

    /// The title of a code's links: the product's name, else its verdict's headline.
    static func linkTitle(_ r: Resolution, _ language: Language) -> String {
        r.product?.name ?? (r.verdict.map { VerdictText.of($0, language).headline } ?? "OCOP")
    }

    static func ratingStatusWord(_ status: RatingStatus) -> String {
        switch status {
        case .valid: return "valid"
        case .expired: return "expired"
        case .withdrawn: return "withdrawn"
        case .notYetInForce: return "not_yet_in_force"
        }
    }

    static func json(_ object: [String: Any]) -> String {
        JSONText.write(object)
    }
}

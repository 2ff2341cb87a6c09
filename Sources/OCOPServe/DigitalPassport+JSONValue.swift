import OCOPKit

/// The passport as a `JSONText` value: the keys and omissions of its `Encodable` form (a test
/// holds the two texts equal), without running `JSONEncoder` on every unit answer, where it
/// took about a twentieth of the resolver's time for a JSON linkset.
extension DigitalPassport {
    var jsonValue: [String: Any] {
        JSONObject.of(
            ["identifier": identifier, "product_name": productName, "stages": stages.map(\.jsonValue),
             "certificates": certificates.map(\.jsonValue), "standards": standards, "missing": missing],
            omittingNil: ["gtin": gtin, "brand": brand, "model": model, "serial": serial, "producer": producer?.jsonValue,
                          "origin": origin, "traceability": traceability, "lot": lot, "produced": produced, "expires": expires,
                          "shelf_life_days": shelfLifeDays, "warnings": warnings, "image": image])
    }
}

extension DigitalPassport.Party {
    var jsonValue: [String: Any] {
        JSONObject.of(["name": name, "address": address], omittingNil: ["former_address": formerAddress, "identifier": identifier])
    }
}

extension DigitalPassport.Certificate {
    var jsonValue: [String: Any] {
        JSONObject.of(["scheme": scheme, "decision_no": decisionNumber, "decision_date": decisionDate, "status": status],
                      omittingNil: ["stars": stars, "level": level, "valid_until": validUntil])
    }
}

extension DigitalPassport.Stage {
    var jsonValue: [String: Any] {
        JSONObject.of(["step": step, "at": at], omittingNil: ["location": location])
    }
}

/// An object's members with its optional ones left out when nil, as `encodeIfPresent` does.
enum JSONObject {
    static func of(_ members: [String: Any], omittingNil optional: [String: Any?]) -> [String: Any] {
        members.merging(optional.compactMapValues { $0 }) { given, _ in given }
    }
}

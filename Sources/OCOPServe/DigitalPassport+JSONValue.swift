import OCOPKit

/// The passport as a `JSONText` value: the keys and omissions of its `Encodable` form (a test
/// holds the two texts equal), without running `JSONEncoder` on every unit answer, where it
/// took about a twentieth of the resolver's time for a JSON linkset.
extension DigitalPassport {
    var jsonValue: [String: Any] {
        var object: [String: Any] = [
            "identifier": identifier, "product_name": productName,
            "stages": stages.map(\.jsonValue), "certificates": certificates.map(\.jsonValue),
            "standards": standards, "missing": missing,
        ]
        object["gtin"] = gtin
        object["brand"] = brand
        object["model"] = model
        object["serial"] = serial
        object["producer"] = producer?.jsonValue
        object["origin"] = origin
        object["traceability"] = traceability
        object["lot"] = lot
        object["produced"] = produced
        object["expires"] = expires
        object["shelf_life_days"] = shelfLifeDays
        object["warnings"] = warnings
        object["image"] = image
        return object
    }
}

extension DigitalPassport.Party {
    var jsonValue: [String: Any] {
        var object: [String: Any] = ["name": name, "address": address]
        object["former_address"] = formerAddress
        object["identifier"] = identifier
        return object
    }
}

extension DigitalPassport.Certificate {
    var jsonValue: [String: Any] {
        var object: [String: Any] = ["scheme": scheme, "decision_no": decisionNumber, "decision_date": decisionDate, "status": status]
        object["stars"] = stars
        object["level"] = level
        object["valid_until"] = validUntil
        return object
    }
}

extension DigitalPassport.Stage {
    var jsonValue: [String: Any] {
        var object: [String: Any] = ["step": step, "at": at]
        object["location"] = location
        return object
    }
}

import OCOPStore

/// The Circular 02 file as one CSV table (UTF-8, comma, a header row): a `product` row per
/// product, then a `stage` row per stage of it. The README documents every column.
public enum Circular02CSV {
    public static let header = [
        "record", "product_id", "product_name", "product_image", "producer_name", "producer_address", "producer_tax_id",
        "production_time", "traceability_code", "brand", "model", "shelf_life_days", "standards", "stages",
        "stage_seq", "lot", "serial", "product_trace_code", "location_trace_code", "location", "time", "step",
        "disposition", "from", "from_name", "to", "to_name",
    ]

    public static func text(_ file: Circular02File) -> String {
        var rows = [header]
        for p in file.products {
            rows.append(row([
                "record": "product", "product_id": p.productID, "product_name": p.productName, "product_image": p.productImage,
                "producer_name": p.producerName, "producer_address": p.producerAddress, "producer_tax_id": p.producerTaxID,
                "production_time": p.productionTime, "traceability_code": p.traceabilityCode, "brand": p.brand,
                "model": p.model, "shelf_life_days": p.shelfLifeDays.map(String.init),
                "standards": p.standards.isEmpty ? nil : p.standards.joined(separator: "; "), "stages": String(p.stages.count),
            ]))
            for s in p.stages {
                rows.append(row([
                    "record": "stage", "product_id": p.productID, "production_time": s.produced, "stage_seq": String(s.seq),
                    "lot": s.lot, "serial": s.serial, "product_trace_code": s.productTraceCode,
                    "location_trace_code": s.locationTraceCode, "location": s.location, "time": s.time, "step": s.step,
                    "disposition": s.disposition, "from": s.from, "from_name": s.fromName, "to": s.to, "to_name": s.toName,
                ]))
            }
        }
        return rows.map { $0.map(CSVField.quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    private static func row(_ cells: [String: String?]) -> [String] {
        precondition(Set(cells.keys).isSubset(of: header), "a Circular 02 cell outside the header")
        return header.map { (cells[$0] ?? nil) ?? "" }
    }
}

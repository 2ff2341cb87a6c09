import OCOPLabel

/// Runs a PDF writer whose bytes go straight to `output` as cairo makes them (the roll PDF,
/// sticker sheets). cairo's write callback cannot throw: the first output failure is kept, stops
/// the document, and is the error thrown.
enum StreamedPDF {
    static func write<Document>(to output: JobOutput,
                                open: (@escaping ([UInt8]) -> Bool) throws(LabelError) -> Document,
                                fill: (Document) throws(KitError) -> Void,
                                finish: (Document) throws(LabelError) -> Void) throws(KitError) {
        var failure: KitError?
        let document = try wrap { () throws(LabelError) in
            try open { bytes in
                do throws(KitError) { try output.append(bytes) } catch {
                    if failure == nil { failure = error }
                    return false
                }
                return true
            }
        }
        do throws(KitError) {
            try fill(document)
            try wrap { () throws(LabelError) in try finish(document) }
        } catch {
            throw failure ?? error
        }
        if let failure { throw failure }
    }
}

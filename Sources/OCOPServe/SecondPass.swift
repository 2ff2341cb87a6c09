import OCOPPNG

/// What `/verify` tries when zbar finds no code in a photo as it is: variants that each undo one
/// way phone photos go wrong, cheapest and most often useful first (measured on the phone-photo
/// test set), tried until one yields a code or the time budget is spent.
struct SecondPass: Sendable {
    /// A variant's name (for the access log) and how it is made from the photo.
    struct Variant: Sendable {
        let name: String
        let make: @Sendable (GrayImage) -> GrayImage
    }

    /// Wall-clock time the variants may take together, so a hopeless photo is not worked on
    /// until the request times out.
    var budget: Duration = .seconds(6)

    static let variants: [Variant] = [
        // Uneven light, glare, faded print: black and white judged against the neighbourhood.
        Variant(name: "binarised") { $0.binarised(radius: SecondPass.moduleRadius($0), margin: 8) },
        // Focus blur: edges steepened.
        Variant(name: "sharpened") { $0.sharpened(radius: SecondPass.moduleRadius($0) / 2 + 1, amount: 1.5) },
        Variant(name: "sharpened+binarised") {
            let sharp = $0.sharpened(radius: SecondPass.moduleRadius($0) / 2 + 1, amount: 1.5)
            return sharp.binarised(radius: SecondPass.moduleRadius($0), margin: 8)
        },
        // A code too small (upscaled) or with noise bigger than its modules (downscaled).
        Variant(name: "upscaled") { $0.scaled(by: Swift.max($0.width, $0.height) <= 1200 ? 2 : 1.5) },
        Variant(name: "downscaled") { $0.scaled(by: 0.5) },
        // zbar's finder-pattern search prefers codes near its scan lines' directions.
        Variant(name: "rotated+15") { $0.rotated(degrees: 15) },
        Variant(name: "rotated-15") { $0.rotated(degrees: -15) },
        Variant(name: "rotated90+binarised") { $0.rotated(degrees: 90).binarised(radius: SecondPass.moduleRadius($0), margin: 8) },
    ]

    /// The threshold window: a few QR modules wide for a label filling a fair part of the photo.
    static func moduleRadius(_ image: GrayImage) -> Int {
        Swift.max(8, Swift.max(image.width, image.height) / 80)
    }

    /// A photo bigger than the first pass saw is finally tried at up to this size: a small code
    /// in a 12 MP photo has modules of 2-3 pixels once shrunk to 2000.
    static let finerLongSide = 4000

    /// The codes of the first variant of `image` that has any, with that variant's name; then
    /// `original` (the photo before shrinking) at up to `finerLongSide`; nil when none has.
    func codes(in image: GrayImage, original: GrayImage) throws(LabelImage.Failure) -> (codes: [String], variant: String)? {
        let clock = ContinuousClock()
        let deadline = clock.now + budget
        var tries = Self.variants.map { variant in (variant.name, { variant.make(image) }) }
        if Swift.max(original.width, original.height) > Swift.max(image.width, image.height) {
            let finer = Variant(name: "finer") { $0.downscaled(toLongSide: Self.finerLongSide) }
            tries.insert(("finer", { finer.make(original) }), at: 0)
            tries.insert(("finer+binarised", {
                let large = finer.make(original)
                return large.binarised(radius: SecondPass.moduleRadius(large), margin: 8)
            }), at: 2)
        }
        for (name, make) in tries {
            guard clock.now < deadline else { return nil }
            let codes = try ZbarScan.codes(in: make())
            if !codes.isEmpty { return (codes, name) }
        }
        return nil
    }
}

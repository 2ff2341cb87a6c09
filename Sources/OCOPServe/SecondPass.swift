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
        // Focus blur of a module or so (a 12 MP photo shrunk to 2000 px): edges steepened hard
        // against a small neighbourhood.
        Variant(name: "deblurred") { $0.sharpened(radius: SecondPass.blurRadius($0), amount: 3) },
        // Wider focus blur: edges steepened against the threshold window.
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

    /// About one QR module of a label filling a third of the photo's width, at 2000 px: 4.
    static func blurRadius(_ image: GrayImage) -> Int {
        Swift.max(2, Swift.max(image.width, image.height) / 500)
    }

    /// A photo bigger than the first pass saw is finally tried at up to this size: a small code
    /// in a 12 MP photo has modules of 2-3 pixels once shrunk to 2000. Not the full 4000: each
    /// step over 12 MP costs seconds in a debug build, and 3000 read as many of the test photos.
    static let finerLongSide = 3000

    /// The codes of the first variant of `image` that has any, with that variant's name; then
    /// `original` (the photo before shrinking) at up to `finerLongSide`, as it is and deblurred;
    /// nil when none has.
    func codes(in image: GrayImage, original: GrayImage) throws(LabelImage.Failure) -> (codes: [String], variant: String)? {
        let clock = ContinuousClock()
        let deadline = clock.now + budget
        var tries = Self.variants.map { variant in (variant.name, { variant.make(image) }) }
        if Swift.max(original.width, original.height) > Swift.max(image.width, image.height) {
            // Shrunk once, on first use, for both tries: the shrink of a 12 MP photo costs most.
            var shrunk: GrayImage?
            let finer = { () -> GrayImage in
                let made = shrunk ?? original.downscaled(toLongSide: Self.finerLongSide)
                shrunk = made
                return made
            }
            tries.append(("finer", finer))
            tries.append(("finer+deblurred", { let large = finer(); return large.sharpened(radius: SecondPass.blurRadius(large), amount: 3) }))
        }
        for (name, make) in tries {
            guard clock.now < deadline else { return nil }
            let codes = try ZbarScan.codes(in: make())
            if !codes.isEmpty { return (codes, name) }
        }
        return nil
    }

}

import ArgumentParser
import OCOPDomain
import OCOPStore

struct RateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate",
        abstract: "Record an OCOP rating decision for a product, or withdraw the one in force.",
        discussion: """
        Stars are 3, 4 or 5; the score (0-100) must reach the band's floor: 50 for 3 stars, 70 for 4, \
        90 for 5. A score above the band is allowed (a mandatory criterion can hold a product one \
        level lower). A certificate is valid 36 months from the decision date unless --valid-until \
        says otherwise. A new rating supersedes the previous one.

        Who decides (Decision 1489/QĐ-TTg, 2025): the province recognises 3 and 4 stars, the \
        ministry 5 stars. The level is read from the decision number (…/QĐ-UBND: province; \
        …/QĐ-BNN…, …/QĐ-BNNMT: central) unless --level says it; a rating whose level does not \
        match its stars is refused.

        Examples:
          ocop-trace rate TV-0002 --stars 4 --score 81 --decision 2180/QĐ-UBND --decision-date 2026-10-15
          ocop-trace rate TV-0032 --stars 5 --score 93 --decision 512/QĐ-BNNMT --decision-date 2026-10-20
          ocop-trace rate TV-0015 --withdraw --decision 2991/QĐ-UBND --decision-date 2026-10-15 \\
              --reason 'no traceability records'
        """
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "Product id.") var product: String
    @Option(help: "3, 4 or 5.") var stars: Int?
    @Option(help: "Evaluation score, 0-100.") var score: Int?
    @Option(help: ArgumentHelp("Decision number, e.g. 1234/QĐ-UBND.", valueName: "number")) var decision: String
    @Option(name: .customLong("decision-date"), help: ArgumentHelp("Date the decision was signed (YYYY-MM-DD).", valueName: "date"))
    var decisionDate: String
    @Option(name: .customLong("valid-until"), help: ArgumentHelp("Last valid day, if not 36 months.", valueName: "date"))
    var validUntil: String?
    @Option(help: ArgumentHelp("Who decided: province or central (default: read from the decision number).", valueName: "level"))
    var level: String?
    @Flag(help: "Withdraw (revoke) the rating in force instead of granting one.") var withdraw = false
    @Option(help: "Why it is withdrawn.") var reason: String?

    func validate() throws {
        if withdraw {
            if stars != nil || score != nil || validUntil != nil || level != nil {
                throw ValidationError("withdraw: --stars, --score, --valid-until and --level do not go with --withdraw")
            }
        } else {
            if stars == nil { throw ValidationError("stars: missing; give --stars 3, 4 or 5 (or --withdraw)") }
            if score == nil { throw ValidationError("score: missing; give --score 0-100") }
            if reason != nil { throw ValidationError("reason: goes only with --withdraw") }
        }
    }

    func run() throws {
        let opened = try store.open()
        let date = try CalendarDate(parsing: decisionDate, field: "decision date")
        let number = try DecisionNumber(decision)
        if withdraw {
            let note = try reason.map { text in
                try DomainText.validated(text, field: "reason", maxLength: 500)
            }
            let entry = try opened.withdrawRating(productID: product, decisionNumber: number.text, date: date, reason: note, actor: try store.author(for: opened))
            print("rating of \(product) withdrawn by \(number) of \(date) (log seq \(entry.seq))")
            return
        }
        guard let stars, let score else { throw ValidationError("stars: missing; give --stars 3, 4 or 5 and --score 0-100 (or --withdraw)") }
        let rating = try Rating(stars: Stars(count: stars), score: score, decisionNumber: number, decisionDate: date,
                                validUntil: validUntil.map { text throws(DomainError) in try CalendarDate(parsing: text, field: "valid until") },
                                level: level.map { text throws(DomainError) in try DecidingLevel(parsing: text) })
        let entry = try opened.rate(rating, productID: product, actor: try store.author(for: opened))
        print("\(product) rated \(rating.stars.rawValue)★ (score \(rating.score)) by \(number) (\(rating.level.rawValue)), valid until \(rating.validUntil) (log seq \(entry.seq))")
    }
}

import ArgumentParser
import OCOPStore

struct ReindexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Rebuild every derived table (producers, products, ratings, batches, units, events) from the log alone."
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
        let opened = try store.open()
        let count = try opened.reindex()
        print("rebuilt derived tables from \(count) log entries")
    }
}

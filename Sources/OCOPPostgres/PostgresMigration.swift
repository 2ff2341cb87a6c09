import Foundation
import OCOPDomain
import OCOPStore

/// Copies a SQLite store into an empty PostgreSQL database: every log entry as it is (same seq,
/// hash and prev_hash), the chain checked on the way out and walked again on arrival, the
/// derived tables rebuilt from the copied log, the key pair copied to the local key folder.
/// One transaction: any mismatch and the database stays empty.
public enum PostgresMigration {
    public struct Summary: Sendable {
        public let entries: Int64
        public let headHash: String
        public let keyFolder: StoreFolder
    }

    static let pageSize = 500

    public static func copy(from source: SQLiteTraceStore, to url: PostgresURL, keyFolder: StoreFolder,
                            progress: ((Int64, Int64) -> Void)? = nil) throws(StoreError) -> Summary {
        let manager = FileManager.default
        if manager.fileExists(atPath: keyFolder.privateKeyPath) {
            throw .alreadyInitialized(folder: keyFolder.path + " (it holds a private key already)")
        }
        let total = try source.lastLogEntry()?.seq ?? 0
        var sent = LogChainWalk()
        var summary: Summary?
        try PostgresTraceStore.createSchema(url) { session in
            var after: Int64 = 0
            while true {
                let page = try source.logEntries(after: after, limit: pageSize)
                for entry in page {
                    guard sent.take(entry) else { throw brokenChain("the SQLite store's log", sent.result) }
                    try session.insertLogEntry(entry)
                }
                guard let last = page.last else { break }
                after = last.seq
                progress?(after, total)
            }
            // On arrival: walk what PostgreSQL now holds, not what was sent.
            var arrived = LogChainWalk()
            try session.forEachLogEntry { entry in arrived.take(entry) }
            guard arrived.result.isIntact else { throw brokenChain("the copied log", arrived.result) }
            guard arrived.result.entries == sent.result.entries, arrived.result.headHash == sent.result.headHash else {
                throw StoreError.corrupt("the copied log differs from the source (\(arrived.result.entries) entries, head "
                                    + "\(arrived.result.headHash.prefix(12))… instead of \(sent.result.entries), "
                                    + "\(sent.result.headHash.prefix(12))…); nothing was copied")
            }
            _ = try session.replayLog()
            try PostgresTraceStore.prepareKeyFolder(keyFolder)
            let key = try KeyFiles.copyPair(from: source.folder, to: keyFolder)
            guard Base64URL.encode(Array(key.publicKey.rawRepresentation)) == source.settings.publicKey else {
                try? manager.removeItem(atPath: keyFolder.privateKeyPath)
                try? manager.removeItem(atPath: keyFolder.publicKeyPath)
                throw StoreError.key("\(source.folder.privateKeyPath) does not belong to this store (its public key differs from the one in the log)")
            }
            try PinPepper.copy(from: source.folder, to: keyFolder)
            summary = Summary(entries: arrived.result.entries, headHash: arrived.result.headHash, keyFolder: keyFolder)
        }
        return summary!
    }

    static func brokenChain(_ what: String, _ verification: LogVerification) -> StoreError {
        .invalid(DomainError(field: "log", rule: "\(what) breaks at seq \(verification.firstBadSeq ?? 0): "
                             + "\(verification.problem ?? "mismatch"); nothing was copied"))
    }
}

import GRDB
import OCOPFailure
@testable import OCOPStore
import Testing

/// SQLite's result codes become the store's causes, each with its exit code and one line.
@Suite struct StoreErrorMappingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let code: ResultCode
        let cause: String
        let exitCode: Int32
        var testDescription: String { "\(code) → \(cause)" }
    }

    static let cases: [Case] = [
        Case(code: .SQLITE_BUSY, cause: "busy", exitCode: 69),
        Case(code: .SQLITE_LOCKED, cause: "busy", exitCode: 69),
        Case(code: .SQLITE_FULL, cause: "diskFull", exitCode: 69),
        Case(code: .SQLITE_READONLY, cause: "readOnly", exitCode: 69),
        Case(code: .SQLITE_CANTOPEN, cause: "readOnly", exitCode: 69),
        Case(code: .SQLITE_CORRUPT, cause: "corrupt", exitCode: 74),
        Case(code: .SQLITE_NOTADB, cause: "corrupt", exitCode: 74),
        Case(code: .SQLITE_IOERR, cause: "engine", exitCode: 69),
    ]

    @Test(arguments: cases)
    func sqliteResultCodesBecomeCauses(_ item: Case) {
        let error = SQLiteTraceStore.storeError(DatabaseError(resultCode: item.code, message: "detail\nsecond line"))
        let cause: String
        switch error {
        case .busy: cause = "busy"
        case .diskFull: cause = "diskFull"
        case .readOnly: cause = "readOnly"
        case .corrupt: cause = "corrupt"
        case .engine: cause = "engine"
        default: cause = "\(error)"
        }
        #expect(cause == item.cause)
        #expect(error.exitCode == item.exitCode)
        #expect(error.oneLineMessage.hasPrefix("store: "))
        #expect(!error.oneLineMessage.contains("\n"))
    }
}

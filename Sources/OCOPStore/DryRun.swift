/// A write rehearsed (`import --dry-run`): everything is checked inside the transaction as for
/// real, then the write throws `rollBack`, so the transaction is rolled back; the caller keeps
/// the result it captured and catches the marker.
enum DryRun {
    static let marker = "ocop-trace dry run: rolled back"
    static let rollBack = StoreError.conflict(marker)
}

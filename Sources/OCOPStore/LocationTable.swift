/// The location register's derived table, the same on both engines: the `location_added`
/// entry of each location, by id.
public enum LocationTable {
    public static let sql = """
        CREATE TABLE IF NOT EXISTS location (id TEXT PRIMARY KEY, seq BIGINT NOT NULL, payload TEXT NOT NULL);

        """
}

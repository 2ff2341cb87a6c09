/// The tables of product details, the same on both engines (text and integers only).
public enum ProductDetailsTables {
    /// Derived: the latest `product_details` entry of each product.
    public static let details = """
        CREATE TABLE IF NOT EXISTS product_details (product_id TEXT PRIMARY KEY, seq BIGINT NOT NULL, payload TEXT NOT NULL);

        """
    /// Not derived: image files by their SHA-256 (base64), which the `product_details` entries
    /// name; `reindex` keeps them, and a read checks the bytes against the hash.
    public static let images = """
        CREATE TABLE IF NOT EXISTS product_image (sha256 TEXT PRIMARY KEY, media_type TEXT NOT NULL, data TEXT NOT NULL);

        """
}

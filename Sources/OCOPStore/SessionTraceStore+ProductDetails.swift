import Crypto
import Foundation
import OCOPDomain

extension SessionTraceStore {
    /// Logs a product's details; an image comes along as bytes, kept by their SHA-256 (which
    /// `details.image` must name) in the same transaction.
    public func setProductDetails(_ details: ProductDetails, image: [UInt8]?, actor: LogAuthor) throws(StoreError) -> LogEntry {
        if let image {
            guard let named = details.image, named.sha256 == Hex.lowercase(SHA256.hash(data: image)), named.bytes == image.count else {
                throw .invalid(DomainError(field: "image", rule: "the bytes are not the image the details name"))
            }
        }
        return try write(as: actor) { db in
            try db.requireProduct(details.productID)
            if let image, let named = details.image,
               try db.fetchOne("SELECT sha256 FROM product_image WHERE sha256 = ?", [named.sha256]) == nil {
                try db.execute("INSERT INTO product_image (sha256, media_type, data) VALUES (?, ?, ?)",
                               [named.sha256, named.mediaType, Data(image).base64EncodedString()])
            }
            return try db.append(.productDetails, details, actor: actor.id)
        }
    }

    /// The product's latest details, or nil when none were set.
    public func productDetails(productID: String) throws(StoreError) -> ProductDetails? {
        try read { db in
            guard let row = try db.fetchOne("SELECT payload FROM product_details WHERE product_id = ?", [productID]) else { return nil }
            return try JSONDecoder().decode(ProductDetails.self, from: Data(row.string("payload").utf8))
        }
    }

    /// An image by its SHA-256, only when its bytes still have that hash.
    public func productImage(sha256: String) throws(StoreError) -> (mediaType: String, bytes: [UInt8])? {
        try read { db in
            guard let row = try db.fetchOne("SELECT media_type, data FROM product_image WHERE sha256 = ?", [sha256]),
                  let data = Data(base64Encoded: row.string("data")) else { return nil }
            let bytes = [UInt8](data)
            guard Hex.lowercase(SHA256.hash(data: bytes)) == sha256 else { return nil }
            return (row.string("media_type"), bytes)
        }
    }
}

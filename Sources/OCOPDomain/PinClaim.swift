/// The first correct check of a unit's scratch-off PIN, as the log records it: which unit and
/// the salted hash of the client that checked (as for scans), never the PIN.
public struct PinClaim: Sendable, Equatable, Codable {
    public let product: String
    public let lot: String
    public let serial: String
    public let client: String

    public init(product: String, lot: String, serial: String, client: String) {
        self.product = product
        self.lot = lot
        self.serial = serial
        self.client = client
    }
}

import Crypto
import Foundation
import OCOPDomain

/// The PINs of one batch being issued: drawn from the system's CSPRNG inside the issuing
/// transaction, their hashes handed to the log, the PINs themselves kept only in memory until
/// the codes file is written, then gone.
final class PinDraw: @unchecked Sendable {
    private let pepper: SymmetricKey
    private let lock = NSLock()
    private var pins: [String: String] = [:]

    init(pepper: SymmetricKey) {
        self.pepper = pepper
    }

    /// A fresh PIN for each serial; their hashes in the same order.
    func hashes(_ serials: [String]) -> [String] {
        var generator = SystemRandomNumberGenerator()
        let drawn = serials.map { ($0, ScratchPin(using: &generator)) }
        lock.withLock { for (serial, pin) in drawn { pins[serial] = pin.digits } }
        return drawn.map { serial, pin in pin.hash(serial: serial, pepper: pepper) }
    }

    /// Every PIN drawn, by serial (a transaction that rolled back and was not retried leaves
    /// PINs of serials that were never issued; they are simply never written).
    var bySerial: [String: String] { lock.withLock { pins } }
}

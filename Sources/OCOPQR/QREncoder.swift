import CQREncode
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns payload bytes into a QR matrix through libqrencode.
///
/// Text goes through `QRcode_encodeString` in 8-bit mode with case sensitivity on, so the encoder
/// may pick numeric or alphanumeric segments where they are shorter but never alters a byte
/// (with case sensitivity off it would upper-case the payload). Payloads containing NUL bytes
/// cannot be passed as C strings and go through `QRcode_encodeData`, all in byte mode.
public struct QREncoder: Sendable {
    public var errorCorrection: ErrorCorrection
    /// 0 picks the smallest version that fits; a positive value is only a lower bound.
    public var minimumVersion: Int

    public init(errorCorrection: ErrorCorrection = .medium, minimumVersion: Int = 0) {
        self.errorCorrection = errorCorrection
        self.minimumVersion = minimumVersion
    }

    public func encode(_ text: String) throws(QREncodingError) -> QRMatrix {
        try encode(bytes: Array(text.utf8))
    }

    public func encode(bytes: [UInt8]) throws(QREncodingError) -> QRMatrix {
        guard !bytes.isEmpty else { throw .emptyPayload }
        guard (0...40).contains(minimumVersion) else { throw .invalidVersion(minimumVersion) }
        // ISO/IEC 18004 caps any symbol at 7089 digits; stop absurd inputs before the encoder works on them.
        guard bytes.count <= 7089 else { throw tooLong(bytes.count) }

        errno = 0
        let code: UnsafeMutablePointer<QRcode>?
        if bytes.contains(0) {
            code = bytes.withUnsafeBufferPointer {
                QRcode_encodeData(Int32($0.count), $0.baseAddress, Int32(minimumVersion), level)
            }
        } else {
            code = (bytes + [0]).withUnsafeBufferPointer {
                $0.baseAddress!.withMemoryRebound(to: CChar.self, capacity: $0.count) {
                    QRcode_encodeString($0, Int32(minimumVersion), level, QR_MODE_8, 1)
                }
            }
        }
        guard let code else {
            let failure = errno
            if failure == ERANGE { throw tooLong(bytes.count) }
            throw .encoderFailed(errno: failure)
        }
        defer { QRcode_free(code) }

        let size = Int(code.pointee.width)
        let data = UnsafeBufferPointer(start: code.pointee.data, count: size * size)
        // Bit 0 is the dark module; the other bits are libqrencode's own flags.
        let modules = data.map { $0 & 1 == 1 }
        return QRMatrix(version: Int(code.pointee.version), size: size, modules: modules)
    }

    private var level: QRecLevel {
        switch errorCorrection {
        case .low: return QR_ECLEVEL_L
        case .medium: return QR_ECLEVEL_M
        case .quartile: return QR_ECLEVEL_Q
        case .high: return QR_ECLEVEL_H
        }
    }

    private func tooLong(_ count: Int) -> QREncodingError {
        .payloadTooLong(bytes: count, level: errorCorrection, minimumVersion: minimumVersion)
    }
}

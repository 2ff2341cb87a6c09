import Foundation

/// Reads a PNG's chunks straight from its bytes, without libpng, so tests check our writer
/// against the file format itself.
public struct PNGChunks {
    public struct Header: Equatable {
        public let width: Int, height: Int, bitDepth: Int, colorType: Int
    }

    public let chunks: [(type: String, data: [UInt8])]

    public init(_ bytes: [UInt8]) throws {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 8, Array(bytes[0..<8]) == signature else {
            throw SubprocessError(description: "not a PNG: bad signature")
        }
        var found: [(String, [UInt8])] = []
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = Int(Self.uint32(bytes, offset))
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { throw SubprocessError(description: "truncated \(type) chunk") }
            found.append((type, Array(bytes[(offset + 8)..<(offset + 8 + length)])))
            offset += 12 + length
        }
        chunks = found
    }

    public var header: Header? {
        guard let data = chunks.first(where: { $0.type == "IHDR" })?.data, data.count == 13 else { return nil }
        return Header(width: Int(Self.uint32(data, 0)), height: Int(Self.uint32(data, 4)),
                      bitDepth: Int(data[8]), colorType: Int(data[9]))
    }

    /// pHYs as (x pixels per unit, y pixels per unit, unit: 1 = metre).
    public var physical: (x: UInt32, y: UInt32, unit: UInt8)? {
        guard let data = chunks.first(where: { $0.type == "pHYs" })?.data, data.count == 9 else { return nil }
        return (Self.uint32(data, 0), Self.uint32(data, 4), data[8])
    }

    static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}

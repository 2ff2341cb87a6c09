/// The modules of one QR symbol, without quiet zone: `size` × `size`, row by row, `true` = dark.
public struct QRMatrix: Sendable, Equatable {
    public let version: Int
    public let size: Int
    public let modules: [Bool]

    public init(version: Int, size: Int, modules: [Bool]) {
        precondition(modules.count == size * size, "a QR matrix needs size × size modules")
        self.version = version
        self.size = size
        self.modules = modules
    }

    public subscript(x: Int, y: Int) -> Bool {
        modules[y * size + x]
    }

    public var darkCount: Int {
        modules.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
}

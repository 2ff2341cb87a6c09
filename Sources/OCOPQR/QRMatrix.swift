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

    /// The runs of dark modules in row `y`, left to right: vector writers draw one rectangle a
    /// run instead of one a module.
    public func darkRuns(inRow y: Int) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var x = 0
        while x < size {
            guard self[x, y] else { x += 1; continue }
            let start = x
            while x < size && self[x, y] { x += 1 }
            runs.append(start..<x)
        }
        return runs
    }
}

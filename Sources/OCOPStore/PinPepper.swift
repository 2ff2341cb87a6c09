import Crypto
import Foundation
import OCOPDomain

/// The secret key of the store's PIN hashes (`ScratchPin.hash`), beside the issuer's key: 32
/// random bytes as hex, created 0600 with the first batch issued `--pins`, refused when group or
/// others can read it, never printed. Without it the hashes in the log cannot be tried offline;
/// with it lost, no PIN of the store can be checked again (back it up with the issuer key).
public enum PinPepper {
    public static func path(_ folder: StoreFolder) -> String { folder.path + "/pin-pepper.key" }

    /// The pepper of the store in `folder`; created first when `create` and there is none.
    public static func load(_ folder: StoreFolder, create: Bool) throws(StoreError) -> SymmetricKey {
        let path = path(folder)
        if create, !FileManager.default.fileExists(atPath: path) {
            let key = SymmetricKey(size: .bits256)
            try KeyFiles.writeNew(Hex.lowercase(key.withUnsafeBytes { Array($0) }) + "\n", to: path, mode: 0o600)
            return key
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .key("\(path) is missing: the store has no PIN key (batches issued without --pins), or it was not copied with the issuer key")
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw .key("\(path) is readable by group or others (mode \(String(mode, radix: 8))); run `chmod 600 \(path)`")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let bytes = Self.bytes(hex: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
            throw .key("\(path) is not a PIN key (64 hex digits)")
        }
        return SymmetricKey(data: bytes)
    }

    /// A store copied elsewhere (`migrate` to PostgreSQL) keeps its PINs checkable: the pepper,
    /// when there is one, goes along, 0600, never over a file.
    public static func copy(from source: StoreFolder, to target: StoreFolder) throws(StoreError) {
        guard FileManager.default.fileExists(atPath: path(source)) else { return }
        let key = try load(source, create: false)
        try KeyFiles.writeNew(Hex.lowercase(key.withUnsafeBytes { Array($0) }) + "\n", to: path(target), mode: 0o600)
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}

import Crypto
import Foundation

/// An actor's key pair in its own folder, `<id>.pem` (0600) and `<id>.pub.pem`: handed to the
/// actor, never put into the store (only the public key goes into the log).
public enum ActorKeyFiles {
    public static func privatePath(actor: String, folder: String) -> String { folder + "/" + actor + ".pem" }
    public static func publicPath(actor: String, folder: String) -> String { folder + "/" + actor + ".pub.pem" }

    /// Creates the folder (0700) if needed and a fresh pair; never over an existing file.
    public static func create(actor: String, folder: String) throws(StoreError) -> Curve25519.Signing.PrivateKey {
        try StoreFolder(path: folder).createPrivate(purpose: "actor key folder")
        return try KeyFiles.create(privatePath: privatePath(actor: actor, folder: folder), publicPath: publicPath(actor: actor, folder: folder))
    }

    public static func remove(actor: String, folder: String) {
        try? FileManager.default.removeItem(atPath: privatePath(actor: actor, folder: folder))
        try? FileManager.default.removeItem(atPath: publicPath(actor: actor, folder: folder))
    }

    public static func load(actor: String, folder: String) throws(StoreError) -> Curve25519.Signing.PrivateKey {
        try KeyFiles.loadPrivate(privatePath(actor: actor, folder: folder))
    }
}

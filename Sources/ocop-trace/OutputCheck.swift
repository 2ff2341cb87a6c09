import Foundation
import OCOPRender
import OCOPFailure

/// Checks an output file's folder before work starts, so a long job does not fail at its end.
enum OutputCheck {
    static func writable(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let target = folder.isEmpty ? "." : folder
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isFolder), isFolder.boolValue else {
            throw CLIError(message: "out: cannot write \(path): folder \(target) does not exist", exitCode: OCOPExit.cannotCreate)
        }
        guard access(target, W_OK) == 0 else {
            throw CLIError(message: "out: cannot write \(path): folder \(target) is not writable", exitCode: OCOPExit.cannotCreate)
        }
        try AtomicFile.refuseNonRegularFile(at: path)
    }
}

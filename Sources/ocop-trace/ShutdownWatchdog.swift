import Dispatch
import Foundation

/// Bounds a graceful stop: once SIGTERM or SIGINT arrives, `serve` has `seconds` to finish
/// in-flight requests and flush its scan queue (swift-service-lifecycle does that); if a part
/// of it stalls (seen rarely after a PostgreSQL restart, on a loaded machine), the process ends
/// anyway so that a supervisor's stop never hangs. The signal itself is left to the service group.
final class ShutdownWatchdog: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    init(seconds: Double) {
        for number in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                    FileHandle.standardError.write(Data("ocop-trace serve: the graceful stop took over \(Int(seconds)) s; stopping now\n".utf8))
                    exit(0)
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}

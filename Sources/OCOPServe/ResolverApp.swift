import Foundation
import Hummingbird
import NIOCore
import OCOPStore

/// Builds and runs the resolver as a Hummingbird application.
public enum ResolverApp {
    /// Connections idle this long are closed: slow clients cannot hold sockets open.
    public static let idleTimeout = TimeAmount.seconds(30)

    public static func make(
        store: any TraceStore, configuration: ResolverConfiguration, host: String = "127.0.0.1", port: Int = 8080,
        onRunning: @escaping @Sendable (Int) -> Void = { _ in }
    ) throws -> Application<ResolverResponder> {
        let resolver = try Resolver(store: store, configuration: configuration)
        let responder = try ResolverResponder(resolver: resolver, configuration: configuration)
        return Application(
            responder: responder,
            server: .http1(configuration: .init(idleTimeout: idleTimeout)),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? port) }
        )
    }
}

/// The resolver's application type, so callers need not import Hummingbird.
public typealias ResolverApplication = Application<ResolverResponder>

extension Application where Responder == ResolverResponder {
    /// Runs until SIGINT or SIGTERM.
    public func runUntilSignalled() async throws {
        try await runService()
    }
}

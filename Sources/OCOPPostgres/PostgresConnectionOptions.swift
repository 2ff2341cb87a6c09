/// How long a PostgreSQL store waits, and for what: the resolver asks for short waits (a page
/// answers 503 rather than hang), the commands for patient ones.
public struct PostgresConnectionOptions: Sendable {
    /// A TCP connect and the startup handshake.
    public var connectTimeout: Duration
    /// Any one statement, enforced by the server (`statement_timeout`). Waiting for the writer
    /// lock is bounded by the lock timeout instead.
    public var statementTimeout: Duration
    /// Waiting for a connection from the pool, a connect included: an unreachable server is an
    /// error after this long, never a hang.
    public var leaseTimeout: Duration
    /// Connections the pool may open.
    public var maximumConnections: Int

    public init(connectTimeout: Duration = .seconds(10), statementTimeout: Duration = .seconds(300),
                leaseTimeout: Duration = .seconds(15), maximumConnections: Int = 2) {
        self.connectTimeout = connectTimeout
        self.statementTimeout = statementTimeout
        self.leaseTimeout = leaseTimeout
        self.maximumConnections = maximumConnections
    }

    /// For commands run by a person: patient, few connections.
    public static let command = PostgresConnectionOptions()

    /// For the resolver: a page waits at most about 1.5 s for the database.
    public static func resolver(connections: Int) -> PostgresConnectionOptions {
        PostgresConnectionOptions(connectTimeout: .seconds(1), statementTimeout: .seconds(5),
                                  leaseTimeout: .milliseconds(1500), maximumConnections: connections)
    }
}

/// What a server's SQLSTATE says about the connection its answer came on.
enum SQLState {
    /// Class 08 (connection exception) and 57P (the server shutting down, crashed, restarting):
    /// the session is gone; anything else is the statement's own failure.
    static func endsSession(_ state: String) -> Bool {
        state.hasPrefix("08") || state.hasPrefix("57P")
    }

    /// 57P01-57P03: the server is going down or starting; a new connection may be served (a restart).
    static func isShutdown(_ state: String) -> Bool {
        state.hasPrefix("57P0")
    }
}

import Synchronization

/// Wrong scratch-off PINs per unit and client (salted hash) over one day: at most `limit`, so a
/// PIN cannot be guessed through the form. Kept in memory; a new day starts afresh.
final class WrongPins: Sendable {
    private struct State {
        var day = ""
        var counts: [String: Int] = [:]
    }

    let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = limit
    }

    /// Whether this client may still try a PIN for this unit today.
    func allows(serial: String, client: String, day: String) -> Bool {
        state.withLock { state in
            state.day == day ? state.counts[serial + "|" + client, default: 0] < limit : true
        }
    }

    func recordWrong(serial: String, client: String, day: String) {
        state.withLock { state in
            if state.day != day { state = State(day: day) }
            state.counts[serial + "|" + client, default: 0] += 1
        }
    }
}

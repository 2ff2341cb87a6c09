import OCOPDomain

/// One `restamp` run as the log keeps it (`restamp_run`).
public struct RestampRun: Sendable, Equatable, Codable {
    /// The day ratings were judged on.
    public let day: CalendarDate
    /// Products listed to take off the shelves whose stamps this tool never printed.
    public let outside: [String]

    /// `lastRestampRun` without a scan of the log (both engines).
    public static let indexSQL = "CREATE INDEX IF NOT EXISTS log_restamp_runs ON log(seq) WHERE kind = 'restamp_run'"

    public init(day: CalendarDate, outside: [String]) {
        self.day = day
        self.outside = outside
    }
}

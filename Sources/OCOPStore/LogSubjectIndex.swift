/// The expression indexes that let `verify` read a unit's facts from the log itself: the
/// entries of a product, a batch or a serial, found by fields of their JSON payload. Both are
/// maintained by the database engine from the log's own bytes, not by a table the tool writes.
public enum LogSubjectIndex {
    public static let sqlite = """
        CREATE INDEX IF NOT EXISTS log_by_subject ON log(json_extract(payload, '$.product'), json_extract(payload, '$.lot'),
            json_extract(payload, '$.serial')) WHERE \(LogSubjectQuery.kinds);
        CREATE INDEX IF NOT EXISTS log_by_registry_id ON log(json_extract(payload, '$.id')) WHERE \(LogSubjectQuery.registryKinds);
        """

    public static let postgres = """
        CREATE INDEX IF NOT EXISTS log_by_subject ON log(((payload::jsonb ->> 'product')), ((payload::jsonb ->> 'lot')),
            ((payload::jsonb ->> 'serial'))) WHERE \(LogSubjectQuery.kinds);
        CREATE INDEX IF NOT EXISTS log_by_registry_id ON log(((payload::jsonb ->> 'id'))) WHERE \(LogSubjectQuery.registryKinds);
        """
}

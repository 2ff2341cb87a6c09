// ocop-bench: builds large stores and measures store operations in-process, for bench/run.sh.
// Not installed with ocop-trace; it links the same OCOPStore library the CLI uses.
//
//   ocop-bench fill    --store DIR --product ID --lot-prefix P --units N --per-batch M --sample K --codes FILE
//   ocop-bench events  --store DIR --product ID --lot-prefix P --lots L --events N
//   ocop-bench verify  --store DIR --codes FILE --count N [--json FILE]
// --store also takes postgres://user@host:port/db (with --keys DIR where a key is needed).
import Dispatch
import Foundation
import OCOPDomain
import OCOPKit
import OCOPPostgres
import OCOPStore

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ocop-bench: \(message)\n".utf8))
    exit(1)
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func options(_ arguments: ArraySlice<String>) -> [String: String] {
    var result: [String: String] = [:]
    var iterator = arguments.makeIterator()
    while let key = iterator.next() {
        guard key.hasPrefix("--"), let value = iterator.next() else { fail("expected --key value, got \(key)") }
        result[String(key.dropFirst(2))] = value
    }
    return result
}

func required(_ options: [String: String], _ key: String) -> String {
    guard let value = options[key] else { fail("--\(key) is required") }
    return value
}

func int(_ options: [String: String], _ key: String, _ fallback: Int? = nil) -> Int {
    if let text = options[key] {
        guard let value = Int(text) else { fail("--\(key): \(text) is not a number") }
        return value
    }
    guard let fallback else { fail("--\(key) is required") }
    return fallback
}

/// A store folder, or a postgres:// store with its key folder (`--keys`, default ./.ocop-trace-keys).
func open(_ o: [String: String]) -> any SessionTraceStore {
    let path = required(o, "store")
    do {
        guard PostgresURL.isPostgres(path) else { return try SQLiteTraceStore(folder: StoreFolder(path: path)) }
        return try PostgresTraceStore(url: PostgresURL(parsing: path), keyFolder: StoreFolder(path: o["keys"] ?? ".ocop-trace-keys"))
    } catch {
        fail("\(error)")
    }
}

/// Deterministic sampling (SplitMix64), so runs pick the same codes.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
    return sorted[max(0, min(sorted.count - 1, rank))]
}

/// Issues `units` unit codes in batches of `per-batch`, and writes the signed codes of a random
/// sample of them (CSV uri,short_code,serial) for verify runs.
func fill(_ o: [String: String]) {
    let store = open(o)
    let productID = required(o, "product")
    let prefix = required(o, "lot-prefix")
    let total = int(o, "units"), perBatch = int(o, "per-batch", 100_000), sample = int(o, "sample", 10_000)
    let codesPath = required(o, "codes")
    let book: CodeBook
    let product: Product
    do {
        book = try CodeBook(folder: store.keyFolder, settings: store.settings)
        guard let found = try store.product(id: productID) else { fail("no product \(productID)") }
        product = found
    } catch { fail("\(error)") }
    var generator = SplitMix(state: 42)
    var lines = ["uri,short_code,serial"]
    let perBatchSample = max(1, sample * perBatch / max(total, 1))
    var issued = 0, index = 0
    let start = now()
    while issued < total {
        index += 1
        let count = min(perBatch, total - issued)
        let lot = "\(prefix)\(index)"
        do {
            let batch = try Batch(productID: productID, lot: lot, units: count, produced: nil, expires: nil)
            let result = try store.issueBatch(batch, actor: try store.creatorAuthor(), progress: nil)
            for _ in 0..<min(perBatchSample, result.units.count) {
                let unit = result.units[Int.random(in: 0..<result.units.count, using: &generator)]
                let link = try book.unitLink(unit, product: product)
                lines.append("\(link.uri),\(unit.shortCode),\(unit.serial)")
            }
        } catch { fail("\(lot): \(error)") }
        issued += count
        FileHandle.standardError.write(Data("fill: \(issued)/\(total) units, \(String(format: "%.1f", now() - start)) s\n".utf8))
    }
    do { try (lines.joined(separator: "\n") + "\n").write(toFile: codesPath, atomically: true, encoding: .utf8) } catch { fail("\(error)") }
    print(String(format: "fill: %d units in %.2f s", total, now() - start))
}

/// Appends `events` chain events spread over the lots `<lot-prefix>1…<lot-prefix><lots>`: two
/// batch-level events per lot (packing, shipping), the rest unit-level receiving/storing steps on
/// random units, in transactions of 20,000.
func events(_ o: [String: String]) {
    let store = open(o)
    let productID = required(o, "product"), prefix = required(o, "lot-prefix")
    let lots = (1...int(o, "lots", 1)).map { "\(prefix)\($0)" }
    let total = int(o, "events")
    var units: [[UnitRecord]] = []
    do {
        for lot in lots {
            let found = try store.units(productID: productID, lot: lot)
            guard !found.isEmpty else { fail("lot \(lot) has no units") }
            units.append(found)
        }
    } catch { fail("\(error)") }
    var generator = SplitMix(state: 7)
    // EventTime formats with a fresh ISO8601DateFormatter each time: build a few and reuse them.
    let base = Date(timeIntervalSince1970: 1_780_000_000)
    let times = (0..<1000).map { EventTime(date: base.addingTimeInterval(Double($0 * 60))) }
    let start = now()
    var done = 0
    var all: [ChainEvent] = []
    do {
        for lot in lots {
            all.append(try ChainEvent(productID: productID, lot: lot, step: .packing, at: times[0], location: "HTX Cầu Kè"))
            all.append(try ChainEvent(productID: productID, lot: lot, step: .shipping, disposition: .inTransit, at: times[1], location: "Cầu Kè"))
        }
    } catch { fail("\(error)") }
    while done < total {
        let count = min(20_000, total - done)
        var chunk: [ChainEvent] = done == 0 ? all : []
        chunk.reserveCapacity(count)
        do {
            while chunk.count < count {
                let n = done + chunk.count
                let lot = Int.random(in: 0..<lots.count, using: &generator)
                let unit = units[lot][Int.random(in: 0..<units[lot].count, using: &generator)]
                chunk.append(try ChainEvent(productID: productID, lot: lots[lot], serial: unit.serial,
                                            step: n % 2 == 0 ? .receiving : .storing,
                                            at: times[2 + n % 998], location: "Điểm bán OCOP \(n % 50)"))
            }
            _ = try store.addChainEvents(chunk, actor: try store.creatorAuthor())
        } catch { fail("\(error)") }
        done += count
        FileHandle.standardError.write(Data("events: \(done)/\(total), \(String(format: "%.1f", now() - start)) s\n".utf8))
    }
    print(String(format: "events: %d in %.2f s", total, now() - start))
}

/// Verifies `count` codes picked at random (with replacement) from the codes file, each through
/// the same VerifyCode the CLI uses, on one open store; prints open time and latency percentiles.
func verify(_ o: [String: String]) {
    let count = int(o, "count", 10_000)
    let text: String
    do { text = try String(contentsOfFile: required(o, "codes"), encoding: .utf8) } catch { fail("\(error)") }
    let codes = text.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
    guard !codes.isEmpty else { fail("no codes") }
    let openStart = now()
    let store = open(o)
    let check = VerifyCode(store: store)  // as the CLI does: every key from the log, on every check
    let openTime = now() - openStart
    let day = try! CalendarDate(parsing: "2026-12-01", field: "on")
    var generator = SplitMix(state: 11)
    var times: [Double] = []
    times.reserveCapacity(count)
    var verdicts: [String: Int] = [:]
    let start = now()
    for _ in 0..<count {
        let code = codes[Int.random(in: 0..<codes.count, using: &generator)]
        let t0 = now()
        let report: VerificationReport
        do { report = try check(code, on: day) } catch { fail("\(error)") }
        times.append(now() - t0)
        verdicts[report.verdict.rawValue, default: 0] += 1
    }
    let wall = now() - start
    times.sort()
    let result: [String: Any] = [
        "count": count, "open_ms": openTime * 1000, "total_s": wall,
        "p50_ms": percentile(times, 50) * 1000, "p90_ms": percentile(times, 90) * 1000,
        "p99_ms": percentile(times, 99) * 1000, "max_ms": (times.last ?? 0) * 1000,
        "verdicts": verdicts,
    ]
    let json = try! JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { fail("usage: ocop-bench fill|events|verify --store DIR …") }
let parsed = options(arguments.dropFirst(2))
switch arguments[1] {
case "fill": fill(parsed)
case "events": events(parsed)
case "verify": verify(parsed)
default: fail("unknown command \(arguments[1])")
}

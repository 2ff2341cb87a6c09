import Foundation
import TestSupport
import Testing

/// Every input in Tests/FuzzCorpus (seeds, and any crash `make fuzz` ever found) goes through the
/// fuzz targets again on every test run, in the plain build that replays files.
@Suite struct FuzzRegressionTests {
    @Test(arguments: ["codes", "template"])
    func corpusReplaysWithoutCrashing(target: String) throws {
        let corpus = ProjectPaths.root.appendingPathComponent("Tests/FuzzCorpus/\(target)")
        var files = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted().map { corpus.appendingPathComponent($0).path }
        if target == "template" {
            let templates = ProjectPaths.root.appendingPathComponent("Templates")
            files += try FileManager.default.contentsOfDirectory(atPath: templates.path)
                .filter { $0.hasSuffix(".json") }.map { templates.appendingPathComponent($0).path }
        }
        #expect(!files.isEmpty)
        let replay = ProjectPaths.buildProducts.appendingPathComponent("ocop-fuzz")
        let result = try run(replay, [target] + files)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("replayed \(files.count) input(s)"))
    }
}

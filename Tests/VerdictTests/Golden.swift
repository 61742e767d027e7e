import Foundation
import Testing

/// Compares text with a golden file; `VERDICT_RECORD=1 swift test` writes the golden instead.
func assertGolden(_ actual: String, _ relPath: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let path = Repo.path(relPath)
    if ProcessInfo.processInfo.environment["VERDICT_RECORD"] != nil {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? actual.write(toFile: path, atomically: true, encoding: .utf8)
    }
    let golden = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "(missing golden file \(relPath); record with VERDICT_RECORD=1)"
    #expect(actual == golden, "differs from \(relPath)", sourceLocation: sourceLocation)
}

import Foundation
import VerdictCore

/// Where the shipped files are found, for the CLI and the server alike.
public enum Installation {
    /// `./NAME`, else beside the executable (and its parent), else the source tree it was built from.
    public static func find(_ name: String) -> String? {
        let fm = FileManager.default
        if fm.fileExists(atPath: name) { return name }
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        var candidates = [exe.appendingPathComponent(name).path, exe.deletingLastPathComponent().appendingPathComponent(name).path]
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(source.appendingPathComponent(name).path)
        return candidates.first { fm.fileExists(atPath: $0) }
    }

    /// `schema/dossier.xsd` beside the rules directory, else an installed or source-tree copy.
    public static func schemaPath(rulesDirectory: String) -> String {
        // Not NSString's path methods: on Linux they trap on a one-letter path (`--rules r`).
        let beside = PathText.joined(PathText.parent(rulesDirectory), "schema/dossier.xsd")
        if FileManager.default.fileExists(atPath: beside) { return beside }
        return find("schema/dossier.xsd") ?? "schema/dossier.xsd"
    }
}

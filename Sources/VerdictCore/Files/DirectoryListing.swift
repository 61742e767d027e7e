import Foundation

/// Every path under a directory, relative to it. A directory reached through a symbolic link
/// (`verdict check cases/` where `cases` links elsewhere, `--rules` naming a link) is listed
/// through its target: Foundation's enumerator does not follow a link it starts from, and the
/// folder would look empty. The paths stay relative, so callers keep the directory as given.
public enum DirectoryListing {
    public static func relativePaths(in directory: String) -> [String]? {
        let target = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        guard let e = FileManager.default.enumerator(atPath: target) else { return nil }
        return e.compactMap { $0 as? String }
    }
}

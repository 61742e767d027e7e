import Foundation
import Testing

/// The workspace in a real browser: Tests/Browser/workspace_test.py drives headless Chromium
/// (Debian `chromium` + `chromium-driver`) with Selenium against a started server. `.ci/run`
/// installs all three; where one is missing the test is skipped and says which (never a pass).
@Suite("workspace in headless Chromium", .serialized)
struct WebBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let chromedriver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let selenium: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import selenium"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    static var missing: [String] {
        var m: [String] = []
        if chromium == nil { m.append("chromium (apt: chromium)") }
        if chromedriver == nil { m.append("chromedriver (apt: chromium-driver)") }
        if !selenium { m.append("selenium (pip: selenium)") }
        return m
    }

    static let screenshots = Repo.path(".build-artifacts/screenshots")

    @Test("log in, upload two dossiers, explanation, training by keyboard, what-if, print a draft; no console error; screenshots",
          .enabled(if: WebBrowserTests.missing.isEmpty, "browser test not run: missing \(WebBrowserTests.missing.joined(separator: ", ")); .ci/run installs them"))
    func workspaceInChromium() throws {
        let s = try ServerProcess()
        try? FileManager.default.removeItem(atPath: Self.screenshots)
        var env = ProcessInfo.processInfo.environment
        env["VERDICT_PASSWORD"] = ServerProcess.password
        env["SE_OFFLINE"] = "true"  // Selenium Manager must not fetch a driver: the Debian one is named
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Repo.path("Tests/Browser/workspace_test.py"), "--base", "http://127.0.0.1:\(s.port)", "--user", "clerk",
                       "--screenshots", Self.screenshots, "--chromium", Self.chromium!, "--chromedriver", Self.chromedriver!,
                       Repo.path("examples/series/dismissal/01-vote.xml"), Repo.path("examples/series/dismissal/03-termination.xml")]
        p.environment = env
        p.currentDirectoryURL = Repo.root
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        print(text)
        #expect(p.terminationStatus == 0, "workspace_test.py exited \(p.terminationStatus):\n\(text)\nserver log:\n\(s.log.suffix(3000))")
        #expect(text.contains("PASSED"))
        let shots = (try? FileManager.default.contentsOfDirectory(atPath: Self.screenshots)) ?? []
        #expect(shots.filter { $0.hasSuffix(".png") }.count >= 10, "screenshots: \(shots)")
        s.stop()
    }
}

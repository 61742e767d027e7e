import ArgumentParser
import Foundation
import VerdictCore

@main
struct Verdict: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verdict",
        abstract: "Checks property-management dossiers against the Civil Code and local rules.",
        version: "verdict \(VerdictVersion.current)",
        subcommands: [Check.self, NewCommand.self, Explain.self, Walk.self, DraftCommand.self, TestCommand.self, FmtCommand.self, LintCommand.self, LSPCommand.self, DiffCommand.self, ImportCommand.self, ExportCommand.self]
    )

    /// Usage errors exit with 2 (REPORT.md), not ArgumentParser's 64.
    /// Commands run on a worker thread with a known, ordinary stack (`StackSegments.segmentBytes`);
    /// deep but legal rule expressions and chains continue on fresh segments as they need them.
    static func main() {
        Interrupt.install()
        let done = DispatchSemaphore(value: 0)
        let worker = Thread {
            runCommand()
            done.signal()
        }
        worker.stackSize = StackSegments.segmentBytes
        worker.start()
        done.wait()
        Foundation.exit(0)
    }

    static func runCommand() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let failure as WriteFailure {
            FileHandle.standardError.write("verdict: \(failure)\n".data(using: .utf8) ?? Data())
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write((fullMessage(for: error) + "\n").data(using: .utf8) ?? Data())
            if message(for: error).isEmpty == false, code != .validationFailure {
                Foundation.exit(code.rawValue == 1 ? 1 : 2)
            }
            Foundation.exit(2)
        }
    }
}

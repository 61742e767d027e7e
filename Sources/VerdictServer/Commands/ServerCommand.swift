import ArgumentParser
import Foundation
import Logging

/// `verdict-server [serve options]` and `verdict-server user add|list|remove`.
public struct VerdictServerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "verdict-server",
        abstract: "The bureau's Verdict service: dossiers checked and kept, deadlines, access by role.",
        subcommands: [Serve.self, UserCommand.self],
        defaultSubcommand: Serve.self
    )

    public init() {}

    /// Parses the command line and runs the command (asynchronously: the server and the stores are async).
    public static func start() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// Where the accounts and dossiers are kept.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Directory of the embedded database (SQLite, one file).")
    var data: String = "./verdict-data"

    @Option(name: .long, help: "postgres://USER:PASSWORD@HOST:PORT/DATABASE: use PostgreSQL instead of the embedded database.")
    var database: String?
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the service (the default).")

    @Option(name: .long, help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on (0: any free port; the start-up line names it).")
    var port: Int = 8080

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Rules directory (default: ./rules, else the rules installed with verdict-server).")
    var rules: String?

    @Option(name: .long, help: "Largest dossier accepted, in bytes (default 64 MiB).")
    var maxDossierBytes: Int = 64 * 1024 * 1024

    @Option(name: .long, help: "Seconds one check may take before the request answers 503.")
    var checkTimeout: Double = 30

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard maxDossierBytes >= 1 else { throw ValidationError("--max-dossier-bytes must be at least 1") }
        guard checkTimeout > 0 else { throw ValidationError("--check-timeout must be more than 0 seconds") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level: one of trace, debug, info, notice, warning, error, critical") }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
        let logger = Logger(label: "verdict-server")
        var config = ServerConfiguration()
        config.host = host
        config.port = port
        config.dataDirectory = store.data
        config.database = store.database
        config.rulesDirectory = rules
        config.maxDossierBytes = maxDossierBytes
        config.checkTimeout = checkTimeout
        let storage: any Storage
        do {
            storage = try await StorageOpener.open(data: store.data, database: store.database)
        } catch {
            FileHandle.standardError.write(Data("verdict-server: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let service: VerdictService
        do {
            service = try VerdictService(configuration: config, storage: storage, logger: logger)
        } catch {
            try? await storage.close()
            FileHandle.standardError.write(Data("verdict-server: \(error)\n".utf8))
            throw ExitCode(2)
        }
        do {
            try await service.run()
        } catch {
            FileHandle.standardError.write(Data("verdict-server: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the accounts (may run before the server has ever started; creates the database).",
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; the password is read from standard input.")

        @Argument(help: "The user's name.")
        var name: String

        @Option(name: .long, help: "bureau, committee:ID or firm:ID.")
        var role: String

        @Flag(name: .long, help: "Read the password from standard input (one line).")
        var passwordStdin = false

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard passwordStdin else { throw ValidationError("give the password on standard input with --password-stdin, never on the command line") }
            guard Role(role) != nil else { throw ValidationError("--role `\(role)`: bureau, committee:ID or firm:ID (e.g. committee:JC-CQ-0402)") }
            guard UserNames.valid(name) else {
                throw ValidationError("a user name is 1 to 100 characters without spaces")
            }
        }

        func run() async throws {
            var password = readLine(strippingNewline: true) ?? ""
            if password.hasSuffix("\r") { password.removeLast() }
            guard !password.isEmpty else {
                FileHandle.standardError.write(Data("verdict-server: no password on standard input\n".utf8))
                throw ExitCode(2)
            }
            try await withStorage(store) { storage in
                try await storage.addUser(UserRecord(name: name, role: role, passwordHash: Passwords.hash(password), createdAt: Date()))
                try await storage.appendAudit(AuditEntry(at: Date(), user: "(command line)", action: "user add", target: name, outcome: role))
                print("added \(name) (\(role))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users and their roles.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await withStorage(store) { storage in
                for u in try await storage.users() { print("\(u.name)\t\(u.role)") }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a user and end their sessions.")

        @Argument(help: "The user's name.")
        var name: String

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await withStorage(store) { storage in
                guard try await storage.removeUser(named: name) else {
                    FileHandle.standardError.write(Data("verdict-server: no user named `\(name)`\n".utf8))
                    throw ExitCode(1)
                }
                try await storage.appendAudit(AuditEntry(at: Date(), user: "(command line)", action: "user remove", target: name, outcome: "ok"))
                print("removed \(name)")
            }
        }
    }
}

/// Opens the store, runs `body`, closes it; a store that cannot open says why and exits 2.
func withStorage(_ options: StoreOptions, _ body: (any Storage) async throws -> Void) async throws {
    let storage: any Storage
    do {
        storage = try await StorageOpener.open(data: options.data, database: options.database)
    } catch {
        FileHandle.standardError.write(Data("verdict-server: \(error)\n".utf8))
        throw ExitCode(2)
    }
    do {
        try await body(storage)
    } catch let e as StorageError {
        try? await storage.close()
        FileHandle.standardError.write(Data("verdict-server: \(e)\n".utf8))
        throw ExitCode(1)
    } catch {
        try? await storage.close()
        throw error
    }
    try? await storage.close()
}

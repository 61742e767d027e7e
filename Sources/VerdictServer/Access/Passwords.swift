import Crypto
import Foundation
import HummingbirdBcrypt

/// Passwords only as bcrypt hashes; session tokens only as SHA-256 digests.
public enum Passwords {
    /// 2^10 rounds: about a tenth of a second a login on a bureau's server.
    static let cost: UInt8 = 10

    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// Checked against when the name is unknown, so that a wrong name takes as long as a wrong password.
    static let decoy: String = Bcrypt.hash("decoy-\(UUID().uuidString)", cost: cost)

    /// A new token: 32 random bytes (the system's cryptographic generator), URL-safe.
    static func newToken() -> String {
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A new stored dossier's id: 16 random bytes, hex (ids leak nothing, not even an order).
    static func newDossierId() -> String {
        var g = SystemRandomNumberGenerator()
        return "d" + (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }
}

import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

// sculpt:part password-hash
/// Passwords are stored only as salted bcrypt hashes.
///
/// bcrypt reads at most 72 bytes, and the schema allows longer passwords, so the password is first
/// reduced to its SHA-256 digest (base64, 44 characters): every character counts. Hashing takes a
/// deliberate quarter of a second or so, so it runs on the thread pool, never on an event loop.
struct Passwords: Sendable {
    let cost: UInt8

    func hash(_ password: String) async throws -> String {
        let input = Self.prehash(password)
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(input, cost: cost) }
    }

    /// The same hash, on the calling thread: for the admin account at start, before the server serves.
    func hashNow(_ password: String) -> String {
        Bcrypt.hash(Self.prehash(password), cost: cost)
    }

    // sculpt:part password-verify
    /// Whether `password` matches `hash`; without a hash (unknown account) it spends the same time
    /// on a throwaway hash, so timing does not tell which accounts exist.
    func verify(_ password: String, hash: String?) async throws -> Bool {
        let input = Self.prehash(password)
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive {
            guard let hash else {
                _ = Bcrypt.hash(input, cost: cost)
                return false
            }
            return Bcrypt.verify(input, hash: hash)
        }
    }

    static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}

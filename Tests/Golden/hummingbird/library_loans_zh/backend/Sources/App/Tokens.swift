import Crypto
import Foundation

// sculpt:part token-issue
/// Signed, expiring bearer tokens: `base64url(payload).base64url(HMAC-SHA256(payload))`, where the
/// payload is `{"sub": <user id>, "exp": <unix time>}`. The key comes from SECRET_KEY (or is random).
struct Tokens: Sendable {
    let key: SymmetricKey
    /// Seconds a token stays valid.
    let lifetime: Int
    /// Seconds added to the system clock (CLOCK_OFFSET_SECONDS), so a test sees expiry without waiting.
    let clockOffset: Int

    init(secret: [UInt8], lifetime: Int, clockOffset: Int = 0) {
        key = SymmetricKey(data: secret)
        self.lifetime = lifetime
        self.clockOffset = clockOffset
    }

    /// The app's clock: the system's, moved by `clockOffset`.
    var now: Date { Date().addingTimeInterval(TimeInterval(clockOffset)) }

    struct Claims: Codable {
        var sub: Int64
        var exp: Int64
    }

    func issue(userID: Int64, now: Date? = nil) -> String {
        let now = now ?? self.now
        let claims = Claims(sub: userID, exp: Int64(now.timeIntervalSince1970) + Int64(lifetime))
        let payload = Self.base64URL((try? JSONEncoder().encode(claims)) ?? Data())
        return payload + "." + signature(payload)
    }

    /// The user id a token names, when its signature is right and it has not expired.
    func userID(from token: String, now: Date? = nil) -> Int64? {
        let now = now ?? self.now
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 512 else { return nil }
        let payload = String(parts[0])
        // Compare the signature as text, in constant time: every character must match.
        guard Self.constantTimeEqual(Array(signature(payload).utf8), Array(parts[1].utf8)),
              let data = Self.data(base64URL: payload),
              let claims = try? JSONDecoder().decode(Claims.self, from: data),
              claims.exp > Int64(now.timeIntervalSince1970) else { return nil }
        return claims.sub
    }

    func signature(_ payload: String) -> String {
        Self.base64URL(Data(HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)))
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: String) -> Data? {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s)
    }
}

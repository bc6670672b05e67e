/// The cost of the scrypt key derivation that encrypts a minisign secret key, stored in the key file as libsodium's
/// `opslimit` and `memlimit`.
public struct ScryptParameters: Sendable, Equatable {
    /// libsodium's operations limit.
    public var opsLimit: UInt64
    /// libsodium's memory limit in bytes.
    public var memLimit: UInt64

    /// Creates parameters from libsodium's limits.
    public init(opsLimit: UInt64, memLimit: UInt64) {
        self.opsLimit = opsLimit
        self.memLimit = memLimit
    }

    /// What `minisign -G` uses (libsodium's `*_SENSITIVE`): N = 2^20, r = 8, p = 1, 1 GiB of memory.
    public static let minisignDefault = ScryptParameters(opsLimit: 33_554_432, memLimit: 1_073_741_824)

    /// libsodium's `*_INTERACTIVE` limits: N = 2^14, r = 8, p = 1, 16 MiB; for tests and constrained runners.
    public static let interactive = ScryptParameters(opsLimit: 524_288, memLimit: 16_777_216)

    /// scrypt's N (as log2), r and p, chosen from the limits exactly as libsodium's `pickparams` does, so a key
    /// encrypted by minisign decrypts here and the other way round.
    public var costs: (logN: Int, r: Int, p: Int) {
        let opsLimit = max(self.opsLimit, 32_768)
        let r: UInt64 = 8
        var logN: UInt64 = 1
        var p: UInt64
        if opsLimit < memLimit / 32 {
            p = 1
            let maxN = opsLimit / (r * 4)
            while logN < 63, (UInt64(1) << logN) <= maxN / 2 { logN += 1 }
        } else {
            let maxN = memLimit / (r * 128)
            while logN < 63, (UInt64(1) << logN) <= maxN / 2 { logN += 1 }
            let maxRP = min((opsLimit / 4) / (UInt64(1) << logN), 0x3FFF_FFFF)
            p = maxRP / r
        }
        return (Int(logN), Int(r), Int(p))
    }
}

/// The CVSS versions whose vector strings Slipway parses and scores.
public enum CVSSVersion: String, Sendable, Hashable, Codable {
    // The case names are the agreed interface of the vulnerability matcher; they read as version numbers.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    case v3_0 = "3.0"
    // swift-format-ignore: AlwaysUseLowerCamelCase
    case v3_1 = "3.1"
    // swift-format-ignore: AlwaysUseLowerCamelCase
    case v4_0 = "4.0"

    /// A vector of this version with every base metric, for error messages that show what a valid vector looks like.
    var exampleVector: String {
        switch self {
        case .v3_0: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
        case .v3_1: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
        case .v4_0: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
        }
    }
}

import Testing
import Versioning

@Suite struct ReleaseTypeTests {
    @Test("release types order patch < minor < major")
    func ordering() {
        #expect(ReleaseType.patch < .minor && ReleaseType.minor < .major)
        #expect([ReleaseType.minor, .major, .patch].max() == .major)
    }
}

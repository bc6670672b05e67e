import Signing
import Testing

@Suite struct SigningModuleTests {
    @Test func moduleNameIsStable() {
        #expect(SigningModule.name == "Signing")
    }
}

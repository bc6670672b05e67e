import Ledger
import Testing

@Suite struct LedgerModuleTests {
    @Test func moduleNameIsStable() {
        #expect(LedgerModule.name == "Ledger")
    }
}

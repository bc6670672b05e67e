import Testing

@testable import WorkflowAudit

@Suite struct ActionReferenceTests {
    @Test(
        "a ref is a commit pin only when it is 40 or 64 ASCII hex digits",
        arguments: [
            ("actions/checkout@8e5e7e5ab8b370d6c329ec480221332ada57f0ab", true),
            ("actions/checkout@8E5E7E5AB8B370D6C329EC480221332ADA57F0AB", true),
            ("owner/repo/path@" + String(repeating: "0123456789abcdef", count: 4), true),
            ("actions/checkout@8e5e7e5ab8b370d6c329ec480221332ada57f0a", false),
            ("actions/checkout@8e5e7e5ab8b370d6c329ec480221332ada57f0abc", false),
            ("actions/checkout@8e5e7e5ab8b370d6c329ec480221332ada57f0ag", false),
            ("actions/checkout@v4", false),
            ("actions/checkout@main", false),
            ("actions/checkout", false),
            // Fullwidth digits are hex digits to `Character.isHexDigit`, but no git object name.
            ("actions/checkout@" + String(repeating: "\u{FF11}", count: 40), false),
        ]
    )
    func commitPins(uses: String, pinned: Bool) {
        #expect(ActionReference(uses).isPinnedToCommit == pinned)
    }
}

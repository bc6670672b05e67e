import Testing

@testable import SlipwayCore

@Suite struct AllocatorTuningTests {
    @Test("on glibc: a 16 MiB top pad, a 256 MiB trim threshold and a fixed 32 MiB mmap threshold")
    func defaultSettings() {
        let settings = AllocatorTuning.settings(glibcTunables: nil)
        #if os(Linux) && canImport(Glibc)
            #expect(
                settings.map(\.description) == [
                    "M_MMAP_THRESHOLD=33554432", "M_TOP_PAD=16777216", "M_TRIM_THRESHOLD=268435456",
                ]
            )
            #expect(settings.map(\.parameter) == [-3, -2, -1])
        #else
            #expect(settings.isEmpty)
        #endif
    }

    @Test("malloc tunables the operator set in GLIBC_TUNABLES win; other tunables do not count")
    func operatorTunablesWin() {
        #expect(AllocatorTuning.settings(glibcTunables: "glibc.malloc.arena_max=1").isEmpty)
        let unrelated = AllocatorTuning.settings(glibcTunables: "glibc.rtld.optional_static_tls=512")
        #expect(unrelated == AllocatorTuning.settings(glibcTunables: nil))
    }

    @Test("glibc accepts every setting")
    func applied() {
        let wanted = AllocatorTuning.settings(glibcTunables: nil)
        #expect(AllocatorTuning.configureForShortLivedProcess(glibcTunables: nil) == wanted)
    }
}

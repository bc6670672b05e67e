import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Inflates the whole (non-delta) commit entries of one pack ahead of a commit walk, on a second thread, in the
/// order the walk is expected to read them: a pack stores a linear history's commits next to each other, newest
/// first (`git pack-objects`) or oldest first (`git fast-import`), so once the walk has gone a few steps the next
/// commits are the pack's neighbouring entries in the same direction.
///
/// A guess only, and an exact one: the thread decodes an entry with the same code (entry header, zlib, size check)
/// as the walk would, and the walk takes a result only for the very offset it asked for. Anything the thread did
/// not finish (a delta, another kind of object, an error, an entry the walk claimed first, a guess that was wrong)
/// the walk reads itself as before, so the answers (and the errors) are the same with or without the thread. It
/// uses the machine's second core: the inflating, most of a long walk's work, runs beside the parsing.
///
/// `@unchecked Sendable`: the pack is immutable (a read-only mapping); the candidates, states and results are
/// published by the thread before `ready` (release) and read by the walk after it (acquire); each slot changes hands
/// through its atomic state (0 free, 1 being inflated, 2 ready, 3 not available, 4 taken).
final class GitCommitPrefetcher: @unchecked Sendable {
    let pack: GitPack
    /// The first offset to consider (the entry the walk reads next), and where to stop (exclusive).
    private let first: Int
    private let limit: Int
    private let ascending: Bool

    private let ready = Atomic<Bool>(false)
    private let stopped = Atomic<Bool>(false)
    /// The slot the walk took last, so that the thread skips what the walk has passed.
    private let walkIndex = Atomic<Int>(-1)
    /// Results ready and not yet taken: the thread pauses when it is too far ahead of a walk that takes nothing.
    private let pending = Atomic<Int>(0)

    // Written by the thread before `ready`, read-only afterwards (the slots' contents move through `states`).
    private var candidates: [Int] = []
    private var states: UnsafeMutablePointer<Atomic<UInt8>>?
    private var results: UnsafeMutablePointer<[UInt8]>?

    // The walk's own.
    private var lastIndex = -1
    /// How many entries the walk took from the thread (for the tests).
    private(set) var taken = 0
    /// Set when the thread has nothing left to do (for the tests).
    private let finished = Atomic<Bool>(false)
    private var thread: pthread_t?

    /// How far ahead (results not taken yet) the thread may get.
    static let maximumLead = 4_096
    /// How many entries right after the walk's the thread leaves to the walk (it works on the ones after them).
    static let minimumLead = 2
    /// How many times the walk checks an entry the thread is inflating before it reads the entry itself.
    static let maximumSpins = 2_000
    /// At most this many entries are considered (a pack far larger than the range, with no boundary in it).
    static let maximumCandidates = 1 << 18

    /// Starts the thread; `nil` when it cannot start (the walk then reads everything itself).
    init?(pack: GitPack, first: Int, limit: Int) {
        self.pack = pack
        self.first = first
        self.limit = limit
        ascending = limit > first
        let context = Unmanaged.passRetained(self).toOpaque()
        #if canImport(Darwin)
            var handle: pthread_t?
        #else
            var handle = pthread_t()
        #endif
        let status = pthread_create(&handle, nil, { GitCommitPrefetcher.threadMain($0) }, context)
        guard status == 0 else {
            Unmanaged<GitCommitPrefetcher>.fromOpaque(context).release()
            return nil
        }
        thread = handle
    }

    private static func threadMain(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
        guard let context else { return nil }
        Unmanaged<GitCommitPrefetcher>.fromOpaque(context).takeRetainedValue().work()
        return nil
    }

    /// Stops the thread and waits for it (it finishes the object in hand); the results not taken are dropped.
    func stop() {
        guard let thread else { return }
        self.thread = nil
        stopped.store(true, ordering: .relaxed)
        pthread_join(thread, nil)
    }

    deinit {
        stop()
        if let states, let results {
            states.deinitialize(count: candidates.count)
            states.deallocate()
            results.deinitialize(count: candidates.count)
            results.deallocate()
        }
    }

    // MARK: - The thread

    /// Whether the thread has gone through every candidate or stopped (for the tests: with a walk that has not
    /// started, it inflates every whole commit but the first ``minimumLead``).
    var isFinished: Bool { finished.load(ordering: .acquiring) }

    private func work() {
        defer { finished.store(true, ordering: .releasing) }
        var offsets = pack.entryOffsets(from: min(first, limit + 1), to: max(first + 1, limit))
        if ascending { offsets.sort() } else { offsets.sort(by: >) }
        if offsets.count > Self.maximumCandidates { offsets.removeSubrange(Self.maximumCandidates...) }
        let count = offsets.count
        let states = UnsafeMutablePointer<Atomic<UInt8>>.allocate(capacity: count)
        for index in 0..<count { (states + index).initialize(to: Atomic(0)) }
        let results = UnsafeMutablePointer<[UInt8]>.allocate(capacity: count)
        results.initialize(repeating: [], count: count)
        candidates = offsets
        self.states = states
        self.results = results
        ready.store(true, ordering: .releasing)
        let inflater = GitInflater()
        var index = 0
        while index < count {
            if stopped.load(ordering: .relaxed) { return }
            // Keep a few entries ahead of the walk, which reads the ones in between itself: it would otherwise
            // catch up and wait for the entry in hand (parsing a commit takes less time than inflating it).
            let walk = walkIndex.load(ordering: .relaxed)
            if index <= walk + Self.minimumLead {
                index = walk + Self.minimumLead + 1
                continue
            }
            while pending.load(ordering: .relaxed) >= Self.maximumLead {
                if stopped.load(ordering: .relaxed) { return }
                usleep(100)
            }
            defer { index += 1 }
            guard states[index].compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged else {
                continue
            }
            guard let data = try? inflateCommit(at: offsets[index], with: inflater) else {
                states[index].store(3, ordering: .releasing)
                continue
            }
            results[index] = data
            // The walk may have given up waiting and read the entry itself (state 3): then the result is dropped.
            if states[index].compareExchange(expected: 1, desired: 2, ordering: .releasing).exchanged {
                pending.add(1, ordering: .relaxed)
            } else {
                results[index] = []
            }
        }
    }

    /// The entry at `offset` when it is a whole commit, read as ``GitObjectDatabase`` reads it.
    private func inflateCommit(at offset: Int, with inflater: GitInflater) throws(GitNativeUnsupported) -> [UInt8]? {
        let entry = try pack.entry(at: offset)
        guard entry.type == GitObjectKind.commit.rawValue else { return nil }
        return try pack.inflate(at: entry.dataOffset, size: entry.size, with: inflater)
    }

    // MARK: - The walk

    /// The content of the whole commit entry at `offset` when the thread has it (waiting if it is inflating it
    /// right now); `nil` when the walk must read it itself.
    func take(at offset: Int) -> [UInt8]? {
        guard ready.load(ordering: .acquiring), let states, let results else { return nil }
        var index = lastIndex + 1
        if index >= candidates.count || candidates[index] != offset {
            guard let found = find(offset) else { return nil }
            index = found
        }
        lastIndex = index
        walkIndex.store(index, ordering: .relaxed)
        var spins = 0
        while true {
            switch states[index].load(ordering: .acquiring) {
            case 0:
                // Not started: the walk reads it itself (unless the thread claims it at this very moment).
                if states[index].compareExchange(expected: 0, desired: 3, ordering: .acquiring).exchanged { return nil }
            case 2:
                let data = results[index]
                results[index] = []
                states[index].store(4, ordering: .relaxed)
                pending.subtract(1, ordering: .relaxed)
                taken += 1
                return data
            case 1:
                // The thread is inflating it: wait a little (it takes microseconds), then read it here instead
                // (a thread the system paused must not hold the walk up).
                spins += 1
                if spins > Self.maximumSpins,
                    states[index].compareExchange(expected: 1, desired: 3, ordering: .acquiring).exchanged
                {
                    return nil
                }
            default:
                return nil
            }
        }
    }

    private func find(_ offset: Int) -> Int? {
        var low = 0
        var high = candidates.count
        while low < high {
            let middle = (low + high) / 2
            let value = candidates[middle]
            if value == offset { return middle }
            if (value < offset) == ascending { low = middle + 1 } else { high = middle }
        }
        return nil
    }
}

import Foundation
import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Synchronization
import Testing

/// The online mode against a real HTTP server on 127.0.0.1 that plays the OSV API.
@Suite struct OSVOnlineClientTests {
    static let record = OSVFixtures.record(id: "GHSA-1", package: "requests", aliases: ["CVE-2023-1"], fixed: "2.31.0")

    /// Answers like api.osv.dev: `requests` has GHSA-1, everything else nothing.
    static func osvHandler(_ request: ReceivedRequest) -> HTTPResponse {
        if request.method == "POST", request.path == "/v1/querybatch" {
            let body = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any]
            let queries = body?["queries"] as? [[String: Any]] ?? []
            let results = queries.map { query -> String in
                let package = query["package"] as? [String: String]
                return package?["name"] == "requests"
                    ? #"{"vulns": [{"id": "GHSA-1", "modified": "2024-01-01T00:00:00Z"}]}"# : "{}"
            }
            return HTTPResponse(status: 200, body: Array(#"{"results": [\#(results.joined(separator: ","))]}"#.utf8))
        }
        if request.path == "/v1/vulns/GHSA-1" { return HTTPResponse(status: 200, body: Array(record.utf8)) }
        return HTTPResponse(status: 404, body: Array(#"{"code": 5, "message": "Bug not found."}"#.utf8))
    }

    /// For the tests that are not about timeouts: long enough that no load delays the local server past it.
    static let patientTimeout = Duration.seconds(600)

    static let components = [
        Component(ecosystem: .pypi, name: "requests", version: "2.25.0"),
        Component(ecosystem: .pypi, name: "flask", version: "2.0.0"),
        Component(ecosystem: .pypi, name: "requests", version: "2.25.0"),
    ]

    @Test("queries the batch API once per distinct component, fetches each advisory, and matches locally")
    func happyPath() async throws {
        let server = try LocalHTTPServer { Self.osvHandler($0) }
        defer { server.stop() }
        // A timeout far above any answer time, so that a machine loaded enough to delay the local server cannot
        // turn this into a retry (two batch requests were seen with the 30 s default under a load of 11).
        let index = try await OSVOnlineClient(
            baseURL: server.baseURL + "/",
            http: AsyncHTTPClientTransport(),
            timeout: Self.patientTimeout
        )
        .index(for: Self.components)
        #expect(index.snapshot.kind == "online")
        #expect(index.snapshot.advisoryCount == 1)
        let batch = try #require(server.requests.first { $0.path == "/v1/querybatch" })
        #expect(batch.text.contains("\"ecosystem\":\"PyPI\""))
        let queries = (try JSONSerialization.jsonObject(with: Data(batch.body)) as? [String: [Any]])?["queries"]
        #expect(queries?.count == 2)
        #expect(server.requests.map(\.path).sorted() == ["/v1/querybatch", "/v1/vulns/GHSA-1"])
        let report = try VulnerabilityScanner(policy: VulnerabilityPolicy(), today: CalendarDate(secondsSince1970: 0))
            .scan(Self.components, lookup: index)
        #expect(report.findings.map(\.id) == ["GHSA-1", "GHSA-1"])
    }

    @Test("a 503 is retried with backoff, within the bound; then it gives up with a clear error")
    func retries() async throws {
        let failures = Mutex(2)
        let server = try LocalHTTPServer { request in
            let fail = failures.withLock { count in
                defer { count -= 1 }
                return count > 0
            }
            return fail ? HTTPResponse(status: 503) : Self.osvHandler(request)
        }
        defer { server.stop() }
        let waits = Mutex<[Duration]>([])
        let client = OSVOnlineClient(
            baseURL: server.baseURL,
            http: AsyncHTTPClientTransport(),
            retry: RetryPolicy(attempts: 3, initialDelay: .milliseconds(100), maximumDelay: .seconds(1)),
            timeout: Self.patientTimeout,
            sleep: { duration in waits.withLock { $0.append(duration) } }
        )
        let index = try await client.index(for: Self.components)
        #expect(index.snapshot.advisoryCount == 1)
        #expect(waits.withLock { $0 } == [.milliseconds(100), .milliseconds(200)])

        let alwaysDown = try LocalHTTPServer { _ in HTTPResponse(status: 503) }
        defer { alwaysDown.stop() }
        let downClient = OSVOnlineClient(
            baseURL: alwaysDown.baseURL,
            http: AsyncHTTPClientTransport(),
            retry: RetryPolicy(attempts: 3, initialDelay: .milliseconds(1), maximumDelay: .milliseconds(1)),
            timeout: Self.patientTimeout,
            sleep: { _ in }
        )
        await #expect(throws: OSVOnlineError.status(url: alwaysDown.baseURL + "/v1/querybatch", status: 503)) {
            try await downClient.index(for: Self.components)
        }
        #expect(alwaysDown.requests.count == 3)
    }

    @Test(
        "a server that never answers hits the explicit timeout; a malformed answer is reported, not trusted",
        .timeLimit(.minutes(20))
    )
    func timeoutAndMalformed() async throws {
        // The server answers only after an hour: a `.timedOut` error proves the deadline ended the exchange.
        let slow = try LocalHTTPServer { request in
            try? await Task.sleep(for: .seconds(3600))
            return Self.osvHandler(request)
        }
        defer { slow.stop() }
        let client = OSVOnlineClient(
            baseURL: slow.baseURL,
            http: AsyncHTTPClientTransport(),
            retry: RetryPolicy(attempts: 2, initialDelay: .milliseconds(1), maximumDelay: .milliseconds(1)),
            timeout: .milliseconds(300),
            sleep: { _ in }
        )
        let start = ContinuousClock.now
        await #expect(
            throws: OSVOnlineError.http(.timedOut(url: slow.baseURL + "/v1/querybatch", after: .milliseconds(300)))
        ) {
            try await client.index(for: Self.components)
        }
        // The two attempts take about 0.6 s. The bound is far above that because the whole suite runs in parallel
        // on two cores, and CPU-bound tests (scrypt at minisign's cost, large scans) can hold the cooperative pool
        // that resumes this task: 19 s was seen in CI, and two minutes on a machine at a load of 11. It is still
        // far below the hour the server waits, so it fails if the deadline is not what ended the exchange.
        #expect(ContinuousClock.now - start < .seconds(900))

        let garbage = try LocalHTTPServer { _ in HTTPResponse(status: 200, body: Array("<html>".utf8)) }
        defer { garbage.stop() }
        do {
            _ = try await OSVOnlineClient(baseURL: garbage.baseURL, http: AsyncHTTPClientTransport(), sleep: { _ in })
                .index(for: Self.components)
            Issue.record("accepted HTML as an OSV answer")
        } catch {
            guard case .invalidResponse = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }
}

public import SlipwayCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Why the OSV API could not be used.
public enum OSVOnlineError: Error, Sendable, Equatable, CustomStringConvertible {
    case http(HTTPError)
    case status(url: String, status: Int)
    case invalidResponse(url: String, reason: String)

    public var description: String {
        switch self {
        case .http(let error):
            "error: OSV API: \(error); or scan offline with --db"
        case .status(let url, let status):
            "error: OSV API answered \(status) for \(url); retry later or scan offline with --db"
        case .invalidResponse(let url, let reason):
            "error: OSV API: unexpected answer from \(url) (\(reason)); scan offline with --db"
        }
    }
}

/// Queries OSV's API (`/v1/querybatch`, then `/v1/vulns/{id}`) for the components of a scan, with explicit
/// timeouts and bounded retries, and returns the records as an index so matching stays the same as offline.
public struct OSVOnlineClient: Sendable {
    /// The public OSV service.
    public static let defaultBaseURL = "https://api.osv.dev"
    /// OSV accepts at most 1,000 queries per batch.
    static let batchSize = 1000
    /// A query whose results are paginated is followed for at most this many pages.
    static let maximumPages = 20

    let baseURL: String
    let http: any HTTPClient
    let retry: RetryPolicy
    let timeout: Duration
    let sleep: @Sendable (Duration) async -> Void

    /// Creates a client; `sleep` is the backoff wait (injected so tests do not wait).
    public init(
        baseURL: String = defaultBaseURL,
        http: any HTTPClient,
        retry: RetryPolicy = .standard,
        timeout: Duration = .seconds(30),
        sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.http = http
        self.retry = retry
        self.timeout = timeout
        self.sleep = sleep
    }

    struct Query: Codable, Hashable {
        struct Package: Codable, Hashable {
            var name: String
            var ecosystem: String
        }

        var package: Package
        var version: String
        var pageToken: String?

        enum CodingKeys: String, CodingKey {
            case package, version
            case pageToken = "page_token"
        }
    }

    struct BatchResponse: Decodable {
        struct Result: Decodable {
            struct Vulnerability: Decodable { var id: String }
            var vulns: [Vulnerability]?
            var nextPageToken: String?

            enum CodingKeys: String, CodingKey {
                case vulns
                case nextPageToken = "next_page_token"
            }
        }

        var results: [Result]
    }

    /// The advisories of every component, fetched and indexed.
    public func index(for components: [Component]) async throws(OSVOnlineError) -> AdvisoryIndex {
        var seen = Set<Query>()
        var pending = components.compactMap { component -> Query? in
            let query = Query(
                package: .init(name: component.name, ecosystem: component.ecosystem.rawValue),
                version: component.version
            )
            return seen.insert(query).inserted ? query : nil
        }
        var ids = Set<String>()
        var pages = 0
        while !pending.isEmpty {
            let batch = Array(pending.prefix(Self.batchSize))
            pending.removeFirst(batch.count)
            let url = baseURL + "/v1/querybatch"
            let body: [UInt8]
            do {
                body = Array(try JSONEncoder().encode(["queries": batch]))
            } catch {
                throw .invalidResponse(url: url, reason: "could not encode the query: \(error)")
            }
            let response: BatchResponse = try await fetch(
                HTTPRequest(
                    method: "POST",
                    url: url,
                    headers: ["Content-Type": "application/json"],
                    body: body,
                    timeout: timeout
                )
            )
            guard response.results.count == batch.count else {
                throw .invalidResponse(url: url, reason: "\(response.results.count) results for \(batch.count) queries")
            }
            for (query, result) in zip(batch, response.results) {
                for vulnerability in result.vulns ?? [] { ids.insert(vulnerability.id) }
                if let token = result.nextPageToken, !token.isEmpty, pages < Self.maximumPages {
                    pages += 1
                    var next = query
                    next.pageToken = token
                    pending.append(next)
                }
            }
        }
        let records = try await fetchRecords(ids.sorted())
        var digest = SHA256Digest()
        for record in records { digest.update(Array("\(record.id) \(record.modified)\n".utf8)) }
        let snapshot = DatabaseSnapshot(
            path: baseURL,
            kind: "online",
            fileCount: records.count,
            advisoryCount: records.count,
            newestModified: records.map(\.modified).max(),
            digest: digest.finalizeHex()
        )
        return AdvisoryIndex(database: AdvisoryDatabase(records: records, snapshot: snapshot, diagnostics: []))
    }

    /// Fetches full records, eight at a time.
    func fetchRecords(_ ids: [String]) async throws(OSVOnlineError) -> [OSVRecord] {
        let result: Result<[OSVRecord], OSVOnlineError> = await withTaskGroup(
            of: Result<OSVRecord, OSVOnlineError>.self
        ) {
            group in
            var records: [OSVRecord] = []
            var iterator = ids.makeIterator()
            var running = 0
            func startNext() {
                guard let id = iterator.next() else { return }
                running += 1
                let request = HTTPRequest(url: baseURL + "/v1/vulns/" + Self.pathComponent(id), timeout: timeout)
                group.addTask {
                    do throws(OSVOnlineError) {
                        let record: OSVRecord = try await fetch(request)
                        return .success(record)
                    } catch {
                        return .failure(error)
                    }
                }
            }
            for _ in 0..<8 { startNext() }
            while running > 0, let outcome = await group.next() {
                running -= 1
                switch outcome {
                case .success(let record): records.append(record)
                case .failure(let error):
                    group.cancelAll()
                    return .failure(error)
                }
                startNext()
            }
            return .success(records.sorted { $0.id < $1.id })
        }
        return try result.get()
    }

    private func fetch<Value: Decodable>(_ request: HTTPRequest) async throws(OSVOnlineError) -> Value {
        let response: HTTPResponse
        do {
            response = try await retry.send(request, through: http, sleep: sleep)
        } catch {
            throw .http(error)
        }
        guard (200..<300).contains(response.status) else { throw .status(url: request.url, status: response.status) }
        do {
            return try JSONDecoder().decode(Value.self, from: Data(response.body))
        } catch {
            throw .invalidResponse(url: request.url, reason: "\(error)")
        }
    }

    /// Percent-encodes an advisory id for a URL path (ids are `[A-Za-z0-9-:.]` in practice).
    static func pathComponent(_ id: String) -> String {
        var result = ""
        for byte in id.utf8 {
            let scalar = Unicode.Scalar(byte)
            if scalar.properties.isAlphabetic && byte < 0x80 || (0x30...0x39).contains(byte)
                || "-._~:".utf8.contains(byte)
            {
                result.unicodeScalars.append(scalar)
            } else {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

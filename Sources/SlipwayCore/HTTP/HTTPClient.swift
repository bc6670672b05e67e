/// An HTTP request: method, absolute URL, headers, body and a timeout for the whole exchange.
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var url: String
    public var headers: [String: String]
    public var body: [UInt8]
    public var timeout: Duration

    /// Creates a request.
    public init(
        method: String = "GET",
        url: String,
        headers: [String: String] = [:],
        body: [UInt8] = [],
        timeout: Duration = .seconds(30)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// An HTTP response.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Why an HTTP exchange failed before a response arrived.
public enum HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidURL(String)
    case timedOut(url: String, after: Duration)
    case transport(url: String, reason: String)

    public var description: String {
        switch self {
        case .invalidURL(let url): "invalid URL '\(url)'; check the address"
        case .timedOut(let url, let after): "\(url): no answer within \(after); check the network or raise the timeout"
        case .transport(let url, let reason): "\(url): \(reason); check the network and the address"
        }
    }
}

/// Sends HTTP requests; injected so tests talk to servers they start on 127.0.0.1.
public protocol HTTPClient: Sendable {
    /// Sends `request` and returns the response, whatever its status.
    func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse
}

/// Bounded retries with exponential backoff for transport errors, 429 and 5xx answers.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included.
    public var attempts: Int
    /// The wait before the second attempt; doubled for each later one.
    public var initialDelay: Duration
    public var maximumDelay: Duration

    /// Three attempts, 0.5 s then 1 s apart.
    public static let standard = RetryPolicy(attempts: 3, initialDelay: .milliseconds(500), maximumDelay: .seconds(8))

    /// Creates a policy.
    public init(attempts: Int, initialDelay: Duration, maximumDelay: Duration) {
        self.attempts = max(1, attempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// Whether an answer with `status` is worth another try.
    public static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || (500...599).contains(status)
    }

    /// Sends `request` through `client`, retrying as the policy says; `sleep` is injected so tests do not wait.
    public func send(
        _ request: HTTPRequest,
        through client: any HTTPClient,
        sleep: @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
    ) async throws(HTTPError) -> HTTPResponse {
        var delay = initialDelay
        var attempt = 1
        while true {
            do {
                let response = try await client.send(request)
                if attempt >= attempts || !Self.isRetryable(status: response.status) { return response }
            } catch {
                if attempt >= attempts { throw error }
            }
            await sleep(delay)
            delay = min(delay * 2, maximumDelay)
            attempt += 1
        }
    }
}

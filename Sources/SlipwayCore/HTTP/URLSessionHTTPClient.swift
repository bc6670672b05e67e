import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The live HTTP client, on Foundation's URLSession (curl on Linux), with the request's timeout enforced for the
/// whole exchange rather than only between bytes.
public struct URLSessionHTTPClient: HTTPClient {
    /// Creates the client.
    public init() {}

    public func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        guard let url = URL(string: request.url), let scheme = url.scheme, ["http", "https"].contains(scheme) else {
            throw .invalidURL(request.url)
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        let components = request.timeout.components
        // curl's own timer is the backstop; the exchange's Dispatch timer below answers on time.
        urlRequest.timeoutInterval = max(0.001, Double(components.seconds) + Double(components.attoseconds) / 1e18)
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let exchange = Exchange(request: urlRequest, url: request.url, timeout: request.timeout)
        let result = await withCheckedContinuation { continuation in exchange.start(continuation) }
        return try result.get()
    }
}

/// One URLSession data task raced against its timeout: whichever finishes first answers, exactly once, and the
/// loser is cancelled without being waited for (a server that never answers cannot hold the caller).
private final class Exchange: @unchecked Sendable {
    let request: URLRequest
    let url: String
    let timeout: Duration
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Result<HTTPResponse, HTTPError>, Never>?
    private var task: URLSessionDataTask?
    private var timer: DispatchWorkItem?

    init(request: URLRequest, url: String, timeout: Duration) {
        self.request = request
        self.url = url
        self.timeout = timeout
    }

    func start(_ continuation: CheckedContinuation<Result<HTTPResponse, HTTPError>, Never>) {
        // The continuation is in place before anything can finish.
        lock.withLock { self.continuation = continuation }
        let task = URLSession.shared.dataTask(with: request) { [self] data, response, error in
            if let error {
                if (error as NSError).code == NSURLErrorTimedOut {
                    finish(.failure(.timedOut(url: url, after: timeout)))
                } else {
                    finish(.failure(.transport(url: url, reason: error.localizedDescription)))
                }
                return
            }
            guard let http = response as? HTTPURLResponse else {
                finish(.failure(.transport(url: url, reason: "not an HTTP response")))
                return
            }
            var headers: [String: String] = [:]
            for (key, value) in http.allHeaderFields {
                headers[String(describing: key).lowercased()] = String(describing: value)
            }
            let body = data.map { [UInt8]($0) } ?? []
            finish(.success(HTTPResponse(status: http.statusCode, headers: headers, body: body)))
        }
        // A Dispatch timer, not Task.sleep: it fires on time even when the cooperative pool is busy.
        let timer = DispatchWorkItem { [self] in finish(.failure(.timedOut(url: url, after: timeout))) }
        let components = timeout.components
        let nanoseconds = Int(components.seconds) * 1_000_000_000 + Int(components.attoseconds / 1_000_000_000)
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds), execute: timer)
        lock.withLock {
            self.task = task
            self.timer = timer
        }
        task.resume()
    }

    private func finish(_ result: Result<HTTPResponse, HTTPError>) {
        let (continuation, task, timer) = lock.withLock {
            defer { self.continuation = nil }
            return (self.continuation, self.task, self.timer)
        }
        guard let continuation else { return }
        timer?.cancel()
        if case .failure = result { task?.cancel() }
        continuation.resume(returning: result)
    }
}

import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The live HTTP client, on async-http-client (SwiftNIO, TLS from swift-nio-ssl), with the request's timeout
/// enforced as a deadline for the whole exchange, body included.
///
/// Foundation's URLSession on Linux links libcurl and some thirty libraries behind it, which every `slipway`
/// invocation paid for at start-up (about 9 ms of CPU) whether or not it used the network.
public struct AsyncHTTPClientTransport: HTTPClient {
    /// The largest response body accepted; a larger one is a transport error, not unbounded memory.
    public var maximumBodyBytes: Int

    /// Creates the client; responses over `maximumBodyBytes` (default 256 MiB) are refused.
    public init(maximumBodyBytes: Int = 256 << 20) {
        self.maximumBodyBytes = maximumBodyBytes
    }

    public func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        guard let scheme = request.url.split(separator: ":", maxSplits: 1).first?.lowercased(),
            scheme == "http" || scheme == "https", request.url.contains("://")
        else {
            throw .invalidURL(request.url)
        }
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if !request.body.isEmpty { outgoing.body = .bytes(ByteBuffer(bytes: request.body)) }
        let components = request.timeout.components
        let nanoseconds = components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
        let deadline = NIODeadline.now() + .nanoseconds(max(1, nanoseconds))
        do {
            let response = try await processWideClient.execute(outgoing, deadline: deadline)
            var headers: [String: String] = [:]
            for (name, value) in response.headers {
                let key = name.lowercased()
                headers[key] = headers[key].map { "\($0), \(value)" } ?? value
            }
            let body = try await response.body.collect(upTo: maximumBodyBytes)
            return HTTPResponse(
                status: Int(response.status.code),
                headers: headers,
                body: Array(body.readableBytesView)
            )
        } catch let error as HTTPClientError {
            if [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error) {
                throw .timedOut(url: request.url, after: request.timeout)
            }
            if [.invalidURL, .emptyHost, .emptyScheme].contains(error) { throw .invalidURL(request.url) }
            throw .transport(url: request.url, reason: "\(error)")
        } catch is NIOTooManyBytesError {
            throw .transport(url: request.url, reason: "the response is larger than \(maximumBodyBytes) bytes")
        } catch {
            throw .transport(url: request.url, reason: "\(error)")
        }
    }
}

/// One client for the whole process, like `HTTPClient.shared` but without a read timeout of its own.
///
/// The shared client's 90-second read timeout would cut short any request whose explicit timeout (a user's
/// `--timeout 600`) is longer, and the request's deadline already bounds the whole exchange. It lives as long as the
/// process, so it is never shut down, as `HTTPClient.shared` is not.
private let processWideClient: AsyncHTTPClient.HTTPClient = {
    var configuration = AsyncHTTPClient.HTTPClient.Configuration.singletonConfiguration
    configuration.timeout.read = nil
    return AsyncHTTPClient.HTTPClient(
        eventLoopGroup: AsyncHTTPClient.HTTPClient.defaultEventLoopGroup,
        configuration: configuration
    )
}()

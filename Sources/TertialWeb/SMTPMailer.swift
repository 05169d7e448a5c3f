import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import TertialStore
import Vapor

/// The municipality's SMTP relay, from the environment. The password is never logged or shown; the
/// administrator's page names the host and port only.
public struct SMTPSettings: Sendable {
    public enum Security: String, Sendable { case starttls, tls, none }
    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    public var from: String
    /// PEM file of the certificate authority that signed the relay's certificate (else the system's).
    public var caFile: String?

    /// `TERTIAL_SMTP_HOST` (none: e-mail is off), `TERTIAL_SMTP_PORT` (587), `TERTIAL_SMTP_SECURITY`
    /// (`starttls`, `tls` or `none`; default `starttls`), `TERTIAL_SMTP_USERNAME`, `TERTIAL_SMTP_PASSWORD`,
    /// `TERTIAL_SMTP_FROM` (required with a host), `TERTIAL_SMTP_CA_FILE`.
    public static func fromEnvironment(_ get: (String) -> String? = Environment.get) throws -> SMTPSettings? {
        func value(_ key: String) -> String? { get(key).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        guard let host = value("TERTIAL_SMTP_HOST") else { return nil }
        guard let from = value("TERTIAL_SMTP_FROM") else { throw Misconfigured("TERTIAL_SMTP_FROM saknas: vilken avsändaradress ska påminnelserna ha?") }
        let securityText = value("TERTIAL_SMTP_SECURITY") ?? "starttls"
        guard let security = Security(rawValue: securityText.lowercased()) else {
            throw Misconfigured("TERTIAL_SMTP_SECURITY är \"\(securityText)\"; skriv starttls, tls eller none.")
        }
        let portText = value("TERTIAL_SMTP_PORT") ?? (security == .tls ? "465" : "587")
        guard let port = Int(portText), (1...65535).contains(port) else { throw Misconfigured("TERTIAL_SMTP_PORT är \"\(portText)\"; skriv ett portnummer.") }
        return SMTPSettings(host: host, port: port, security: security, username: value("TERTIAL_SMTP_USERNAME"),
                            password: get("TERTIAL_SMTP_PASSWORD"), from: from, caFile: value("TERTIAL_SMTP_CA_FILE"))
    }

    public struct Misconfigured: Error, CustomStringConvertible { public let description: String; init(_ d: String) { description = d } }

    /// What the administrator's page says (never the account or password).
    public var summary: String { "\(host):\(port) (\(security == .none ? "okrypterat" : security == .tls ? "TLS" : "STARTTLS"))" }
}

/// Sends a message through SMTP (RFC 5321): EHLO, STARTTLS where asked, AUTH PLAIN where an account is
/// set, one recipient, a UTF-8 text body in base64. Any reply that is not the expected one is an error
/// naming the command and the reply (never the password).
public struct SMTPMailer: ReminderMailer {
    public let settings: SMTPSettings

    public init(settings: SMTPSettings) { self.settings = settings }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public func send(to address: String, subject: String, body: String, messageID: String) async throws {
        let replies = ReplyReader()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(15))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(replies) }
            }
            .connect(host: settings.host, port: settings.port).get()
        if settings.security == .tls { try await startTLS(on: channel) }
        do {
            try await exchange(channel, replies, address: address, subject: subject, body: body, messageID: messageID)
        } catch {
            try? await channel.close().get()
            throw error
        }
        try? await channel.close().get()
    }

    private func exchange(_ channel: any Channel, _ replies: ReplyReader, address: String, subject: String, body: String, messageID: String) async throws {
        func expect(_ code: Int, after command: String) async throws {
            let reply = try await replies.next(timeout: .seconds(60), on: channel.eventLoop)
            guard reply.code == code else {
                throw Failure(description: "SMTP-servern svarade \"\(reply.text.prefix(200))\" på \(command)")
            }
        }
        func say(_ line: String, shown: String? = nil, expecting code: Int) async throws {
            try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n")).get()
            try await expect(code, after: shown ?? line)
        }
        try await expect(220, after: "anslutningen")
        let hostname = "tertial"
        try await say("EHLO \(hostname)", expecting: 250)
        if settings.security == .starttls {
            try await say("STARTTLS", expecting: 220)
            try await startTLS(on: channel)
            try await say("EHLO \(hostname)", expecting: 250)
        }
        if let username = settings.username {
            let credentials = Data("\0\(username)\0\(settings.password ?? "")".utf8).base64EncodedString()
            try await say("AUTH PLAIN \(credentials)", shown: "AUTH PLAIN (inloggningen)", expecting: 235)
        }
        try await say("MAIL FROM:<\(settings.from)>", expecting: 250)
        try await say("RCPT TO:<\(address)>", expecting: 250)
        try await say("DATA", expecting: 354)
        let message = Self.message(from: settings.from, to: address, subject: subject, body: body, messageID: messageID)
        try await channel.writeAndFlush(ByteBuffer(string: message + "\r\n.\r\n")).get()
        try await expect(250, after: "meddelandet")
        try? await channel.writeAndFlush(ByteBuffer(string: "QUIT\r\n")).get()
    }

    private func startTLS(on channel: any Channel) async throws {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile = settings.caFile { configuration.trustRoots = .file(caFile) }
        let context = try NIOSSLContext(configuration: configuration)
        let host = settings.host
        try await channel.eventLoop.submit {
            let handler = try NIOSSLClientHandler(context: context, serverHostname: host.first?.isNumber == true ? nil : host)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
    }

    /// The message: headers (the subject in RFC 2047 UTF-8), a text body in base64 lines of 76.
    static func message(from: String, to: String, subject: String, body: String, messageID: String, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let encodedSubject = "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        let text = Data(body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8).base64EncodedString()
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty { lines.append(String(rest.prefix(76))); rest = rest.dropFirst(76) }
        return [
            "From: Tertial <\(from)>", "To: <\(to)>", "Subject: \(encodedSubject)", "Date: \(formatter.string(from: date))",
            "Message-ID: <\(messageID)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64", "Auto-Submitted: auto-generated", "",
        ].joined(separator: "\r\n") + lines.joined(separator: "\r\n")
    }
}

/// Collects the server's replies (a reply may span lines "250-…" ending with "250 …") for the sender to await.
final class ReplyReader: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    struct Reply: Sendable { let code: Int; let text: String }

    private let lock = NIOConcurrencyHelpers.NIOLock()
    private var pending = ""
    private var lines: [String] = []
    private var ready: [Result<Reply, any Error>] = []
    private var waiter: CheckedContinuation<Reply, any Error>?
    private var waits = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let text = buffer.readString(length: buffer.readableBytes) ?? ""
        lock.withLock {
            pending += text
            while let range = pending.range(of: "\r\n") {
                let line = String(pending[..<range.lowerBound])
                pending.removeSubrange(..<range.upperBound)
                lines.append(line)
                // "250 OK" ends a reply; "250-…" continues it.
                if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                    let code = Int(line.prefix(3)) ?? 0
                    deliver(.success(Reply(code: code, text: lines.joined(separator: " "))))
                    lines = []
                }
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        lock.withLock { deliver(.failure(SMTPMailer.Failure(description: "SMTP-servern stängde förbindelsen"))) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        lock.withLock { deliver(.failure(SMTPMailer.Failure(description: "SMTP: \(error)"))) }
        context.close(promise: nil)
    }

    /// Under the lock.
    private func deliver(_ result: Result<Reply, any Error>) {
        if let waiter { self.waiter = nil; waiter.resume(with: result) } else { ready.append(result) }
    }

    /// The next reply; a reply that does not come within `timeout` fails the wait.
    func next(timeout: TimeAmount, on loop: any EventLoop) async throws -> Reply {
        try await withCheckedThrowingContinuation { continuation in
            let generation: Int = lock.withLock {
                waits += 1
                if !ready.isEmpty { continuation.resume(with: ready.removeFirst()) } else { waiter = continuation }
                return waits
            }
            loop.scheduleTask(in: timeout) {
                self.lock.withLock {
                    guard self.waits == generation, self.waiter != nil else { return }
                    self.deliver(.failure(SMTPMailer.Failure(description: "SMTP-servern svarade inte inom \(timeout.nanoseconds / 1_000_000_000) s")))
                }
            }
        }
    }
}

import Foundation
import Glibc

/// One headless Chromium kept running and driven over the DevTools protocol, rather than one browser
/// process per document (which costs a second or more of start-up per print). The browser is started on
/// the first print, talks over a pair of pipes (`--remote-debugging-pipe`: no port, nothing another
/// process on the machine can reach), prints each document in a tab of its own, and is killed and started
/// afresh when it stops answering (a command that takes longer than `timeout`), dies, or has printed
/// `recycleAfter` documents. How many print at once is bounded by the caller (the web's `RenderQueue`).
public final class WarmChromium: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible { public let description: String }

    public static let shared = WarmChromium()

    let timeout: TimeInterval
    let recycleAfter: Int
    private let lock = NSLock()
    private var browser: Browser?
    private var printed = 0

    public init(timeout: TimeInterval = 30, recycleAfter: Int = 500) {
        self.timeout = timeout
        self.recycleAfter = recycleAfter
    }

    /// Whether a browser is running now (for tests and /metrics).
    public var isRunning: Bool { lock.withLock { browser?.isAlive == true } }
    /// The running browser's process id, if any.
    public var processID: Int32? { lock.withLock { browser?.isAlive == true ? browser?.pid : nil } }

    /// Prints `html` (a self-contained page) to PDF: A4 and margins from the page's own `@page` rules,
    /// tagged, with an outline of its headings.
    public func print(_ html: String, chromium: String) throws -> Data {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tertial-print-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("dokument.html")
        try Data(html.utf8).write(to: page)
        // A browser that died between prints is replaced once; a failure within this print is the caller's.
        let browser = try running(chromium)
        do {
            return try browser.printPage(page.absoluteString, timeout: timeout)
        } catch {
            discard(browser)
            throw error
        }
    }

    /// Stops the browser (at shutdown, and in tests).
    public func stop() {
        lock.withLock {
            browser?.kill()
            browser = nil
        }
    }

    private func running(_ chromium: String) throws -> Browser {
        try lock.withLock {
            if let browser, browser.isAlive, printed < recycleAfter {
                printed += 1
                return browser
            }
            browser?.retire()
            browser = nil
            let started = try Browser.start(chromium)
            browser = started
            printed = 1
            return started
        }
    }

    private func discard(_ failed: Browser) {
        lock.withLock {
            failed.kill()
            if browser === failed { browser = nil }
        }
    }
}

/// A Chromium process and its DevTools pipe: messages are JSON objects ended by a NUL byte; commands carry
/// an id that their answer repeats; events (a page loaded) carry the tab's session id.
final class Browser: @unchecked Sendable {
    let pid: pid_t
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private let profile: URL
    private let lock = NSLock()
    private var nextID = 1
    private var answers: [Int: [String: Any]] = [:]
    private var waiting: [Int: DispatchSemaphore] = [:]
    private var loaded: Set<String> = []
    private var loadWaiters: [String: DispatchSemaphore] = [:]
    private var alive = true
    /// Prints in progress; a retired browser is killed when the last one ends.
    private var inFlight = 0
    private var retired = false
    private var killed = false

    var isAlive: Bool { lock.withLock { alive } }

    private init(pid: pid_t, toBrowser: Int32, fromBrowser: Int32, profile: URL) {
        self.pid = pid; self.toBrowser = toBrowser; self.fromBrowser = fromBrowser; self.profile = profile
    }

    static func start(_ chromium: String) throws -> Browser {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("tertial-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        var commands: [Int32] = [0, 0], replies: [Int32] = [0, 0]
        guard pipe(&commands) == 0, pipe(&replies) == 0 else {
            throw WarmChromium.Failure(description: "Kunde inte öppna förbindelsen till Chromium (pipe: \(errno)).")
        }
        // (pipe2 with O_CLOEXEC is not visible from Swift; other children must not inherit these ends)
        for fd in commands + replies { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        // The browser reads commands on fd 3 and writes answers on fd 4. Our ends must not be 3 or 4 themselves.
        func high(_ fd: Int32) -> Int32 {
            guard fd <= 4 else { return fd }
            let moved = fcntl(fd, F_DUPFD_CLOEXEC, 10)
            close(fd)
            return moved
        }
        commands = commands.map(high); replies = replies.map(high)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, commands[0], 3)
        posix_spawn_file_actions_adddup2(&actions, replies[1], 4)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [chromium, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--no-first-run", "--no-default-browser-check", "--user-data-dir=\(profile.path)", "--disable-background-networking",
                         "--disable-extensions", "--disable-sync", "--mute-audio", "--run-all-compositor-stages-before-draw", "about:blank"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, chromium, &actions, nil, &argv, environ)
        close(commands[0]); close(replies[1])
        guard status == 0 else {
            close(commands[1]); close(replies[0])
            throw WarmChromium.Failure(description: "Chromium (\(chromium)) kunde inte startas (posix_spawn: \(status)).")
        }
        let browser = Browser(pid: pid, toBrowser: commands[1], fromBrowser: replies[0], profile: profile)
        let reader = Thread { browser.readLoop() }
        reader.name = "tertial-chromium-reader"
        reader.start()
        return browser
    }

    // MARK: Printing

    func printPage(_ url: String, timeout: TimeInterval) throws -> Data {
        lock.withLock { inFlight += 1 }
        defer {
            let last = lock.withLock { inFlight -= 1; return inFlight == 0 && retired }
            if last { kill() }
        }
        let target = try send("Target.createTarget", ["url": "about:blank"], timeout: timeout)
        guard let targetID = target["targetId"] as? String else { throw WarmChromium.Failure(description: "Chromium öppnade ingen flik.") }
        defer { _ = try? send("Target.closeTarget", ["targetId": targetID], timeout: timeout) }
        let attached = try send("Target.attachToTarget", ["targetId": targetID, "flatten": true], timeout: timeout)
        guard let session = attached["sessionId"] as? String else { throw WarmChromium.Failure(description: "Chromium gav ingen session för fliken.") }
        let loadSignal = DispatchSemaphore(value: 0)
        lock.withLock { loadWaiters[session] = loadSignal }
        defer { lock.withLock { loadWaiters[session] = nil; loaded.remove(session) } }
        _ = try send("Page.enable", [:], session: session, timeout: timeout)
        let navigation = try send("Page.navigate", ["url": url], session: session, timeout: timeout)
        if let error = navigation["errorText"] as? String, !error.isEmpty {
            throw WarmChromium.Failure(description: "Chromium kunde inte öppna dokumentet: \(error)")
        }
        let alreadyLoaded = lock.withLock { loaded.contains(session) }
        if !alreadyLoaded, loadSignal.wait(timeout: .now() + timeout) == .timedOut {
            throw WarmChromium.Failure(description: "Chromium laddade inte dokumentet inom \(Int(timeout)) s.")
        }
        let pdf = try send("Page.printToPDF", ["printBackground": true, "preferCSSPageSize": true, "displayHeaderFooter": false,
                                               "generateTaggedPDF": true, "generateDocumentOutline": true], session: session, timeout: timeout)
        guard let base64 = pdf["data"] as? String, let data = Data(base64Encoded: base64), !data.isEmpty else {
            throw WarmChromium.Failure(description: "Chromium skrev ingen PDF.")
        }
        return data
    }

    /// Sends a command and waits for its answer (or the browser's error, or the timeout).
    func send(_ method: String, _ params: [String: Any], session: String? = nil, timeout: TimeInterval) throws -> [String: Any] {
        let signal = DispatchSemaphore(value: 0)
        let id: Int = try lock.withLock {
            guard alive else { throw WarmChromium.Failure(description: "Chromium har stängts.") }
            let id = nextID
            nextID += 1
            waiting[id] = signal
            return id
        }
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        var bytes = try JSONSerialization.data(withJSONObject: message)
        bytes.append(0)
        let written = lock.withLock { writeAll(bytes) }
        guard written else {
            lock.withLock { waiting[id] = nil }
            throw WarmChromium.Failure(description: "Chromium tar inte emot kommandon (\(method)).")
        }
        if signal.wait(timeout: .now() + timeout) == .timedOut {
            lock.withLock { waiting[id] = nil }
            throw WarmChromium.Failure(description: "Chromium svarade inte på \(method) inom \(Int(timeout)) s.")
        }
        let answer = lock.withLock { answers.removeValue(forKey: id) }
        guard let answer else { throw WarmChromium.Failure(description: "Chromium stängdes under \(method).") }
        if let error = answer["error"] as? [String: Any] {
            throw WarmChromium.Failure(description: "Chromium: \(method) misslyckades: \(error["message"] as? String ?? "okänt fel")")
        }
        return answer["result"] as? [String: Any] ?? [:]
    }

    private func writeAll(_ data: Data) -> Bool {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(toBrowser, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                offset += n
            }
            return true
        }
    }

    // MARK: Reading

    private func readLoop() {
        var pending = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(fromBrowser, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            pending.append(contentsOf: buffer[0..<n])
            while let end = pending.firstIndex(of: 0) {
                let message = pending[pending.startIndex..<end]
                pending = Data(pending[(end + 1)...])
                if let object = try? JSONSerialization.jsonObject(with: message) as? [String: Any] { dispatch(object) }
            }
        }
        // The pipe closed: the browser is gone. Everyone waiting is woken to find no answer.
        lock.withLock {
            alive = false
            for signal in waiting.values { signal.signal() }
            waiting.removeAll()
            for signal in loadWaiters.values { signal.signal() }
        }
        close(fromBrowser)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        try? FileManager.default.removeItem(at: profile)
    }

    private func dispatch(_ message: [String: Any]) {
        lock.withLock {
            if let id = message["id"] as? Int {
                guard let signal = waiting.removeValue(forKey: id) else { return }
                answers[id] = message
                signal.signal()
            } else if message["method"] as? String == "Page.loadEventFired", let session = message["sessionId"] as? String {
                loaded.insert(session)
                loadWaiters[session]?.signal()
            }
        }
    }

    // MARK: Ending

    /// Killed now (a failure, or retired); the reader reaps the process. Only the first call acts.
    func kill() {
        let first = lock.withLock { () -> Bool in
            defer { killed = true; alive = false }
            return !killed
        }
        guard first else { return }
        _ = Glibc.kill(pid, SIGKILL)
        close(toBrowser)
    }

    /// Replaced by a fresh browser: killed once the prints it has in hand are done.
    func retire() {
        let now = lock.withLock { () -> Bool in
            retired = true
            return inFlight == 0
        }
        if now { kill() }
    }
}

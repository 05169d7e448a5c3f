import TertialCore
import TertialStore
import Vapor

/// The background job that sends reminders of reporting deadlines (see `Reminders` for the rules that
/// make it send each digest once). It runs when the server starts and then every
/// `TERTIAL_REMINDER_INTERVAL` seconds (900); `tertial reminders run` runs it once from the command line.
public struct ReminderJob: Sendable {
    public let policy: ReminderPolicy
    public let mailer: SMTPMailer?
    /// Where links in a reminder point: `TERTIAL_BASE_URL` (the address people use), else the server's own.
    public let baseURL: String
    public let interval: Double

    public static func fromEnvironment(defaultBaseURL: String) throws -> ReminderJob {
        let before = Environment.get("TERTIAL_REMINDER_DAYS_BEFORE") ?? "7,1"
        let after = Environment.get("TERTIAL_REMINDER_DAYS_AFTER") ?? "1,7"
        guard let policy = ReminderPolicy(before: before, after: after) else {
            throw SMTPSettings.Misconfigured("TERTIAL_REMINDER_DAYS_BEFORE/AFTER ska vara dagar åtskilda med komma (7,1).")
        }
        let interval = Double(Environment.get("TERTIAL_REMINDER_INTERVAL") ?? "") ?? 900
        let base = SiteURL.configuredBase ?? (defaultBaseURL.hasSuffix("/") ? String(defaultBaseURL.dropLast()) : defaultBaseURL)
        return ReminderJob(policy: policy, mailer: try SMTPSettings.fromEnvironment().map(SMTPMailer.init), baseURL: base,
                           interval: max(interval, 1))
    }

    /// One run as of `today` (Stockholm's date when nil).
    @discardableResult
    public func run(on db: StoreHandle, today: Day? = nil, logger: Logger) async throws -> Reminders.RunResult {
        let base = baseURL
        let result = try await Reminders.run(today: today ?? Day(Date()), policy: policy, mailer: mailer,
                                             compose: { Self.compose($0, $1, $2, baseURL: base) }, on: db)
        if result != Reminders.RunResult() {
            logger.notice("Påminnelser: \(result.sent) skickade, \(result.retried) skickade igen, \(result.failed) misslyckades, \(result.inApp) i appen, \(result.uncertain) osäkra")
        }
        return result
    }

    /// Starts the job on the application; it stops with the application.
    public func start(on app: Application) {
        let job = self
        let task = Task.detached {
            while !Task.isCancelled {
                do { app.metrics.reminders(try await job.run(on: app.store, logger: app.logger)) } catch {
                    app.logger.error("Påminnelserna kunde inte köras: \(error)")
                }
                try? await Task.sleep(nanoseconds: UInt64(job.interval * 1_000_000_000))
            }
        }
        app.lifecycle.use(Stopper(task: task))
    }

    struct Stopper: LifecycleHandler {
        let task: Task<Void, Never>
        func shutdownAsync(_ application: Application) async { task.cancel() }
    }

    /// A person's digest: each report with its deadline, state, what is missing, and links.
    static func compose(_ recipient: Reminders.Recipient, _ tasks: [ReportingRounds.Task], _ today: Day, baseURL: String) -> (subject: String, body: String) {
        let first = tasks.compactMap(\.deadline).min()
        let subject = tasks.count == 1
            ? "Påminnelse: \(ReportingRounds.periodName(tasks[0].period)) för \(tasks[0].unitName) ska rapporteras senast \(first.map { "\($0)" } ?? "")"
            : "Påminnelse: \(tasks.count) rapporter i Tertial, den första senast \(first.map { "\($0)" } ?? "")"
        var lines = ["Hej \(recipient.displayName),", "", "Det här väntar på dig i Tertial:", ""]
        for task in tasks {
            let deadline = task.deadline.map { "sista dag \($0) (\(ReminderPolicy.timeLeft(from: today, to: $0)))" } ?? "ingen sista dag"
            lines.append("• \(ReportingRounds.periodName(task.period)) – \(task.unitName): \(deadline). Läge: \(task.state.label).")
            if task.state == .returned, let comment = task.comment { lines.append("  Återremitterad: \(comment)") }
            lines.append("  \(task.gaps.summary).")
            for plan in task.plans {
                lines.append("  Rapportera i \(plan.title): \(baseURL)\(SiteURL.planValues(id: plan.id).path)?period=\(task.period)")
            }
            lines.append("  Rapporten: \(baseURL)\(SiteURL.reportingTask(id: task.id.uuidString).path)")
            lines.append("")
        }
        lines += ["Du får påminnelser för att du är ansvarig för rapporten. Du kan stänga av dem under Mitt konto: \(baseURL)\(SiteURL.myAccount.path)"]
        return (subject, lines.joined(separator: "\n"))
    }
}

package dev.offload.spec.kit;

import dev.offload.spec.EmailRequest;
import dev.offload.spec.ErrorCode;
import dev.offload.spec.OffloadConfig;
import dev.offload.spec.Replies.CopyAccepted;
import dev.offload.spec.Replies.DrainReport;
import dev.offload.spec.Replies.EmailAccepted;
import dev.offload.spec.Replies.FanOutResult;
import dev.offload.spec.Replies.JobAccepted;
import dev.offload.spec.Replies.OutboxEntry;
import dev.offload.spec.Replies.User;
import dev.offload.spec.StatsView;
import dev.offload.spec.TaskView;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server-agnostic half of every endpoint: what happens once a handler has copied its inputs out of the request.
 * A server owns the HTTP side (routing, reading, writing, disconnects, limits, shutdown) and calls in here, so both
 * servers run the very same work and differ only where their HTTP machinery does.
 */
public final class OffloadApp {
    private final OffloadConfig config;
    private final TaskRegistry registry;
    private final BackgroundWork background;
    private final JobPool jobs;
    private final Outbox outbox;

    public OffloadApp(String serverName, OffloadConfig config) {
        this.config = config;
        this.registry = new TaskRegistry(serverName);
        this.background = new BackgroundWork(registry);
        this.jobs = new JobPool(registry, background, config.workers(), config.queueCapacity());
        this.outbox = new Outbox(config.emailDelay());
    }

    public OffloadConfig config() {
        return config;
    }

    public TaskRegistry registry() {
        return registry;
    }

    /** COPY-1: the snapshot is already a copy; the task only ever sees it. */
    public CopyAccepted copy(RequestSnapshot snapshot) {
        Duration delay = config.copyObserveDelay();
        Task task = background.spawn(registry.create("copy"), () -> {
            Thread.sleep(delay);
            return snapshot.asObserved();
        });
        return new CopyAccepted("ok", task.id());
    }

    /** BG-1: accepted at once; the send runs in the background. */
    public EmailAccepted sendEmail(EmailRequest email) {
        Task task = registry.create("email");
        background.spawn(task, outbox.send(task.id(), email));
        return new EmailAccepted("email is being sent", task.id());
    }

    /** POOL-1/2/3, ERR-1: queued or refused at once. */
    public JobAccepted submitJob(Inputs.JobRequest job) {
        Task task = jobs.submit("job", () -> {
            Thread.sleep(job.work());
            if (job.failing()) {
                throw new IllegalStateException("job asked to fail (data=fail)");
            }
            return Map.of("data", job.data(), "ms", job.work().toMillis());
        });
        return new JobAccepted(task.id());
    }

    /** FAN-1/2: user and orders in parallel, fail-fast. */
    public FanOutResult fetchData(Optional<String> failing) throws InterruptedException {
        try {
            FanOut.Both<User, List<String>> both = FanOut.both(registry,
                    "fetch-user", Fetchers.user(config.userDelay(), failing.filter("user"::equals).isPresent()),
                    "fetch-orders", Fetchers.orders(config.ordersDelay(),
                            failing.filter("orders"::equals).isPresent()));
            return new FanOutResult(both.first(), both.second());
        } catch (FanOut.ChildFailed e) {
            throw new ApiException(ErrorCode.UPSTREAM_FAILED, e.getMessage());
        }
    }

    /** TIMEOUT-1/2: starts the slow work; the server enforces {@code slowDeadline} with its own timer or await. */
    public Deadline<String> startSlow(Duration work, boolean fail) {
        Task task = registry.create("slow");
        return Deadline.start(task, config.slowDeadline(), () -> {
            Thread.sleep(work);
            if (fail) {
                throw new IllegalStateException("slow work failed (fail=true)");
            }
            return "done after " + work.toMillis() + " ms";
        });
    }

    /** CANCEL-1..4: a new {@code work} task and its progress stream; the server forks it into the request's scope. */
    public ProgressStream progress(Duration work) {
        return new ProgressStream(registry.create("work"), work, config.heartbeat());
    }

    public Optional<TaskView> task(String id) {
        return registry.find(id).map(Task::view);
    }

    public Optional<TaskView> job(String id) {
        return registry.find(id).filter(t -> t.kind().equals("job")).map(Task::view);
    }

    public StatsView stats() {
        return registry.stats();
    }

    public List<OutboxEntry> outbox() {
        return outbox.sent();
    }

    /** True until a graceful stop begins; servers answer 503 SHUTTING_DOWN for new work after that. */
    public boolean accepting() {
        return background.accepting();
    }

    /** DRAIN-2/3: waits up to {@code drainTimeout} for accepted background work, then abandons the rest. */
    public DrainReport drain() {
        return drain(config.drainTimeout());
    }

    /**
     * Like {@link #drain()}, but waits at most {@code budget}: the part of {@code drainTimeout} the server has not
     * already spent letting in-flight requests finish, so the whole stop stays within one {@code drainTimeout}.
     */
    public DrainReport drain(Duration budget) {
        DrainReport report = background.drain(budget.isNegative() ? Duration.ZERO : budget);
        jobs.close();
        return report;
    }
}

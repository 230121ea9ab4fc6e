package dev.offload.spec.kit;

import dev.offload.spec.EmailRequest;
import dev.offload.spec.ErrorCode;
import dev.offload.spec.OffloadConfig;
import dev.offload.spec.Replies.CopyAccepted;
import dev.offload.spec.Replies.DrainReport;
import dev.offload.spec.Replies.EmailAccepted;
import dev.offload.spec.Replies.FanOutResult;
import dev.offload.spec.Replies.JobAccepted;
import dev.offload.spec.Replies.SlowResult;
import dev.offload.spec.Replies.User;
import dev.offload.spec.TaskState;
import dev.offload.spec.TaskView;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The server-agnostic half of every endpoint, from the values a handler copied out of its request to the finished
 * {@link Answer}. A server owns only the HTTP side (routing, reading, writing, disconnects, limits, shutdown): it
 * passes raw query, header and body values in and copies the answer onto its response, so both servers run the
 * same work and send the same bytes. Refusals are answers too: no endpoint throws {@link ApiException}.
 */
public final class OffloadApp {
    private static final Duration DEFAULT_WORK = Duration.ofSeconds(1);
    private static final String FORM = "application/x-www-form-urlencoded";

    private final OffloadConfig config;
    private final TaskRegistry registry;
    private final BackgroundWork background;
    private final JobPool jobs;
    private final Outbox outbox;
    private static final long NOT_STOPPING = Long.MIN_VALUE;
    private final AtomicLong stopBegan = new AtomicLong(NOT_STOPPING);

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

    /** {@code GET /plaintext}: the load tests' baseline. */
    public Reply plaintext() {
        return Reply.text("Hello, World!");
    }

    /** COPY-1/2, {@code GET /copy}: the snapshot is already a copy; the task only ever sees it. */
    public Reply copy(RequestSnapshot snapshot) {
        Duration delay = config.copyObserveDelay();
        Admission admission = background.spawn(registry.create("copy"), () -> {
            Thread.sleep(delay);
            return snapshot.asObserved();
        });
        Reply reply = accepted(admission, 200, task -> new CopyAccepted("ok", task.id()));
        return snapshot.trace() == null ? reply : reply.with(Reply.X_TRACE, snapshot.trace());
    }

    /** BG-1/2, {@code POST /send-email}: 415 before a byte is read, then the kit's validation, then 202 at once. */
    public Reply sendEmail(String contentType, RequestBody.Reader<byte[]> body) throws IOException {
        try {
            Inputs.requireMediaType(contentType, Reply.JSON);
            EmailRequest email = Inputs.email(contentType, body.read(), config.maxBodyBytes());
            Task task = registry.create("email");
            return accepted(background.spawn(task, outbox.send(task.id(), email)), 202,
                    accepted -> new EmailAccepted("email is being sent", accepted.id()));
        } catch (ApiException e) {
            return Reply.error(e);
        }
    }

    /** POOL-1/2/3, ERR-1, {@code POST /job}: queued (202) or refused at once (503 QUEUE_FULL), never blocked. */
    public Reply submitJob(String contentType, RequestBody.Reader<RequestBody.Form> form) throws IOException {
        try {
            Inputs.requireMediaType(contentType, FORM);
            RequestBody.Form fields = form.read();
            Inputs.JobRequest job = Inputs.job(contentType, fields.first("data"), fields.first("ms"));
            return accepted(jobs.submit("job", () -> {
                Thread.sleep(job.work());
                if (job.failing()) {
                    throw new IllegalStateException("job asked to fail (data=fail)");
                }
                return Map.of("data", job.data(), "ms", job.work().toMillis());
            }), 202, task -> new JobAccepted(task.id()));
        } catch (ApiException e) {
            return Reply.error(e);
        }
    }

    /** FAN-1/2, {@code GET /data}: user and orders in parallel, fail-fast; blocks the (virtual) request thread. */
    public Reply data(String fail) throws InterruptedException {
        try {
            Optional<String> failing = Inputs.failingChild(fail);
            FanOut.Both<User, List<String>> both = FanOut.both(registry,
                    "fetch-user", Fetchers.user(config.userDelay(), failing.filter("user"::equals).isPresent()),
                    "fetch-orders", Fetchers.orders(config.ordersDelay(),
                            failing.filter("orders"::equals).isPresent()));
            return Reply.ok(new FanOutResult(both.first(), both.second()));
        } catch (FanOut.ChildFailed e) {
            return Reply.error(ErrorCode.UPSTREAM_FAILED, e.getMessage());
        } catch (ApiException e) {
            return Reply.error(e);
        }
    }

    /**
     * TIMEOUT-1/2/3, {@code GET /slow}: the work races {@code slowDeadline}; 200 in time, 500 WORK_FAILED when it
     * fails, 408 TIMEOUT at the deadline with the work interrupted. Every reply carries {@code X-Task-Id}.
     */
    public Answer slow(String ms, String fail) {
        Duration work;
        boolean failing;
        try {
            work = Inputs.millis("ms", ms, DEFAULT_WORK);
            failing = Inputs.flag("fail", fail);
        } catch (ApiException e) {
            return Reply.error(e);
        }
        Task task = registry.create("slow");
        Deadline<String> deadline = Deadline.start(task, config.slowDeadline(), () -> {
            Thread.sleep(work);
            if (failing) {
                throw new IllegalStateException("slow work failed (fail=true)");
            }
            return "done after " + work.toMillis() + " ms";
        });
        CompletableFuture<Reply> reply = deadline.outcome().thenApply(outcome -> (switch (outcome) {
            case Deadline.Outcome.Completed<String> done -> Reply.ok(new SlowResult(done.value(), task.id()));
            case Deadline.Outcome.Failed<String> failed ->
                    Reply.error(ErrorCode.WORK_FAILED, "task " + task.id() + " failed: " + failed.message());
            case Deadline.Outcome.TimedOut<String> late -> Reply.error(ErrorCode.TIMEOUT,
                    "task " + task.id() + " exceeded the deadline of " + late.deadline().toMillis() + " ms");
        }).withTaskId(task.id()));
        return new PendingReply(task.id(), reply, deadline.deadline(), deadline::expire, deadline::cancel);
    }

    /**
     * CANCEL-1..4, {@code GET /work}: the work runs in a {@link RequestScope} bound to the request. Streaming
     * (the default) is a {@link ReplyStream}; {@code stream=false} a {@link PendingReply} that completes when the
     * work ends (200 {@code {"taskId","result":"done"}}, or 500 WORK_FAILED naming how it ended). The server cancels
     * either when it sees the client go.
     */
    public Answer work(String ms, String stream) {
        Duration total;
        boolean streaming;
        try {
            total = Inputs.millis("ms", ms, DEFAULT_WORK);
            streaming = stream == null || Inputs.flag("stream", stream);
        } catch (ApiException e) {
            return Reply.error(e);
        }
        ProgressStream progress = new ProgressStream(registry.create("work"), total, config.heartbeat());
        Task task = progress.task();
        RequestScope scope = new RequestScope();
        scope.fork(task, progress.work());
        if (streaming) {
            return new ReplyStream(task, progress, scope);
        }
        CompletableFuture<Reply> reply = task.whenEnded().thenApply(state -> (state == TaskState.SUCCEEDED
                ? Reply.ok(ReplyStream.done(task))
                : Reply.json(500, ReplyStream.failure(task))).withTaskId(task.id()));
        return new PendingReply(task.id(), reply, null, () -> { }, scope::cancel);
    }

    /** {@code GET /tasks/{id}}. */
    public Reply task(String id) {
        return found(registry.find(id).map(Task::view), "no task with id '" + Inputs.abbreviate(id) + "'");
    }

    /** {@code GET /job/{id}}: only tasks that are jobs. */
    public Reply job(String id) {
        return found(registry.find(id).filter(t -> t.kind().equals("job")).map(Task::view),
                "no job with id '" + Inputs.abbreviate(id) + "'");
    }

    /** LEAK-1, {@code GET /stats}. */
    public Reply stats() {
        return Reply.ok(registry.stats());
    }

    /** BG-1, {@code GET /outbox}. */
    public Reply outbox() {
        return Reply.ok(outbox.sent());
    }

    /** HTTP-1: a path the spec does not know. */
    public static Reply notFound(String method, String path) {
        return Reply.error(ErrorCode.NOT_FOUND,
                "no route for " + Inputs.abbreviate(method) + " " + Inputs.abbreviate(path));
    }

    /** HTTP-1: a known path, another method; {@code Allow} lists the spec's methods for the path. */
    public static Reply methodNotAllowed(String method, String path) {
        String allow = String.join(", ", Endpoint.allowedMethods(path));
        return Reply.error(ErrorCode.METHOD_NOT_ALLOWED, Inputs.abbreviate(method) + " is not allowed on "
                + Inputs.abbreviate(path) + "; use " + allow).with(Reply.ALLOW, allow);
    }

    /** True until a graceful stop begins; servers answer 503 SHUTTING_DOWN for new work after that. */
    public boolean accepting() {
        return background.accepting();
    }

    /** DRAIN-1: a request refused because the stop began. */
    public static Reply shuttingDown() {
        return Reply.error(ErrorCode.SHUTTING_DOWN, BackgroundWork.SHUTTING_DOWN);
    }

    /** BG-2: a body the server's own limit refused (over {@code maxBodyBytes}), in the kit's words for a 413. */
    public Reply payloadTooLarge() {
        return Reply.error(ErrorCode.PAYLOAD_TOO_LARGE, Inputs.tooLarge(config.maxBodyBytes()));
    }

    /** LIMIT-1: a request over the server's own {@code maxConcurrentRequests}, refused at once. */
    public Reply overloaded() {
        return Reply.error(ErrorCode.OVERLOADED,
                "more than " + config.maxConcurrentRequests() + " concurrent requests; retry later");
    }

    /**
     * DRAIN-1: the stop began. From now on new work is refused (503 SHUTTING_DOWN, which closes the connection)
     * while in-flight requests go on; {@code drainTimeout} counts from the first call. Idempotent.
     */
    public void stopAccepting() {
        stopBegan.compareAndSet(NOT_STOPPING, System.nanoTime());
        background.stopAccepting();
    }

    /**
     * DRAIN-2/3: stops accepting if that has not happened yet, waits for accepted background work with what is left
     * of {@code drainTimeout} since the stop began — the one drain budget of both servers, however long their own
     * wait for in-flight requests took — then abandons the rest and lists it.
     */
    public DrainReport drain() {
        stopAccepting();
        Duration left = config.drainTimeout().minusNanos(System.nanoTime() - stopBegan.get());
        DrainReport report = background.drain(left.isNegative() ? Duration.ZERO : left);
        jobs.close();
        return report;
    }

    /** Accepted work answers {@code status} with its body and {@code X-Task-Id}; refused work its 503. */
    private static Reply accepted(Admission admission, int status, Function<Task, Object> body) {
        return switch (admission) {
            case Admission.Accepted accepted ->
                    Reply.json(status, body.apply(accepted.task())).withTaskId(accepted.task().id());
            case Admission.Refused refused -> Reply.error(refused.code(), refused.message());
        };
    }

    private static Reply found(Optional<TaskView> view, String missing) {
        return view.<Reply>map(Reply::ok).orElseGet(() -> Reply.error(ErrorCode.TASK_NOT_FOUND, missing));
    }
}

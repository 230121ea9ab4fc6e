package dev.offload.tck;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.offload.spec.ErrorCode;
import dev.offload.spec.OffloadConfig;
import dev.offload.spec.Replies.OutboxEntry;
import dev.offload.spec.StatsView;
import dev.offload.spec.TaskState;
import dev.offload.spec.TaskView;
import dev.offload.tck.wire.Text;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * What a check gets to talk to the server under test: the JDK {@link HttpClient} for ordinary requests, raw
 * connections for the rest, typed reads of the observation endpoints ({@code /stats}, {@code /tasks/{id}},
 * {@code /outbox}), and the server's settings. Everything here is plain HTTP: a server in any language can be
 * checked.
 */
public final class Probe implements AutoCloseable {
    /** Reads server JSON leniently (unknown fields allowed), so extra fields never fail a check. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** Bound on every wait for the server to settle (tasks ending, outbox filling). */
    public static final Duration SETTLE = Duration.ofSeconds(10);

    private final Target target;
    private final Scale scale;
    private final HttpClient http;
    private final Map<String, Object> memo = new HashMap<>();
    private final boolean ownsClient;
    private final Duration settleTimeout;
    private final java.util.List<AutoCloseable> closers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile java.util.Set<dev.offload.spec.Behaviour> selected =
            java.util.EnumSet.allOf(dev.offload.spec.Behaviour.class);

    public Probe(Target target, Scale scale) {
        this(target, scale, SETTLE);
    }

    /** {@code settleTimeout}: the longest wait for the server to settle (see {@link #settle()}). */
    public Probe(Target target, Scale scale, Duration settleTimeout) {
        this(target, scale, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build(), true,
                settleTimeout);
    }

    private Probe(Target target, Scale scale, HttpClient http, boolean ownsClient, Duration settleTimeout) {
        this.target = target;
        this.scale = scale;
        this.http = http;
        this.ownsClient = ownsClient;
        this.settleTimeout = settleTimeout;
    }

    /** The same probe aimed at another instance (a launched process, a differently configured server). */
    public Probe on(URI base) {
        return new Probe(Target.of(target.name(), base, target.config()), scale, http, false, settleTimeout);
    }

    /** The behaviours this run checks (an experiment may prepare for all of them at once). */
    public java.util.Set<dev.offload.spec.Behaviour> selected() {
        return selected;
    }

    void select(java.util.Set<dev.offload.spec.Behaviour> behaviours) {
        this.selected = java.util.EnumSet.copyOf(behaviours);
    }

    /** Closes {@code resource} when this probe closes (e.g. a process launched ahead that no check used). */
    public void closeLater(AutoCloseable resource) {
        closers.add(resource);
    }

    /** The longest this probe waits for the server to settle. */
    public Duration settleTimeout() {
        return settleTimeout;
    }

    public Target target() {
        return target;
    }

    public OffloadConfig config() {
        return target.config();
    }

    public Scale scale() {
        return scale;
    }

    public HttpClient http() {
        return http;
    }

    public URI uri(String pathAndQuery) {
        return URI.create(target.base() + pathAndQuery);
    }

    // ---- plain requests -------------------------------------------------------------------------------------

    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).GET().build());
    }

    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    public HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build());
    }

    /** A new raw HTTP/1.1 connection to the server (close it). */
    public RawConnection raw() throws IOException {
        return RawConnection.open(target.base(), Duration.ofSeconds(15));
    }

    // ---- observation endpoints ------------------------------------------------------------------------------

    /** {@code GET /stats}; a wrong shape ends the check with "cannot judge: GET /stats is not …". */
    public StatsView stats() throws IOException, InterruptedException {
        return Shapes.stats(get("/stats"));
    }

    public Optional<TaskView> task(String id) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/tasks/" + id);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(Shapes.task("GET /tasks/" + id, r));
    }

    /** Polls {@code /tasks/{id}} until its state matches or {@code timeout} passes; returns the last view seen. */
    public Optional<TaskView> awaitTask(String id, Predicate<TaskState> until, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<TaskView> view = task(id);
        while (System.nanoTime() < deadline && !(view.isPresent() && until.test(view.get().state()))) {
            Thread.sleep(10);
            view = task(id);
        }
        return view;
    }

    /** Polls until the task ended (any terminal state). */
    public Optional<TaskView> awaitEnd(String id, Duration timeout) throws IOException, InterruptedException {
        return awaitTask(id, TaskState::isTerminal, timeout);
    }

    /** {@code GET /outbox}; a wrong shape ends the check with "cannot judge: GET /outbox is not …". */
    public List<OutboxEntry> outbox() throws IOException, InterruptedException {
        return Shapes.outbox(get("/outbox"));
    }

    /**
     * Waits (bounded) until nothing is queued or running, so counters compared before and after a scenario belong
     * to it alone. Returns the settled stats, or the last seen if it never settled.
     */
    public StatsView settle() throws IOException, InterruptedException {
        return settle(settleTimeout);
    }

    public StatsView settle(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        StatsView s = stats();
        while (s.active() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
            s = stats();
        }
        return s;
    }

    /** Polls {@code /stats} until {@code until} holds; returns the stats that satisfied it or the last seen. */
    public StatsView awaitStats(Predicate<StatsView> until, Duration timeout) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        StatsView s = stats();
        while (!until.test(s) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            s = stats();
        }
        return s;
    }

    // ---- judging --------------------------------------------------------------------------------------------

    /** Ends the check with FAIL and {@code figure} unless {@code condition}. */
    public static void require(boolean condition, String figure) {
        if (!condition) {
            throw new CheckFailed(figure);
        }
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new CheckFailed("expected a JSON body, got " + Evidence.body(text));
        }
    }

    /**
     * The spec's error convention: {@code application/json}, body {@code {"error":"<message>","code":"<CODE>"}}
     * whose code is an {@link ErrorCode} sent with this very status, and no stack trace. Null if it holds, else what
     * is wrong.
     */
    public static String errorBodyProblem(int status, String contentType, String body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return status + " with Content-Type " + contentType + ", not application/json";
        }
        if (looksLikeStackTrace(body)) {
            return status + " body carries a stack trace";
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            return status + " body is not JSON: " + Evidence.body(body);
        }
        if (node == null || !node.isObject() || !node.path("error").isTextual() || node.path("error").asText().isBlank()
                || !node.path("code").isTextual()) {
            return status + " body lacks {\"error\",\"code\"}: " + Evidence.body(body);
        }
        String code = node.path("code").asText();
        ErrorCode known;
        try {
            known = ErrorCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            return status + " with unknown code " + code;
        }
        if (known.status() != status) {
            return status + " with code " + code + ", which the spec sends with " + known.status();
        }
        return null;
    }

    public static String errorBodyProblem(HttpResponse<String> r) {
        return errorBodyProblem(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    }

    public static String errorBodyProblem(RawResponse r) {
        return errorBodyProblem(r.status(), r.header("Content-Type").orElse(null), r.bodyText());
    }

    /** The {@code code} of an error body, or "" if there is none. */
    public static String errorCode(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? "" : node.path("code").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    static boolean looksLikeStackTrace(String body) {
        return body.contains("\tat ") || body.contains("\n\tat") || body.matches("(?s).*\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\).*")
                || body.contains("Exception:") || body.contains("Caused by:");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Computes a value once per run and server (an experiment several checks judge, e.g. the copy storm). */
    @SuppressWarnings("unchecked")
    public synchronized <T> T memo(String key, Callable<T> compute) throws Exception {
        Object value = memo.get(key);
        if (value == null) {
            value = compute.call();
            memo.put(key, value);
        }
        return (T) value;
    }

    public static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** {@code text} on one line, cut to {@code max} characters ({@link Text#abbreviate}). */
    public static String abbreviate(String text, int max) {
        return Text.abbreviate(text, max);
    }

    @Override
    public void close() {
        for (AutoCloseable c : closers) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        if (ownsClient) {
            http.close();
        }
    }
}

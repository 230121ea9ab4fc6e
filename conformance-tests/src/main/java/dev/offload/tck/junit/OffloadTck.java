package dev.offload.tck.junit;

import dev.offload.spec.Behaviour;
import dev.offload.spec.OffloadConfig;
import dev.offload.tck.Check;
import dev.offload.tck.CommandLauncher;
import dev.offload.tck.LaunchedServer;
import dev.offload.tck.Scale;
import dev.offload.tck.Selection;
import dev.offload.tck.ServerReport;
import dev.offload.tck.Target;
import dev.offload.tck.Tck;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The TCK inside an implementer's own JUnit 5 build: one dynamic test per behaviour ID of SPEC.md, in catalogue
 * order, named {@code REQUIRED TIMEOUT-2: <what it asks>} and linked to its check method. A REQUIRED FAIL fails its
 * test; a RECOMMENDED FAIL and a SKIPPED check are aborted (reported as skipped) with the figure or the reason; a
 * server that does not start or stops answering fails every check it affects with ERROR and the end of the server's
 * output. Like the Reactive Streams TCK's {@code PublisherVerification}, but built, not extended:
 *
 * <pre>{@code
 * class MyServerConformanceTest {
 *     @TestFactory
 *     Stream<DynamicNode> offload() {
 *         return OffloadTck.launching("./my-server --port={port} {config}")
 *                 .settings("--slowDeadline=300ms", "--emailDelay=300ms")   // what the server runs with
 *                 .tests();
 *     }
 * }
 * }</pre>
 *
 * The server is started before the first check and stopped after the last. Every check the TCK has is included:
 * a new check class registered in {@link Tck#checks()} appears here with no change. {@code -Dtck.only=ID,ID} and
 * {@code -Dtck.scale=full|ci|quick} narrow or scale a run without code changes.
 */
public final class OffloadTck {
    private final String name;
    private final ServerSource source;
    private final OffloadConfig config;
    private final Tck.Options options;
    private final Consumer<ServerReport> onReport;

    private OffloadTck(String name, ServerSource source, OffloadConfig config, Tck.Options options,
                       Consumer<ServerReport> onReport) {
        this.name = name;
        this.source = source;
        this.config = config;
        this.options = options;
        this.onReport = onReport;
    }

    /** Starts the server under test (once, before the first check) and stops it when closed. */
    @FunctionalInterface
    public interface ServerSource {
        Running start(OffloadConfig config) throws Exception;
    }

    /** A started server under test. */
    public interface Running extends AutoCloseable {
        Target target();

        @Override
        default void close() {
        }
    }

    /** A server that is already running; give it the settings it runs with ({@link #settings}). */
    public static OffloadTck against(URI base) {
        return new OffloadTck(base.getHost() + ":" + base.getPort(),
                config -> () -> Target.of(base.getHost() + ":" + base.getPort(), base, config),
                OffloadConfig.defaults(), defaultOptions(), report -> { });
    }

    /** A fully described target (launcher and starter included), already running. */
    public static OffloadTck against(Target target) {
        return new OffloadTck(target.name(), config -> () -> target, target.config(), defaultOptions(),
                report -> { });
    }

    /**
     * A server started by a command: {@code {port}} becomes a free port, {@code {config}} the settings as
     * {@code --key=value}, and the settings are also passed as {@code OFFLOAD_*} variables. The same command starts
     * the DRAIN checks' processes.
     */
    public static OffloadTck launching(String command) {
        CommandLauncher launcher = new CommandLauncher(command);
        return new OffloadTck("launched", config -> {
            LaunchedServer server = launcher.launch(config);
            Target target = Target.of("launched", server.base(), config).withLauncher(launcher)
                    .withOutputTail(server::outputTail);
            return new Running() {
                @Override
                public Target target() {
                    return target;
                }

                @Override
                public void close() {
                    server.close();
                }
            };
        }, OffloadConfig.defaults(), defaultOptions(), report -> { });
    }

    /** A server started by code of your own (in-process, a container, …). */
    public static OffloadTck starting(String name, ServerSource source) {
        return new OffloadTck(name, source, OffloadConfig.defaults(), defaultOptions(), report -> { });
    }

    /** The settings the server runs with, as {@code --key=value} (OffloadConfig keys); the rest are defaults. */
    public OffloadTck settings(String... settings) {
        return settings(OffloadConfig.parse(List.of(settings), java.util.Map.of(), java.util.Map.of()));
    }

    public OffloadTck settings(OffloadConfig settings) {
        return new OffloadTck(name, source, settings, options, onReport);
    }

    /** The column name in reports and in the matrix. */
    public OffloadTck named(String name) {
        return new OffloadTck(name, source, config, options, onReport);
    }

    public OffloadTck scale(Scale scale) {
        return new OffloadTck(name, source, config, options.withScale(scale), onReport);
    }

    public OffloadTck only(Set<Behaviour> behaviours) {
        return new OffloadTck(name, source, config, options.only(behaviours), onReport);
    }

    /** The longest wait for the server to settle before each check. */
    public OffloadTck settle(Duration settle) {
        return new OffloadTck(name, source, config, options.withSettle(settle), onReport);
    }

    /** Receives the server's report after its last check (e.g. to write a matrix with {@code Matrix.write}). */
    public OffloadTck onReport(Consumer<ServerReport> onReport) {
        return new OffloadTck(name, source, config, options, onReport);
    }

    /** Where progress lines go (default: standard output). */
    public OffloadTck log(Consumer<String> log) {
        return new OffloadTck(name, source, config, options.withLog(log), onReport);
    }

    /** One dynamic test per selected behaviour, in catalogue order. */
    public Stream<DynamicNode> tests() {
        List<Check> checks = Tck.checks().stream().filter(c -> options.only().contains(c.behaviour())).toList();
        Column column = new Column(name, source, config, options, onReport, checks.size());
        return checks.stream().map(check -> DynamicTest.dynamicTest(displayName(check), sourceUri(check),
                () -> column.judge(check)));
    }

    /** {@code REQUIRED TIMEOUT-2: Work past the deadline answers 408 at the deadline and is interrupted}. */
    public static String displayName(Check check) {
        Behaviour b = check.behaviour();
        return b.grade() + " " + b.id() + ": " + b.title();
    }

    private static URI sourceUri(Check check) {
        return URI.create("method:" + check.method().getDeclaringClass().getName() + "#" + check.name() + "("
                + check.method().getParameterTypes()[0].getName() + ")");
    }

    private static Tck.Options defaultOptions() {
        return Tck.Options.defaults().withScale(Scale.named(System.getProperty("tck.scale", "ci")))
                .only(Selection.parse(System.getProperty("tck.only", "")));
    }
}

package dev.offload.tck;

import dev.offload.spec.Behaviour;
import dev.offload.spec.OffloadConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The TCK from the command line, against any server ({@code --help} lists the options). Exit codes: 0 every
 * REQUIRED check passed, 1 one failed, 2 usage error, 3 the server did not start or stopped answering (the matrix
 * is still written, its cells ERROR with the reason), 4 the TCK itself failed.
 */
@Command(name = "offload-tck", mixinStandardHelpOptions = true, version = "offload-tck 0.1",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Checks an HTTP server against SPEC.md's behaviours and writes the conformance matrix.",
        footer = {"", "Any other --<key>=<value> is a server setting (OffloadConfig key, e.g. --slowDeadline=300ms)"
                + " telling the TCK what the target runs with; unset keys are the spec's defaults. Launched processes"
                + " get the same settings, also as OFFLOAD_* variables.",
                "", "Exit codes: 0 every REQUIRED check passed, 1 one failed, 2 usage error, 3 the server did not"
                + " start or stopped answering (matrix written with ERROR cells), 4 the TCK itself failed."})
public final class Main implements Callable<Integer> {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int SERVER_DOWN = 3;
    static final int INTERNAL = 4;

    @Option(names = "--target", paramLabel = "URL", description = "the server under test (any language)")
    private URI target;

    @Option(names = "--launch", paramLabel = "CMD", description = {"command that starts the server: {port} becomes a"
            + " free port, {config} the settings as --key=value. Enables the DRAIN checks, and starts the target when"
            + " --target is absent."})
    private String launch;

    @Option(names = "--name", description = "column name in the matrix (default host:port, or 'launched')")
    private String name;

    @Option(names = "--out", paramLabel = "DIR", description = "where matrix.json/.md/.html go (default: ${DEFAULT-VALUE})")
    private Path out = Path.of("target", "conformance");

    @Option(names = "--scale", paramLabel = "S", converter = ScaleConverter.class, description = "ci (default), full"
            + " (SPEC.md's load figures) or quick")
    private Scale scale = Scale.DEFAULT;

    @Option(names = "--only", paramLabel = "ID,ID", converter = SelectionConverter.class,
            description = "run only these behaviour IDs or families (e.g. TIMEOUT-2,DRAIN)")
    private Set<Behaviour> only = Selection.parse("");

    @Option(names = "--merge", description = "add the column to an existing DIR/matrix.json")
    private boolean merge;

    @Option(names = "--debug", description = "print stack traces of the TCK's own errors")
    private boolean debug;

    @Unmatched
    private List<String> settings = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI; returns the exit code. */
    public static int run(String[] args) {
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (main.debug) {
                e.printStackTrace(line.getErr());
            } else {
                line.getErr().println("offload-tck: " + Evidence.failure(e) + " (--debug shows where)");
            }
            return INTERNAL;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = new PrintWriter(System.err, true);
        if (target == null && launch == null) {
            return usage(err, "give --target=http://host:port, or --launch=\"<command>\"");
        }
        List<String> unknown = settings.stream().filter(s -> !s.startsWith("--") || !s.contains("=")).toList();
        if (!unknown.isEmpty()) {
            return usage(err, "unknown argument " + unknown.get(0));
        }
        OffloadConfig config;
        try {
            config = OffloadConfig.parse(settings, Map.of(), Map.of());
        } catch (OffloadConfig.ConfigException e) {
            return usage(err, e.getMessage());
        }
        ServerLauncher launcher = launch == null ? null : new CommandLauncher(launch);
        Tck.Options options = new Tck.Options(scale, only, System.out::println);
        LaunchedServer own = null;
        try {
            ServerReport report;
            if (target == null) {
                System.out.println("offload-tck: launching " + launch);
                try {
                    own = launcher.launch(config);
                } catch (LaunchedServer.NotStarted e) {
                    System.out.println("offload-tck: " + e.getMessage());
                    report = Tck.notStarted(name != null ? name : "launched", launch, e.getMessage(), options);
                    writeMatrix(report);
                    return SERVER_DOWN;
                }
            }
            URI base = target != null ? target : own.base();
            String column = name != null ? name : target != null ? base.getHost() + ":" + base.getPort() : "launched";
            Target t = Target.of(column, base, config);
            if (launcher != null) {
                t = t.withLauncher(launcher);
            }
            if (own != null) {
                t = t.withOutputTail(own::outputTail);
            }
            System.out.println("offload-tck: checking " + t + " at scale " + scale.label());
            report = Tck.run(t, options);
            writeMatrix(report);
            boolean down = report.results().stream().anyMatch(r -> r.outcome() == Outcome.ERROR);
            return down ? SERVER_DOWN : report.requiredFailures().isEmpty() ? PASSED : FAILED;
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    private void writeMatrix(ServerReport report) throws Exception {
        List<ServerReport> reports = List.of(report);
        Path json = out.resolve("matrix.json");
        if (merge && Files.exists(json)) {
            reports = Matrix.merge(Matrix.read(json), reports);
        }
        Path html = Matrix.write(reports, out);
        System.out.println(report.summary());
        System.out.println("offload-tck: matrix written to " + html.toAbsolutePath());
    }

    private static int usage(PrintWriter err, String problem) {
        err.println("offload-tck: " + problem);
        err.println("(--help lists the options)");
        return USAGE;
    }

    /** {@code --help}'s text, generated from the options. */
    static String usage() {
        return new CommandLine(new Main()).getUsageMessage();
    }

    static final class ScaleConverter implements CommandLine.ITypeConverter<Scale> {
        @Override
        public Scale convert(String value) {
            try {
                return Scale.named(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class SelectionConverter implements CommandLine.ITypeConverter<Set<Behaviour>> {
        @Override
        public Set<Behaviour> convert(String value) {
            try {
                return Selection.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

package dev.offload.tck;

import dev.offload.spec.Behaviour;
import dev.offload.spec.OffloadConfig;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The TCK from the command line, against any server:
 * <pre>
 * java -jar offload-tck-cli.jar --target=http://127.0.0.1:3000 [--name=my-server]
 *      [--launch="java -jar offload-jetty.jar --port={port}"] [--out=target/conformance] [--scale=ci|full|quick]
 *      [--only=TIMEOUT-2,HTTP-1] [--merge] [--slowDeadline=3s ...]
 * </pre>
 * Any other {@code --key=value} is a server setting ({@code OffloadConfig} key) telling the TCK what the target runs
 * with (default: the spec's defaults); launched processes get the same settings. Without {@code --target},
 * {@code --launch} also starts the instance the HTTP checks run against. Exit code 0 when every REQUIRED check
 * passed, 1 when one failed, 2 on a usage error.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** Runs the CLI; returns the exit code. */
    public static int run(String[] args) throws Exception {
        String target = null;
        String launch = null;
        String name = null;
        Path out = Path.of("target", "conformance");
        Scale scale = Scale.CI;
        Set<Behaviour> only = EnumSet.allOf(Behaviour.class);
        boolean merge = false;
        List<String> settings = new ArrayList<>();
        try {
            for (String arg : args) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
                if (arg.startsWith("--target=")) {
                    target = value;
                } else if (arg.startsWith("--launch=")) {
                    launch = value;
                } else if (arg.startsWith("--name=")) {
                    name = value;
                } else if (arg.startsWith("--out=")) {
                    out = Path.of(value);
                } else if (arg.startsWith("--scale=")) {
                    scale = Scale.named(value);
                } else if (arg.startsWith("--only=")) {
                    only = EnumSet.noneOf(Behaviour.class);
                    for (String id : value.split(",")) {
                        String trimmed = id.trim();
                        only.add(Behaviour.byId(trimmed).orElseThrow(
                                () -> new IllegalArgumentException("--only: unknown behaviour ID " + trimmed)));
                    }
                } else if (arg.equals("--merge")) {
                    merge = true;
                } else if (arg.equals("--help") || arg.equals("-h")) {
                    System.out.println(usage());
                    return 0;
                } else {
                    settings.add(arg);
                }
            }
            if (target == null && launch == null) {
                throw new IllegalArgumentException("give --target=http://host:port, or --launch=\"<command>\"");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("offload-tck: " + e.getMessage());
            System.err.println(usage());
            return 2;
        }
        OffloadConfig config;
        try {
            config = OffloadConfig.parse(settings, java.util.Map.of(), java.util.Map.of());
        } catch (OffloadConfig.ConfigException e) {
            System.err.println("offload-tck: " + e.getMessage());
            return 2;
        }
        ServerLauncher launcher = launch == null ? null : new CommandLauncher(launch);
        LaunchedServer own = null;
        try {
            URI base;
            if (target != null) {
                base = URI.create(target);
            } else {
                System.out.println("offload-tck: launching " + launch);
                own = launcher.launch(config);
                base = own.base();
            }
            String column = name != null ? name : target != null ? base.getHost() + ":" + base.getPort() : "launched";
            Target t = Target.of(column, base, config);
            if (launcher != null) {
                t = t.withLauncher(launcher);
            }
            System.out.println("offload-tck: checking " + t + " at scale " + scale.name());
            ServerReport report = Tck.run(t, new Tck.Options(scale, only, System.out::println));
            List<ServerReport> reports = List.of(report);
            Path json = out.resolve("matrix.json");
            if (merge && Files.exists(json)) {
                reports = Matrix.merge(Matrix.read(json), reports);
            }
            Path html = Matrix.write(reports, out);
            System.out.println(report.summary());
            System.out.println("offload-tck: matrix written to " + html.toAbsolutePath());
            return report.requiredFailures().isEmpty() ? 0 : 1;
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    static String usage() {
        return """
                usage: java -jar offload-tck-cli.jar --target=http://host:port [options] [--<setting>=<value> ...]
                  --target=URL      the server under test (any language)
                  --launch="CMD"    command that starts the server, {port} replaced by a free port, {config} by the
                                    settings as --key=value; enables the DRAIN checks (and starts the target when
                                    --target is absent). Settings are also passed as OFFLOAD_* variables.
                  --name=NAME       column name in the matrix (default host:port)
                  --out=DIR         where matrix.json/.md/.html go (default target/conformance)
                  --scale=S         ci (default), full (the spec's load figures) or quick
                  --only=ID,ID      run only these behaviour IDs
                  --merge           add the column to an existing DIR/matrix.json
                  --<key>=<value>   a server setting the target runs with (OffloadConfig key, e.g.
                                    --slowDeadline=300ms); unset keys are the spec's defaults""";
    }
}

package dev.offload.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the Gatling phases (calibration, behaviour scenarios) share: the profile, the servers, the output folder, and
 * how a server and a Gatling run are started. Gatling phases are not pinned: their rates are far below one core.
 */
record GatlingContext(Profile profile, Map<String, Path> servers, Path output, long clockTicks) {

    ServerProcess startServer(String server, Map<String, String> config, String id)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--host=127.0.0.1", "--port=0"));
        config.forEach((k, v) -> args.add("--" + k + "=" + v));
        return ServerProcess.start(server, servers.get(server), LoadRun.SERVER_JVM_FLAGS, args,
                output.resolve("logs/" + id + "-server.log"), Duration.ofSeconds(60));
    }

    GatlingProcess.Outcome gatling(String simulation, Map<String, String> props, Path resultsFolder,
                                   String description, Path log, Consumer<Long> onStart, Consumer<String> onMark)
            throws IOException, InterruptedException {
        GatlingPrefs.seed(output.resolve(".gatling-prefs"));
        Map<String, String> all = new LinkedHashMap<>(props);
        all.put("java.util.prefs.userRoot", output.resolve(".gatling-prefs").toString());
        return GatlingProcess.run(simulation, all, resultsFolder, description, log,
                Duration.ofSeconds(profile.warmupSeconds() + profile.measureSeconds() + 180), onStart, onMark);
    }

    String relative(Path p) {
        return output.relativize(p.toAbsolutePath().normalize()).toString();
    }
}

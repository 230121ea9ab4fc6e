package dev.offload.load;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The orchestrator's {@code key=value} settings, as Maven's exec plugin hands them over. */
final class RunOptions {
    private RunOptions() {
    }

    /** Each argument may hold several space-separated settings; a leading {@code --} is optional. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            for (String token : arg.trim().split("\\s+")) {
                if (token.isEmpty()) {
                    continue;
                }
                String t = token.startsWith("--") ? token.substring(2) : token;
                int eq = t.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("setting '" + token + "' is not key=value");
                }
                options.put(t.substring(0, eq), t.substring(eq + 1));
            }
        }
        return options;
    }

    static Map<String, Path> servers(String spec) {
        Map<String, Path> servers = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] kv = entry.trim().split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new IllegalArgumentException("servers: '" + entry + "' is not name=path/to/server.jar");
            }
            servers.put(kv[0].trim(), Path.of(kv[1].trim()).toAbsolutePath().normalize());
        }
        return servers;
    }

    static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}

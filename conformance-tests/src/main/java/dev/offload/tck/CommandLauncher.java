package dev.offload.tck;

import dev.offload.spec.OffloadConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Launches any server from a command template, e.g. {@code java -jar offload-jetty.jar --port={port}} or
 * {@code ./fiber-app -port {port}}. {@code {port}} becomes a free port; {@code {config}} (optional) becomes the
 * settings as {@code --key=value} arguments. The settings are always also given as {@code OFFLOAD_*} environment
 * variables, which every spec server reads. The template is split on spaces (quotes group) and run directly, not
 * through a shell, so SIGTERM reaches the server itself.
 */
public final class CommandLauncher implements ServerLauncher {
    private final String template;

    public CommandLauncher(String template) {
        this.template = template;
    }

    @Override
    public LaunchedServer launch(OffloadConfig config) throws Exception {
        return launchRaw(config, List.of(), Map.of());
    }

    @Override
    public LaunchedServer launchRaw(OffloadConfig config, List<String> extraArgs, Map<String, String> extraEnvironment)
            throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>();
        for (String word : split(template)) {
            if (word.equals("{config}")) {
                command.addAll(replaced(config.with("port", Integer.toString(port)).toArgs(), extraArgs));
            } else {
                command.add(word.replace("{port}", Integer.toString(port)));
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        config.with("port", Integer.toString(port)).asMap().forEach((k, v) -> env.put(envName(k), v));
        env.putAll(extraEnvironment);
        return LaunchedServer.start(command, env, port, Duration.ofSeconds(60));
    }

    @Override
    public boolean acceptsRawSettings() {
        return true;
    }

    @Override
    public boolean passesArguments() {
        return split(template).contains("{config}");
    }

    /** {@code slowDeadline} → {@code OFFLOAD_SLOW_DEADLINE}. */
    static String envName(String key) {
        return "OFFLOAD_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    static List<String> split(String template) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : template.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return template;
    }

    /** {@code args} without those whose key {@code extra} sets, then {@code extra}. */
    static List<String> replaced(List<String> args, List<String> extra) {
        List<String> keys = extra.stream().filter(a -> a.contains("=")).map(a -> a.substring(0, a.indexOf('=') + 1))
                .toList();
        List<String> out = new ArrayList<>(args.stream().filter(a -> keys.stream().noneMatch(a::startsWith)).toList());
        out.addAll(extra);
        return out;
    }
}

package dev.offload.spec.kit;

import dev.offload.spec.Replies.DrainReport;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two machine-readable lines a server process prints on standard output, one JSON object per line, so a
 * launcher (the TCK's DRAIN checks, the load tests) can find the port and the drain result without parsing logs:
 * <pre>
 * {"event":"started","server":"jetty","host":"127.0.0.1","port":41234}
 * {"event":"drained","completed":10,"abandoned":[]}
 * </pre>
 * The drained line is the last thing the process prints.
 */
public final class ProcessEvents {
    private ProcessEvents() {
    }

    public static void started(String server, String host, int port) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "started");
        event.put("server", server);
        event.put("host", host);
        event.put("port", port);
        print(System.out, Json.writeString(event));
    }

    public static void drained(DrainReport report) {
        print(System.out, Json.writeString(report));
    }

    private static void print(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}

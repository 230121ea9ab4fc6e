package dev.offload.load.simulations;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-line events on the injector's standard output that the orchestrator acts on as they happen: it reads the
 * server's CPU time at {@code measure-start} and {@code measure-end}, and sends SIGTERM at {@code sigterm}. Each mark
 * is printed once per run, whichever virtual user gets there first. Without an orchestrator they are just log lines.
 */
public final class Markers {
    /** Prefix of a marker line; the rest of the line is a small JSON object. */
    public static final String PREFIX = "##offload-load ";

    public static final String MEASURE_START = "measure-start";
    public static final String MEASURE_END = "measure-end";
    public static final String SIGTERM = "sigterm";

    private final Set<String> printed = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Long> times = new ConcurrentHashMap<>();

    /** Prints {@code mark} the first time it is called; later calls do nothing. */
    public void once(String mark) {
        if (printed.add(mark)) {
            long now = System.currentTimeMillis();
            times.put(mark, now);
            synchronized (System.out) {
                System.out.println(PREFIX + "{\"mark\":\"" + mark + "\",\"epochMs\":" + now + "}");
                System.out.flush();
            }
        }
    }

    public boolean reached(String mark) {
        return printed.contains(mark);
    }

    /** When {@code mark} was printed, epoch ms, or null. */
    public Long time(String mark) {
        return times.get(mark);
    }
}

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the CANCEL-3 disconnect watch costs: capacity and server CPU per request of {@code GET /work?ms=0&stream=false}
 * (no work at all, so the figure is the request's own overhead, watch included) with {@code watchDisconnect} on and
 * off, on one server jar, in fresh server JVMs, interleaved (on, off, on, off, ...). A closed loop of keep-alive
 * raw-socket clients sends the next request as soon as the answer is read; CPU is the server process's own
 * (/proc/PID/stat utime + stime), so the injector's cost is not counted. Linux only; JDK only.
 *
 * <pre>
 * java load-tests/scripts/WatchCost.java --jar=impl-jetty/target/offload-jetty.jar \
 *      [--java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java] [--connections=8] [--warmup=5] [--seconds=10] [--reps=2]
 * </pre>
 */
public class WatchCost {
    private static final Pattern PORT = Pattern.compile("\"port\":(\\d+)");
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    public static void main(String[] args) throws Exception {
        String jar = arg(args, "jar", null);
        if (jar == null) {
            System.err.println("usage: java WatchCost.java --jar=<server jar> [--java=...] [--connections=8]"
                    + " [--warmup=5] [--seconds=10] [--reps=2]");
            System.exit(2);
        }
        String java = arg(args, "java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        int connections = Integer.parseInt(arg(args, "connections", "8"));
        int warmup = Integer.parseInt(arg(args, "warmup", "5"));
        int seconds = Integer.parseInt(arg(args, "seconds", "10"));
        int reps = Integer.parseInt(arg(args, "reps", "2"));
        System.out.printf("%s: GET /work?ms=0&stream=false, %d keep-alive connections, %d s warm-up, %d s measured%n",
                jar, connections, warmup, seconds);
        for (int rep = 1; rep <= reps; rep++) {
            for (String watch : List.of("on", "off")) {
                double[] r = run(java, jar, watch, connections, warmup, seconds);
                System.out.printf(Locale.ROOT, "rep %d watchDisconnect=%-3s %,9.0f req/s  %7.1f us CPU/request"
                        + "  (%,d requests, %.2f server cores)%n", rep, watch, r[0], r[1], (long) r[2], r[3]);
            }
        }
    }

    /** {req/s, CPU us/request, requests, server cores used} over the measured window. */
    private static double[] run(String java, String jar, String watch, int connections, int warmup, int seconds)
            throws Exception {
        Process server = new ProcessBuilder(java, "-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-jar", jar,
                "--host=127.0.0.1", "--port=0", "--watchDisconnect=" + watch).redirectErrorStream(true).start();
        try {
            int port = port(server);
            LongAdder done = new LongAdder();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                clients.add(Thread.ofVirtual().start(() -> loop(port, running, done)));
            }
            Thread.sleep(warmup * 1000L);
            long cpu0 = cpuTicks(server.pid());
            long n0 = done.sum();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long cpu1 = cpuTicks(server.pid());
            long n1 = done.sum();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            running.set(false);
            for (Thread t : clients) {
                t.join(5_000);
            }
            long requests = n1 - n0;
            double cpuSeconds = (cpu1 - cpu0) / (double) TICKS_PER_SECOND;
            return new double[] {requests / elapsed, cpuSeconds * 1e6 / Math.max(1, requests), requests,
                cpuSeconds / elapsed};
        } finally {
            server.destroy(); // SIGTERM: the server drains and exits
            server.waitFor();
        }
    }

    private static void loop(int port, AtomicBoolean running, LongAdder done) {
        byte[] request = ("GET /work?ms=0&stream=false HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress("127.0.0.1", port));
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (running.get()) {
                out.write(request);
                out.flush();
                readResponse(in);
                done.increment();
            }
        } catch (IOException e) {
            if (running.get()) {
                System.err.println("client failed: " + e);
            }
        }
    }

    /** Reads one response with a Content-Length body; fails on anything but a 200. */
    private static void readResponse(InputStream in) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("unexpected response: " + status);
        }
        int length = -1;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(h.substring(15).trim());
            }
        }
        if (length < 0 || in.readNBytes(length).length != length) {
            throw new IOException("response without a complete Content-Length body");
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static int port(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = PORT.matcher(line);
            if (line.contains("\"started\"") && m.find()) {
                Thread.ofVirtual().start(() -> drain(out)); // keep reading its output, or it may block
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IOException("the server exited before its started line");
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // the server's log lines are not needed
            }
        } catch (IOException ended) {
            // the server exited
        }
    }

    /** utime + stime of the process, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static String arg(String[] args, String key, String fallback) {
        for (String a : args) {
            if (a.startsWith("--" + key + "=")) {
                return a.substring(key.length() + 3);
            }
        }
        return fallback;
    }
}

package dev.offload.load;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;

/**
 * The server's own GC log ({@code -Xlog:gc:file=...}), read incrementally: the heap after the last collection since
 * the previous read. Passive, unlike {@code jcmd GC.run}, so a soak window is not disturbed by the measurement.
 */
final class GcLog {
    /** G1's summary of a pause: {@code 24M->3M(512M)}, before -> after (committed). */
    private static final java.util.regex.Pattern AFTER = java.util.regex.Pattern.compile(
            "(\\d+)([KMG])->(\\d+)([KMG])\\(");

    private final Path file;
    private long offset;

    GcLog(Path file) {
        this.file = file;
    }

    /** The flag that makes a JVM write the log this class reads. */
    static String flag(Path file) {
        return "-Xlog:gc:file=" + file;
    }

    /** Heap after the last GC logged since the previous call, in bytes; null if none ran meanwhile. */
    Long heapAfterLastGc() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        String fresh;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return null;
            }
            byte[] bytes = new byte[(int) (length - offset)];
            in.seek(offset);
            in.readFully(bytes);
            int lastNewline = new String(bytes, StandardCharsets.UTF_8).lastIndexOf('\n');
            if (lastNewline < 0) {
                return null; // a line still being written: read it next time
            }
            fresh = new String(bytes, 0, lastNewline + 1, StandardCharsets.UTF_8);
            offset += fresh.getBytes(StandardCharsets.UTF_8).length;
        }
        return lastAfter(fresh);
    }

    static Long lastAfter(String lines) {
        Long last = null;
        Matcher m = AFTER.matcher(lines);
        while (m.find()) {
            last = Long.parseLong(m.group(3)) * switch (m.group(4)) {
                case "K" -> 1L << 10;
                case "M" -> 1L << 20;
                default -> 1L << 30;
            };
        }
        return last;
    }
}

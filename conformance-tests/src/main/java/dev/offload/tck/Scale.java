package dev.offload.tck;

import java.util.Locale;

/**
 * How much load the load-flavoured checks put on a server. {@link #FULL} is the spec's figure; {@link #CI} keeps
 * {@code mvn verify} within its budget on two shared cores; {@link #QUICK} is for runs that only need every check
 * to be able to fail (the mutant tests). The verdict rules are the same at every scale, only the counts differ.
 *
 * @param copyConnections        COPY-1/2: concurrent keep-alive connections
 * @param copyRequestsPerConnection COPY-1/2: requests sent on each of them
 * @param uniqueJobIds           POOL-2: jobs accepted before the ids are compared
 * @param fillJobMs              POOL-1/3: how long each job of the burst that fills the pool runs; a submit slower
 *                               than half of it counts as blocking
 */
public record Scale(String name, int copyConnections, int copyRequestsPerConnection, int uniqueJobIds,
                    int fillJobMs) {
    public static final Scale FULL = new Scale("full", 64, 1_000, 10_000, 600);
    public static final Scale CI = new Scale("ci", 64, 40, 5_000, 600);
    public static final Scale QUICK = new Scale("quick", 8, 25, 1_000, 400);
    /** What a run uses unless told: {@link #CI}, below SPEC.md's figures, which every verdict then says. */
    public static final Scale DEFAULT = CI;

    public static Scale named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "full" -> FULL;
            case "ci" -> CI;
            case "quick" -> QUICK;
            default -> throw new IllegalArgumentException("scale must be full, ci or quick, got '" + name + "'");
        };
    }

    public int copyRequests() {
        return copyConnections * copyRequestsPerConnection;
    }

    /** Whether this scale sends the counts SPEC.md states (COPY-1: 64 × 1,000; POOL-2: 10,000). */
    public boolean meetsSpec() {
        return copyConnections >= FULL.copyConnections && copyRequestsPerConnection >= FULL.copyRequestsPerConnection
                && uniqueJobIds >= FULL.uniqueJobIds;
    }

    /** The scale as a verdict names it: {@code ci (COPY 64×40, POOL-2 5,000 ids; SPEC.md's figures are scale full)}. */
    public String label() {
        return String.format("%s (COPY %d×%,d, POOL-2 %,d ids%s)", name, copyConnections, copyRequestsPerConnection,
                uniqueJobIds, meetsSpec() ? ", SPEC.md's figures" : "; SPEC.md's figures are scale full");
    }

    /** Appended to the figure of a check whose counts depend on the scale, so the verdict names it. */
    public String note(dev.offload.spec.Behaviour behaviour) {
        return switch (behaviour) {
            case COPY_1, COPY_2, POOL_2 -> " [scale " + label() + "]";
            default -> "";
        };
    }
}

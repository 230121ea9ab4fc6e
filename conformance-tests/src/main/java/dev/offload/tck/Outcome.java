package dev.offload.tck;

/** The verdict of one check against one server. */
public enum Outcome {
    /** The server showed the behaviour. */
    PASS,
    /** The server did not; the figure says what was measured instead. */
    FAIL,
    /** The check could not run here; the figure says why (e.g. no --launch for a process check). */
    SKIPPED
}

package dev.offload.tck;

/** The verdict of one check against one server. */
public enum Outcome {
    /** The server showed the behaviour. */
    PASS,
    /** The server did not; the figure says what was measured instead. */
    FAIL,
    /** The check could not run here; the figure says why (e.g. no --launch for a process check). */
    SKIPPED,
    /**
     * The check could not reach a verdict because the server under test did not start or stopped answering; the
     * figure says what happened and ends with the tail of the server's output when there is one. A REQUIRED ERROR
     * fails the build like a FAIL: conformance was not shown.
     */
    ERROR
}

package dev.offload.tck;

/** Thrown inside a check to end it with FAIL; the message is the measured figure. */
public final class CheckFailed extends RuntimeException {
    public CheckFailed(String figure) {
        super(figure, null, false, false);
    }
}

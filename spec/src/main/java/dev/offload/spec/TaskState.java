package dev.offload.spec;

/** Life cycle of a task: QUEUED, RUNNING, then exactly one terminal state. */
public enum TaskState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    TIMED_OUT;

    public boolean isTerminal() {
        return this != QUEUED && this != RUNNING;
    }
}

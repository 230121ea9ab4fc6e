package dev.offload.spec.kit;

import dev.offload.spec.ErrorCode;

/**
 * Whether offered work was taken: a result, not an exception, because refusing is the normal answer under overload
 * (POOL-1) and during a stop (DRAIN-1), and must stay as cheap as accepting.
 */
public sealed interface Admission {

    /** The work is tracked and will run as {@code task}. */
    record Accepted(Task task) implements Admission {
    }

    /** Nothing was started; {@code code} is QUEUE_FULL or SHUTTING_DOWN. The task, if any, was counted rejected. */
    record Refused(ErrorCode code, String message) implements Admission {
    }
}

package dev.offload.tck;

import dev.offload.spec.Behaviour;

/** One cell of the matrix: a check's verdict against one server, and how long the check took. */
public record Result(Behaviour behaviour, String check, Verdict verdict, long millis) {

    public Outcome outcome() {
        return verdict.outcome();
    }

    public String figure() {
        return verdict.figure();
    }

    /** A REQUIRED check that failed or could not judge (ERROR): this is what fails a build. */
    public boolean requiredFailure() {
        return (outcome() == Outcome.FAIL || outcome() == Outcome.ERROR)
                && behaviour.grade() == dev.offload.spec.Grade.REQUIRED;
    }
}

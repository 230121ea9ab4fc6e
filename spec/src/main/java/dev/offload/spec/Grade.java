package dev.offload.spec;

/** How binding a behaviour is: a REQUIRED failure fails the conformance run, a RECOMMENDED one is reported. */
public enum Grade {
    REQUIRED,
    RECOMMENDED
}

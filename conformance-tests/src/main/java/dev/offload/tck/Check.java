package dev.offload.tck;

import dev.offload.spec.Behaviour;
import dev.offload.spec.Grade;
import dev.offload.tck.wire.Text;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One check: a public method {@code <grade>_<ID>_<whatItAsks>(Probe)} returning a {@link Verdict}, e.g.
 * {@code required_TIMEOUT_2_deadlineAnswers408AndInterruptsWork}. The name carries the behaviour and its grade, as in
 * the Reactive Streams TCK, so a report line is enough to find the spec rule and the code.
 */
public record Check(Behaviour behaviour, String name, Object owner, Method method) {
    static final Pattern NAME = Pattern.compile("(required|recommended)_([A-Z]+_\\d+)_([a-z]\\w*)");

    /** The check a method declares, or null if it is not one; a misnamed or misgraded check is an error. */
    static Check of(Object owner, Method method) {
        Matcher m = NAME.matcher(method.getName());
        if (!m.matches()) {
            return null;
        }
        Behaviour behaviour;
        try {
            behaviour = Behaviour.valueOf(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(method + " names no behaviour ID of the spec");
        }
        Grade grade = Grade.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        if (grade != behaviour.grade()) {
            throw new IllegalStateException(method + " is " + grade + " but " + behaviour.id() + " is "
                    + behaviour.grade());
        }
        if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != Probe.class
                || method.getReturnType() != Verdict.class) {
            throw new IllegalStateException(method + " must be Verdict " + method.getName() + "(Probe)");
        }
        return new Check(behaviour, method.getName(), owner, method);
    }

    /**
     * Runs the check; a {@link CheckFailed} is a FAIL with its message, any other exception (the server closed the
     * connection, answered garbage, did not answer) a FAIL saying in words what happened and what was being checked.
     * No verdict names a Java class: it is read by implementers, not by the TCK's authors.
     */
    public Verdict run(Probe probe) {
        try {
            Verdict v = (Verdict) method.invoke(owner, probe);
            if (v == null) {
                return Verdict.fail("the check returned no verdict");
            }
            return new Verdict(v.outcome(), Evidence.withoutClassNames(v.figure()), v.value(), v.unit());
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CheckFailed failed) {
                return Verdict.fail(Evidence.withoutClassNames(failed.getMessage()));
            }
            if (cause instanceof LaunchedServer.NotStarted notStarted) {
                return Verdict.error("could not start a server process for this check: " + notStarted.getMessage());
            }
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Verdict.fail(Text.abbreviate(Evidence.failure(cause), 400) + " (while checking " + behaviour.id()
                    + ": " + behaviour.title() + ")");
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the check talks to the target's base URL (the process checks launch their own servers). */
    public boolean needsTarget() {
        return !(owner instanceof DrainChecks);
    }

    @Override
    public String toString() {
        return name;
    }
}

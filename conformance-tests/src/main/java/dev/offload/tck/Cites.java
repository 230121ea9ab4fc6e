package dev.offload.tck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The SPEC.md statements a check enforces beyond its own behaviour ID: the tags of the conventions, observation
 * endpoints, configuration and process protocol ({@code CONV-1}, {@code OBS-2}, {@code PROC-1}, …). A TCK test
 * keeps every tag of SPEC.md cited by some check and every citation present in SPEC.md.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Cites {
    String[] value();
}

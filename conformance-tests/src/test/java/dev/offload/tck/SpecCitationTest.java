package dev.offload.tck;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SPEC.md ⇔ TCK: every behaviour ID and every statement tag of SPEC.md is enforced by a check that cites it (its
 * name for a behaviour, {@link Cites} for a tag), and every citation names something SPEC.md states.
 */
class SpecCitationTest {
    private static final Pattern BEHAVIOUR = Pattern.compile("^\\*\\*([A-Z]+-\\d+)\\*\\* (?:REQUIRED|RECOMMENDED)\\.",
            Pattern.MULTILINE);
    private static final Pattern TAG = Pattern.compile("\\[([A-Z]+-\\d+)]");

    @Test
    void everyStatementOfSpecIsCheckedAndEveryCitationIsInSpec() throws Exception {
        String spec = Files.readString(Path.of("..", "spec", "SPEC.md"));
        Set<String> stated = new TreeSet<>();
        collect(BEHAVIOUR.matcher(spec), stated);
        // the tag in the explanation of tags ("such as [CONV-1]") is one of the real ones, so it adds nothing
        collect(TAG.matcher(spec), stated);
        Set<String> cited = new TreeSet<>();
        for (Check check : Tck.checks()) {
            cited.add(check.behaviour().id());
            Cites cites = check.method().getAnnotation(Cites.class);
            if (cites != null) {
                cited.addAll(Set.of(cites.value()));
            }
        }
        Set<String> unchecked = new TreeSet<>(stated);
        unchecked.removeAll(cited);
        Set<String> unstated = new TreeSet<>(cited);
        unstated.removeAll(stated);
        assertEquals(Set.of(), unchecked, "SPEC.md statements no check cites");
        assertEquals(Set.of(), unstated, "citations of statements SPEC.md does not have");
    }

    private static void collect(Matcher m, Set<String> into) {
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}

package dev.offload.tck;

import dev.offload.spec.Behaviour;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which behaviours a run checks, from {@code --only=TIMEOUT-2,HTTP-1} or {@code -Dtck.only=...}: the one parser of a
 * behaviour-ID list. IDs are as in SPEC.md (case and {@code -}/{@code _} do not matter); a family name such as
 * {@code DRAIN} selects all of its IDs; blank selects everything.
 */
public final class Selection {
    private Selection() {
    }

    /** The behaviours {@code list} names; an ID the spec does not know is an {@link IllegalArgumentException}. */
    public static Set<Behaviour> parse(String list) {
        if (list == null || list.isBlank()) {
            return EnumSet.allOf(Behaviour.class);
        }
        Set<Behaviour> selected = EnumSet.noneOf(Behaviour.class);
        for (String raw : list.split(",")) {
            String id = raw.trim().toUpperCase(Locale.ROOT).replace('_', '-');
            if (id.isEmpty()) {
                continue;
            }
            int before = selected.size();
            Behaviour.byId(id).ifPresent(selected::add);
            for (Behaviour b : Behaviour.values()) {
                if (b.id().startsWith(id + "-") && !id.matches(".*-\\d+")) {
                    selected.add(b);
                }
            }
            if (selected.size() == before && Behaviour.byId(id).isEmpty()) {
                throw new IllegalArgumentException("unknown behaviour ID '" + raw.trim() + "' (SPEC.md IDs are like"
                        + " TIMEOUT-2, or a family like DRAIN)");
            }
        }
        return selected;
    }
}

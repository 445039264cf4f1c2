package dev.handoff.transcript.importer;

import dev.handoff.error.HandoffException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Labels of an export mapped to handoff criteria, from {@code --map LABEL=criterion,...}.
 * A label may be given several times to map it to several criteria; {@code LABEL=-} maps it
 * explicitly to "no handoff". Labels are matched ignoring case and surrounding spaces.
 */
public final class LabelMapping {

    /** The criterion name that means "this label is a known negative". */
    public static final String NONE = "-";

    private final Map<String, List<String>> criteriaByLabel;

    private LabelMapping(Map<String, List<String>> criteriaByLabel) {
        this.criteriaByLabel = criteriaByLabel;
    }

    public static LabelMapping empty() {
        return new LabelMapping(Map.of());
    }

    /** Parses entries of the form {@code LABEL=criterion}; criterion names may contain spaces. */
    public static LabelMapping parse(List<String> entries) {
        Map<String, Set<String>> map = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String label = eq < 0 ? "" : entry.substring(0, eq).trim();
            String criterion = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (label.isEmpty() || criterion.isEmpty()) {
                throw HandoffException.usage("--map '" + entry + "': expected LABEL=criterion",
                        "for example --map CHAT_WITH_AGENT=asks_for_human,CRITICISM=user_frustration (LABEL=- marks a known negative)");
            }
            map.computeIfAbsent(key(label), k -> new LinkedHashSet<>()).add(criterion);
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        map.forEach((label, criteria) -> {
            if (criteria.contains(NONE) && criteria.size() > 1) {
                throw HandoffException.usage("--map: label '" + label + "' is mapped both to '-' (no handoff) and to "
                        + String.join(", ", criteria.stream().filter(c -> !c.equals(NONE)).toList()), "keep one of them");
            }
            result.put(label, criteria.contains(NONE) ? List.of() : List.copyOf(criteria));
        });
        return new LabelMapping(Collections.unmodifiableMap(result));
    }

    /** What a label means. */
    public sealed interface Outcome {
        /** The label maps to these criteria: a handoff is expected. */
        record Handoff(List<String> criteria) implements Outcome {
        }

        /** The label is a negative, explicitly ({@code LABEL=-}) or because unmapped labels count as negatives. */
        record NoHandoff() implements Outcome {
        }

        /** The label is not in the mapping (only returned when the caller must apply a policy). */
        record Unmapped() implements Outcome {
        }
    }

    public Outcome resolve(String label) {
        List<String> criteria = criteriaByLabel.get(key(label));
        if (criteria == null) {
            return new Outcome.Unmapped();
        }
        return criteria.isEmpty() ? new Outcome.NoHandoff() : new Outcome.Handoff(criteria);
    }

    /** Every criterion named in the mapping, in the order given. */
    public List<String> criteria() {
        Set<String> all = new LinkedHashSet<>();
        criteriaByLabel.values().forEach(all::addAll);
        return new ArrayList<>(all);
    }

    public boolean isEmpty() {
        return criteriaByLabel.isEmpty();
    }

    private static String key(String label) {
        return label.trim().toLowerCase(Locale.ROOT);
    }
}

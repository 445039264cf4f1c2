package dev.handoff.diff;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs the elements of a remote and a local list of objects by identity, never by position:
 * first by {@code id}, then by {@code name}, {@code title}, then (availability slots) by
 * {@code day_span} and start time, and last by being equal as a whole.
 */
public final class ListMatcher {

    private static final List<String> NAME_KEYS = List.of("name", "title");

    private ListMatcher() {
    }

    /** @param key the field the pair was matched on, for the label ({@code name=Billing}) */
    public record Pair(int remote, int local, String key, String value) {
    }

    public record Result(List<Pair> pairs, List<Integer> onlyRemote, List<Integer> onlyLocal) {
    }

    public static Result match(JsonNode remote, JsonNode local) {
        return match(remote, local, false);
    }

    /**
     * @param placeholdersMatch in the last pass, a local {@code ${env:NAME}} placeholder equals any
     *                          remote value: fetch pairs a remote element holding a clear secret with
     *                          the file's element that hides it, so that the file's variable is kept
     *                          (a list element with no name or id, such as one holding a list of headers)
     */
    public static Result match(JsonNode remote, JsonNode local, boolean placeholdersMatch) {
        int rn = remote.size();
        int ln = local.size();
        boolean[] rUsed = new boolean[rn];
        boolean[] lUsed = new boolean[ln];
        List<Pair> pairs = new ArrayList<>();

        pass(remote, local, rUsed, lUsed, pairs, "id", n -> scalar(n.get("id")));
        for (String key : NAME_KEYS) {
            pass(remote, local, rUsed, lUsed, pairs, key, n -> scalar(n.get(key)));
        }
        for (String key : NAME_KEYS) {
            // the same name with its accents composed on one side and decomposed on the other (typed on another system):
            // one item renamed in place, not one deleted and another created with a new id
            pass(remote, local, rUsed, lUsed, pairs, key, n -> composed(scalar(n.get(key))));
        }
        pass(remote, local, rUsed, lUsed, pairs, "day_span",
                n -> scalar(n.get("day_span")) == null ? null : scalar(n.get("day_span")) + " " + scalar(n.get("start_time")));
        pass(remote, local, rUsed, lUsed, pairs, "day_span", n -> scalar(n.get("day_span")));
        if (placeholdersMatch) {
            for (int l = 0; l < ln; l++) {
                for (int r = 0; !lUsed[l] && r < rn; r++) {
                    if (!rUsed[r] && sameUnlessHidden(remote.get(r), local.get(l))) {
                        rUsed[r] = true;
                        lUsed[l] = true;
                        pairs.add(new Pair(r, l, null, null));
                    }
                }
            }
        } else {
            pass(remote, local, rUsed, lUsed, pairs, null, n -> n);
        }
        pairs.sort((a, b) -> Integer.compare(a.local(), b.local()));
        List<Integer> onlyRemote = new ArrayList<>();
        for (int r = 0; r < rn; r++) {
            if (!rUsed[r]) {
                onlyRemote.add(r);
            }
        }
        List<Integer> onlyLocal = new ArrayList<>();
        for (int l = 0; l < ln; l++) {
            if (!lUsed[l]) {
                onlyLocal.add(l);
            }
        }
        return new Result(pairs, onlyRemote, onlyLocal);
    }

    /**
     * How to name an element in a path: by its name or title when it has one, else by what identifies
     * it ({@code day_span}, with the start time when the day span alone is ambiguous in its list).
     * To name every element of a list, use one {@link #labeler} for the list: this counts the day spans
     * of all siblings on each call.
     */
    public static String[] label(JsonNode element, Pair pair, JsonNode siblings, int fallbackIndex) {
        return labeler(siblings).label(element, pair, fallbackIndex);
    }

    /** Names the elements of one list, its day spans counted once (a list of 30,000 slots is named in linear time). */
    public static Labeler labeler(JsonNode siblings) {
        return new Labeler(siblings);
    }

    /** See {@link #label}. */
    public static final class Labeler {

        private final JsonNode siblings;
        /** How many siblings have each day span; counted on first need. */
        private Map<String, Integer> spans;

        private Labeler(JsonNode siblings) {
            this.siblings = siblings;
        }

        public String[] label(JsonNode element, Pair pair, int fallbackIndex) {
            for (String key : NAME_KEYS) {
                String v = scalar(element.get(key));
                if (v != null) {
                    return new String[]{key, v};
                }
            }
            String span = scalar(element.get("day_span"));
            if (span != null) {
                String start = scalar(element.get("start_time"));
                return new String[]{"day_span", spans().getOrDefault(span, 0) > 1 && start != null ? span + " " + start : span};
            }
            if (pair != null && pair.key() != null) {
                return new String[]{pair.key(), pair.value()};
            }
            String id = scalar(element.get("id"));
            if (id != null) {
                return new String[]{"id", id};
            }
            return new String[]{"#", Integer.toString(fallbackIndex)};
        }

        private Map<String, Integer> spans() {
            if (spans == null) {
                spans = new HashMap<>();
                for (JsonNode s : siblings) {
                    String span = scalar(s.get("day_span"));
                    if (span != null) {
                        spans.merge(span, 1, Integer::sum);
                    }
                }
            }
            return spans;
        }
    }

    private interface KeyOf {
        Object apply(JsonNode n);
    }

    /**
     * Pairs each unpaired local element, in order, with the first unpaired remote element of the same
     * key; the remote elements are grouped by key first, so a pass is linear in the lists' lengths.
     *
     * @param key the label's key for the pairs made (null: matched as a whole)
     */
    private static void pass(JsonNode remote, JsonNode local, boolean[] rUsed, boolean[] lUsed, List<Pair> pairs,
                             String key, KeyOf keyOf) {
        Map<Object, ArrayDeque<Integer>> byKey = null;
        for (int l = 0; l < local.size(); l++) {
            if (lUsed[l]) {
                continue;
            }
            Object lk = keyOf.apply(local.get(l));
            if (lk == null) {
                continue;
            }
            if (byKey == null) {
                byKey = new HashMap<>();
                for (int r = 0; r < remote.size(); r++) {
                    Object rk = rUsed[r] ? null : keyOf.apply(remote.get(r));
                    if (rk != null) {
                        byKey.computeIfAbsent(rk, k -> new ArrayDeque<>()).add(r);
                    }
                }
            }
            ArrayDeque<Integer> candidates = byKey.get(lk);
            if (candidates != null && !candidates.isEmpty()) {
                int r = candidates.poll();
                rUsed[r] = true;
                lUsed[l] = true;
                pairs.add(new Pair(r, l, key, key == null ? null : lk.toString()));
            }
        }
    }

    private static boolean sameUnlessHidden(JsonNode remote, JsonNode local) {
        if (SecretFields.variable(local) != null) {
            return true;
        }
        if (remote.isContainerNode() && remote.getNodeType() == local.getNodeType() && remote.size() == local.size()) {
            if (remote.isArray()) {
                for (int i = 0; i < remote.size(); i++) {
                    if (!sameUnlessHidden(remote.get(i), local.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            for (var it = remote.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!local.has(k) || !sameUnlessHidden(remote.get(k), local.get(k))) {
                    return false;
                }
            }
            return true;
        }
        return remote.equals(local);
    }

    private static String composed(String text) {
        return text == null ? null : java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
    }

    private static String scalar(JsonNode n) {
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }
}

package dev.handoff.transcript.importer;

import dev.handoff.error.HandoffException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names the inputs of one import so that ids and {@code meta.file} tell them apart: each keeps
 * its file name unless another input has the same one ({@code a/data.csv}, {@code b/data.csv}),
 * and then the shortest end of its path that differs ({@code a/data}, {@code b/data}). The same
 * file named twice is refused: every row would be imported twice.
 */
final class InputNames {

    private InputNames() {
    }

    static List<ImportInput> assign(List<ImportInput> inputs) {
        refuseRepeats(inputs);
        Map<String, List<Integer>> byStem = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            byStem.computeIfAbsent(inputs.get(i).stem(), k -> new ArrayList<>()).add(i);
        }
        List<ImportInput> named = new ArrayList<>(inputs);
        for (List<Integer> group : byStem.values()) {
            if (group.size() > 1) {
                nameApart(inputs, group, named);
            }
        }
        return List.copyOf(named);
    }

    /** Gives each input of {@code group} (same stem) the shortest path end that no other one has. */
    private static void nameApart(List<ImportInput> inputs, List<Integer> group, List<ImportInput> named) {
        int deepest = group.stream().mapToInt(i -> parts(inputs.get(i)).size()).max().orElse(1);
        // first without the extension (a/data, b/data); only when the paths differ just by it, with it (x.csv, x.tsv)
        for (boolean extension : new boolean[]{false, true}) {
            for (int k = 1; k <= deepest; k++) {
                Map<Integer, String> stems = new HashMap<>();
                Set<String> distinct = new HashSet<>();
                for (int i : group) {
                    String stem = end(inputs.get(i), k, extension);
                    stems.put(i, stem);
                    distinct.add(stem);
                }
                if (distinct.size() == group.size()) {
                    for (int i : group) {
                        ImportInput in = inputs.get(i);
                        named.set(i, in.path() == null ? in : in.named(stems.get(i), end(in, k, true)));
                    }
                    return;
                }
            }
        }
    }

    /** The last {@code k} parts of the input's path joined by '/', the file's without its extension unless asked. */
    private static String end(ImportInput input, int k, boolean extension) {
        if (input.path() == null) {
            return input.stem();
        }
        List<String> parts = parts(input);
        List<String> tail = new ArrayList<>(parts.subList(Math.max(0, parts.size() - k), parts.size()));
        if (!extension) {
            tail.set(tail.size() - 1, ImportInput.withoutExtension(tail.get(tail.size() - 1)));
        }
        return String.join("/", tail);
    }

    private static List<String> parts(ImportInput input) {
        List<String> parts = new ArrayList<>();
        if (input.path() != null) {
            input.path().toAbsolutePath().normalize().forEach(p -> parts.add(p.toString()));
        }
        return parts;
    }

    private static void refuseRepeats(List<ImportInput> inputs) {
        Map<Path, ImportInput> seen = new HashMap<>();
        boolean stdin = false;
        for (ImportInput in : inputs) {
            if (in.path() == null) {
                if (stdin) {
                    throw HandoffException.usage("'-' (stdin) is named twice", "stdin can be read once; name it once");
                }
                stdin = true;
                continue;
            }
            ImportInput earlier = seen.putIfAbsent(real(in.path()), in);
            if (earlier != null) {
                String both = earlier.displayPath().equals(in.displayPath()) ? in.displayPath() + " is named twice"
                        : earlier.displayPath() + " and " + in.displayPath() + " are the same file";
                throw HandoffException.usage(both, "name each file once: its rows would be imported twice");
            }
        }
    }

    /** The file itself, whatever the way to it: ./x, x and a link to x are one file. */
    static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            // a missing file: said when it is opened
            return p.toAbsolutePath().normalize();
        }
    }
}

package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.config.yaml.LocatedTree;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.error.SourceLocation;
import dev.handoff.files.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Records what a push learnt in the local file, in one atomic replacement: the new
 * {@code remote_version} and the ids the server assigned. The text is patched in place (an
 * {@code id:} line before the item's first key, found with the location-aware parse), so comments,
 * order and layout stay; when the patched text would not read back as exactly the expected
 * document, the file is rewritten in canonical form instead.
 */
final class LocalFileUpdate {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~");

    /** @param layoutKept false when the file had to be rewritten canonically (comments lost) */
    record Outcome(boolean layoutKept) {
    }

    private LocalFileUpdate() {
    }

    static Outcome apply(LocalConfig local, String version, List<AssignedIds.Assigned> ids) {
        ObjectNode expected = local.document().deepCopy();
        for (AssignedIds.Assigned id : ids) {
            JsonNode target = id.pointer().isEmpty() ? expected : expected.at(id.pointer());
            if (target.isObject()) {
                ((ObjectNode) target).set("id", id.id());
            }
        }
        String text = YamlFiles.readUtf8(local.file(), YamlFiles.MAX_BYTES);
        String edited = insertIds(local, text, ids);
        if (edited != null) {
            edited = RemoteVersionStamp.edit(edited, local.provider(), version);
        }
        boolean kept = edited != null && reads(local, edited, expected, version);
        String out = kept ? edited
                : CanonicalForm.toYaml(local.provider(), new LocalConfig(local.file(), local.provider(), expected, version).withHeader());
        try {
            AtomicFiles.write(local.file(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Outcome(kept);
    }

    /** The text with an {@code id} written into each object; null when a place cannot be found. */
    static String insertIds(LocalConfig local, String text, List<AssignedIds.Assigned> ids) {
        if (ids.isEmpty()) {
            return text;
        }
        LocatedTree tree;
        try {
            tree = LocatedTree.parse(local.file(), text);
        } catch (RuntimeException e) {
            return null;
        }
        record Edit(int offset, String insert) {
        }
        List<Edit> edits = new ArrayList<>();
        int[] lineStarts = lineStarts(text);
        for (AssignedIds.Assigned id : ids) {
            SourceLocation first = firstKey(tree.keys(), id.pointer());
            if (first == null || first.line() > lineStarts.length) {
                return null;
            }
            int offset = lineStarts[first.line() - 1] + first.column() - 1;
            if (offset < 0 || offset > text.length()) {
                return null;
            }
            String value = scalar(id.id());
            int before = offset - 1;
            while (before >= 0 && (text.charAt(before) == ' ' || text.charAt(before) == '\t')) {
                before--;
            }
            boolean flow = before >= 0 && (text.charAt(before) == '{' || text.charAt(before) == ',');
            String indent = " ".repeat(first.column() - 1);
            edits.add(new Edit(offset, flow ? "id: " + value + ", " : "id: " + value + "\n" + indent));
        }
        edits.sort(Comparator.comparingInt(Edit::offset).reversed());
        StringBuilder b = new StringBuilder(text);
        for (Edit e : edits) {
            b.insert(e.offset(), e.insert());
        }
        return b.toString();
    }

    /** Where the first key of the object at {@code pointer} is written (for the document: the first key after the header). */
    private static SourceLocation firstKey(Map<String, SourceLocation> keys, String pointer) {
        String prefix = pointer + "/";
        SourceLocation best = null;
        for (var e : keys.entrySet()) {
            String p = e.getKey();
            if (!p.startsWith(prefix) || p.indexOf('/', prefix.length()) >= 0) {
                continue;
            }
            if (pointer.isEmpty() && p.equals("/" + LocalConfig.HEADER)) {
                continue;
            }
            SourceLocation l = e.getValue();
            if (best == null || l.line() < best.line() || l.line() == best.line() && l.column() < best.column()) {
                best = l;
            }
        }
        return best;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String scalar(JsonNode id) {
        if (id.isNumber()) {
            return id.asText();
        }
        String s = id.asText();
        return PLAIN.matcher(s).matches() && !KEYWORDS.contains(s.toLowerCase(java.util.Locale.ROOT)) ? s
                : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static boolean reads(LocalConfig local, String text, ObjectNode expected, String version) {
        try {
            LocalConfig after = LocalConfig.of(local.file(), YamlFiles.parse(local.file(), text));
            return version.equals(after.remoteVersion()) && after.provider() == local.provider() && after.document().equals(expected);
        } catch (RuntimeException e) {
            return false;
        }
    }
}

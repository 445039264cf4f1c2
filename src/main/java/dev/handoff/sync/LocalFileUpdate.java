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
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Records what a push learnt in the local file, in one atomic replacement: the new
 * {@code remote_version} and the ids the server assigned. The text is patched in place (an
 * {@code id:} line before the item's first key, found with the location-aware parse), so comments,
 * order and layout stay; when the patched text would not read back as exactly the expected
 * document, the file is rewritten in canonical form instead.
 *
 * <p>The file is read again for this, and it may have changed while push ran (an edit during a
 * slow write or while the prompt was open, or a branch switch that put another version of it
 * there). A file whose document is no longer the one pushed is left exactly as it is: stamping
 * the new version into another version of the file would make its next push replace the remote
 * without the conflict check (a lost update). Comments and layout may change meanwhile: they are
 * kept, since the patch goes into the text as it is now.
 */
final class LocalFileUpdate {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~");

    enum Outcome {
        /** the lines were patched in place: comments and layout stay */
        PATCHED,
        /** the file was rewritten in canonical form (comments lost) */
        CANONICAL,
        /** the file's document changed during the push: not written */
        LEFT_AS_IS,
        /** the file was deleted during the push: nothing to write */
        GONE
    }

    private LocalFileUpdate() {
    }

    /**
     * @param pushed  the file as it was read for the push
     * @param version the remote's version now, or null to leave {@code remote_version} as it is
     */
    static Outcome apply(LocalConfig pushed, String version, List<AssignedIds.Assigned> ids) {
        String text;
        LocalConfig now;
        if (!java.nio.file.Files.exists(pushed.file())) {
            return Outcome.GONE;
        }
        try {
            text = YamlFiles.readUtf8(pushed.file(), YamlFiles.MAX_BYTES);
            now = LocalConfig.of(pushed.file(), YamlFiles.parse(pushed.file(), text));
        } catch (RuntimeException e) {
            return Outcome.LEFT_AS_IS; // saved half-way through an edit: nothing of it may be lost
        }
        String newVersion = version != null ? version : pushed.remoteVersion();
        if (now.provider() != pushed.provider() || !Objects.equals(now.remoteVersion(), pushed.remoteVersion())
                || !now.document().equals(pushed.document())) {
            return Outcome.LEFT_AS_IS;
        }
        ObjectNode expected = withIds(now.document(), ids);
        String patched = insertIds(now, text, ids);
        if (patched != null && version != null) {
            patched = RemoteVersionStamp.edit(patched, now.provider(), version);
        }
        boolean kept = patched != null && reads(now, patched, expected, newVersion);
        String out = kept ? patched
                : CanonicalForm.toYaml(now.provider(), new LocalConfig(now.file(), now.provider(), expected, newVersion).withHeader());
        if (!unchangedSince(pushed.file(), text)) {
            return Outcome.LEFT_AS_IS;
        }
        try {
            AtomicFiles.write(pushed.file(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return kept ? Outcome.PATCHED : Outcome.CANONICAL;
    }

    /** Saved again since it was read above? What is left of this race is the moment until the rename. */
    private static boolean unchangedSince(java.nio.file.Path file, String text) {
        try {
            return YamlFiles.readUtf8(file, YamlFiles.MAX_BYTES).equals(text);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ObjectNode withIds(ObjectNode document, List<AssignedIds.Assigned> ids) {
        ObjectNode expected = document.deepCopy();
        for (AssignedIds.Assigned id : ids) {
            JsonNode target = id.pointer().isEmpty() ? expected : expected.at(id.pointer());
            if (target.isObject()) {
                ((ObjectNode) target).set("id", id.id());
            }
        }
        return expected;
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
            return Objects.equals(version, after.remoteVersion()) && after.provider() == local.provider() && after.document().equals(expected);
        } catch (RuntimeException e) {
            return false;
        }
    }
}

package dev.handoff.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.text.Styled;

import java.util.ArrayList;
import java.util.List;

/**
 * Shows a {@link DiffResult} for people (one line per change, field paths, word diffs of long
 * texts, colour only when asked) and for programs (summary, changes and the JSON Patch).
 */
public final class DiffRenderer {

    private static final String RED = Styled.RED;
    private static final String GREEN = Styled.GREEN;
    private static final String YELLOW = Styled.YELLOW;
    private static final String INDENT = "    ";

    private DiffRenderer() {
    }

    /** The text report, ending with a summary line and notes on the secrets that did not change. */
    public static Styled text(DiffResult result, boolean color) {
        return text(result, color, true);
    }

    /** @param secretNotes false to leave out the notes on unchanged or uncompared secrets */
    public static Styled text(DiffResult result, boolean color, boolean secretNotes) {
        return text(result, color, secretNotes, false);
    }

    /** The text report of two files compared offline: their placeholders were never resolved. */
    public static Styled filesText(DiffResult result, boolean color) {
        return text(result, color, true, true);
    }

    /**
     * Paths, values and texts come from files and servers: they are added as text, so a control
     * character in them is shown escaped ({@link Styled}); only the colours are handoff's.
     */
    private static Styled text(DiffResult result, boolean color, boolean secretNotes, boolean files) {
        Styled.Builder sb = Styled.builder(color);
        for (Change c : result.changes()) {
            if (c instanceof Change.Added a) {
                line(sb, GREEN, "+", a.path(), a.value());
            } else if (c instanceof Change.Removed r) {
                line(sb, RED, "-", r.path(), r.value());
            } else if (c instanceof Change.Modified m) {
                modified(sb, color, m);
            } else if (c instanceof Change.SecretCompared s && s.state() == Change.SecretState.CHANGED) {
                sb.paint(YELLOW, "~ ").text(s.path().display() + ": " + changed(s)).newline();
            }
        }
        if (!result.changes().isEmpty() && result.hasChanges()) {
            sb.newline();
        }
        sb.text(summaryLine(result)).newline();
        for (Change c : result.changes()) {
            if (secretNotes && c instanceof Change.SecretCompared s && s.state() != Change.SecretState.CHANGED) {
                sb.text("  " + s.path().display() + ": " + (s.state() == Change.SecretState.UNCHANGED
                        ? "secret unchanged" : notCompared(s, files))).newline();
            }
        }
        return sb.build();
    }

    /** Which side moved matters: a secret rotated on the remote would be put back, not changed. */
    private static String changed(Change.SecretCompared s) {
        if (s.changedOnRemote()) {
            return "secret changed on the remote since the version the file was made from; a push would put back "
                    + (s.variable() == null ? "the value the file holds" : "the value of " + s.variable());
        }
        return "secret changed" + (s.variable() == null ? "" : " (" + s.variable() + ")");
    }

    private static String notCompared(Change.SecretCompared s, boolean files) {
        if (files) {
            return "secret not compared (two files are compared without resolving their ${env:NAME} placeholders)";
        }
        String line = s.variable() == null ? "secret not compared" : "secret not compared (set " + s.variable() + " to compare it)";
        // the fingerprints know without the variable: a push would put back whatever the variable then holds
        return s.changedOnRemote() ? line + "; it changed on the remote since the version the file was made from" : line;
    }

    public static String summaryLine(DiffResult result) {
        if (!result.hasChanges()) {
            return "no changes";
        }
        List<String> parts = new ArrayList<>();
        count(parts, result.count(Change.Added.class), "added");
        count(parts, result.count(Change.Removed.class), "removed");
        count(parts, result.count(Change.Modified.class), "modified");
        count(parts, result.secrets(Change.SecretState.CHANGED), "secret changed", "secrets changed");
        int n = result.effective().size();
        return n + (n == 1 ? " change: " : " changes: ") + String.join(", ", parts);
    }

    /** {@code {"summary": …, "changes": […], "patch": […]}}; no secret values, only placeholders. */
    public static ObjectNode json(DiffResult result) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("summary", result.summary());
        ArrayNode changes = root.putArray("changes");
        for (Change c : result.changes()) {
            ObjectNode o = changes.addObject();
            o.put("path", c.path().display());
            if (c instanceof Change.Added a) {
                o.put("kind", "added");
                o.set("value", a.value());
            } else if (c instanceof Change.Removed r) {
                o.put("kind", "removed");
                o.set("value", r.value());
            } else if (c instanceof Change.Modified m) {
                o.put("kind", "modified");
                o.set("from", m.from());
                o.set("to", m.to());
            } else if (c instanceof Change.SecretCompared s) {
                o.put("kind", "secret");
                o.put("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
                if (s.variable() != null) {
                    o.put("variable", s.variable());
                }
                if (s.changedOnRemote()) {
                    o.put("changed_on_remote", true);
                }
            }
        }
        root.set("patch", result.patch());
        return root;
    }

    /**
     * After a write: how the stored document differs from what was sent ({@code result} compares the
     * stored document, as remote, with the sent file, as local).
     */
    public static Styled storedDifferently(DiffResult result) {
        Styled.Builder sb = Styled.builder(false);
        for (Change c : result.effective()) {
            String what;
            if (c instanceof Change.Added a) {
                what = "dropped by the server (sent " + preview(a.value()) + ")";
            } else if (c instanceof Change.Removed r) {
                what = "added by the server: " + preview(r.value());
            } else if (c instanceof Change.Modified m) {
                what = "sent " + preview(m.to()) + ", stored " + preview(m.from());
            } else {
                what = "the stored secret differs from the one sent";
            }
            sb.text("  " + c.path().display() + ": " + what).newline();
        }
        return sb.build();
    }

    private static String preview(JsonNode value) {
        String s = inline(value);
        return dev.handoff.text.Shorten.to(s, 80);
    }

    private static void modified(Styled.Builder sb, boolean color, Change.Modified m) {
        sb.paint(YELLOW, "~ ").text(m.path().display() + ":");
        JsonNode from = m.from();
        JsonNode to = m.to();
        if (from.isTextual() && to.isTextual() && WordDiff.isLong(from.asText(), to.asText())) {
            sb.newline().text(INDENT).append(WordDiff.render(from.asText(), to.asText(), color)).newline();
        } else if (from.isValueNode() && to.isValueNode()) {
            sb.text(" ").paint(RED, inline(from)).text(" -> ").paint(GREEN, inline(to)).newline();
        } else {
            sb.newline();
            block(sb, RED, "- ", from);
            block(sb, GREEN, "+ ", to);
        }
    }

    private static void line(Styled.Builder sb, String colour, String mark, DiffPath path, JsonNode value) {
        sb.paint(colour, mark + " " + path.display());
        if (value == null || value.isValueNode()) {
            sb.text(value == null ? "" : ": " + inline(value)).newline();
        } else {
            sb.newline();
            block(sb, colour, "", value);
        }
    }

    private static void block(Styled.Builder sb, String colour, String mark, JsonNode value) {
        if (value.isValueNode()) {
            sb.text(INDENT).paint(colour, mark + inline(value)).newline();
            return;
        }
        for (String l : yaml(value).split("\n")) {
            sb.text(INDENT).paint(colour, mark + l).newline();
        }
    }

    private static String inline(JsonNode value) {
        try {
            return Yaml.json().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String yaml(JsonNode value) {
        try {
            return Yaml.yaml().writeValueAsString(value).stripTrailing();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void count(List<String> parts, long n, String word) {
        count(parts, n, word, word);
    }

    private static void count(List<String> parts, long n, String one, String many) {
        if (n > 0) {
            parts.add(n + " " + (n == 1 ? one : many));
        }
    }
}

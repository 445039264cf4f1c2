package dev.handoff.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.yaml.Yaml;

import java.util.ArrayList;
import java.util.List;

/**
 * Shows a {@link DiffResult} for people (one line per change, field paths, word diffs of long
 * texts, colour only when asked) and for programs (summary, changes and the JSON Patch).
 */
public final class DiffRenderer {

    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";
    private static final String INDENT = "    ";

    private DiffRenderer() {
    }

    /** The text report, ending with a summary line and notes on the secrets that did not change. */
    public static String text(DiffResult result, boolean color) {
        return text(result, color, true);
    }

    /** @param secretNotes false to leave out the notes on unchanged or uncompared secrets */
    public static String text(DiffResult result, boolean color, boolean secretNotes) {
        return text(result, color, secretNotes, false);
    }

    /** The text report of two files compared offline: their placeholders were never resolved. */
    public static String filesText(DiffResult result, boolean color) {
        return text(result, color, true, true);
    }

    private static String text(DiffResult result, boolean color, boolean secretNotes, boolean files) {
        StringBuilder sb = new StringBuilder();
        for (Change c : result.changes()) {
            if (c instanceof Change.Added a) {
                line(sb, color, GREEN, "+", a.path(), a.value());
            } else if (c instanceof Change.Removed r) {
                line(sb, color, RED, "-", r.path(), r.value());
            } else if (c instanceof Change.Modified m) {
                modified(sb, color, m);
            } else if (c instanceof Change.SecretCompared s && s.state() == Change.SecretState.CHANGED) {
                sb.append(paint(color, YELLOW, "~ ")).append(s.path().display()).append(": ").append(changed(s)).append('\n');
            }
        }
        if (!result.changes().isEmpty() && result.hasChanges()) {
            sb.append('\n');
        }
        sb.append(summaryLine(result)).append('\n');
        for (Change c : result.changes()) {
            if (secretNotes && c instanceof Change.SecretCompared s && s.state() != Change.SecretState.CHANGED) {
                sb.append("  ").append(s.path().display()).append(": ").append(s.state() == Change.SecretState.UNCHANGED
                        ? "secret unchanged" : notCompared(s, files)).append('\n');
            }
        }
        return sb.toString();
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
        return s.variable() == null ? "secret not compared" : "secret not compared (set " + s.variable() + " to compare it)";
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
    public static String storedDifferently(DiffResult result) {
        StringBuilder sb = new StringBuilder();
        for (Change c : result.effective()) {
            sb.append("  ").append(c.path().display()).append(": ");
            if (c instanceof Change.Added a) {
                sb.append("dropped by the server (sent ").append(preview(a.value())).append(')');
            } else if (c instanceof Change.Removed r) {
                sb.append("added by the server: ").append(preview(r.value()));
            } else if (c instanceof Change.Modified m) {
                sb.append("sent ").append(preview(m.to())).append(", stored ").append(preview(m.from()));
            } else {
                sb.append("the stored secret differs from the one sent");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String preview(JsonNode value) {
        String s = inline(value);
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static void modified(StringBuilder sb, boolean color, Change.Modified m) {
        sb.append(paint(color, YELLOW, "~ ")).append(m.path().display()).append(':');
        JsonNode from = m.from();
        JsonNode to = m.to();
        if (from.isTextual() && to.isTextual() && WordDiff.isLong(from.asText(), to.asText())) {
            sb.append('\n').append(INDENT).append(WordDiff.render(from.asText(), to.asText(), color)).append('\n');
        } else if (from.isValueNode() && to.isValueNode()) {
            sb.append(' ').append(paint(color, RED, inline(from))).append(" -> ").append(paint(color, GREEN, inline(to))).append('\n');
        } else {
            sb.append('\n');
            block(sb, color, RED, "- ", from);
            block(sb, color, GREEN, "+ ", to);
        }
    }

    private static void line(StringBuilder sb, boolean color, String colour, String mark, DiffPath path, JsonNode value) {
        sb.append(paint(color, colour, mark + " " + path.display()));
        if (value == null || value.isValueNode()) {
            sb.append(value == null ? "" : ": " + inline(value)).append('\n');
        } else {
            sb.append('\n');
            block(sb, color, colour, "", value);
        }
    }

    private static void block(StringBuilder sb, boolean color, String colour, String mark, JsonNode value) {
        if (value.isValueNode()) {
            sb.append(INDENT).append(paint(color, colour, mark + inline(value))).append('\n');
            return;
        }
        for (String l : yaml(value).split("\n")) {
            sb.append(INDENT).append(paint(color, colour, mark + l)).append('\n');
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

    private static String paint(boolean color, String colour, String text) {
        return color ? colour + text + RESET : text;
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

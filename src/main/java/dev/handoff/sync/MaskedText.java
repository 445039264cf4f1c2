package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.handoff.diff.ListMatcher;
import dev.handoff.error.HandoffException;
import dev.handoff.secret.Redactor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A secret's value standing in ordinary text (a description that names a webhook header's value).
 * Backups keep it out of their text too, with the mask in its place; restoring such a backup
 * would write the mask to the remote, so restore refuses it and names the fields (and push refuses
 * a file that holds it, copied from masked output such as {@code fetch --stdout}). fetch, which
 * writes the remote's text as it is, names those fields so that the user can take the secret out.
 */
final class MaskedText {

    private MaskedText() {
    }

    /** @param what "the backup" or "the file" */
    static void refuse(JsonNode document, String shown, String what) {
        List<String> paths = paths(document, text -> text.contains(Redactor.MASK));
        if (paths.isEmpty()) {
            return;
        }
        throw HandoffException.usage(shown + ": " + list(paths) + " hold" + (paths.size() == 1 ? "s" : "")
                        + " " + Redactor.MASK + ", the mask handoff writes where a secret's value stood in the text; "
                        + (what.equals("the backup") ? "restoring" : "pushing") + " would write " + Redactor.MASK + " to the remote",
                "write the text you want there in " + what + ", then " + (what.equals("the backup") ? "restore" : "push") + " again");
    }

    /**
     * A copy of a document with every secret's value in its texts and keys replaced by the mask:
     * what fetch writes, so that no committed file holds a secret a remote text names (push then
     * refuses the file until that text is rewritten, which takes the secret off the remote too).
     */
    static ObjectNode mask(ObjectNode document, Redactor redactor) {
        return (ObjectNode) masked(document, redactor::redactLong);
    }

    /**
     * The same with every secret masked, the short ones too: what a backup holds. Masking its keys here, one by one, keeps two
     * keys that both mask to the same text apart; masked in the written text, they became one key twice, and the backup could
     * not be read back (a YAML error instead of the fields to rewrite).
     */
    static ObjectNode maskAll(ObjectNode document, Redactor redactor) {
        return (ObjectNode) masked(document, redactor::redact);
    }

    private static JsonNode masked(JsonNode node, UnaryOperator<String> mask) {
        if (node.isTextual()) {
            String text = mask.apply(node.asText());
            return text.equals(node.asText()) ? node : TextNode.valueOf(text);
        }
        if (node.isObject()) {
            var out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> out.set(unique(out, mask.apply(e.getKey())), masked(e.getValue(), mask)));
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(masked(item, mask)));
            return out;
        }
        return node;
    }

    /** A masked key another masked key of the mapping already took gets a number, so that neither value is dropped. */
    private static String unique(ObjectNode mapping, String key) {
        String out = key;
        for (int n = 2; mapping.has(out); n++) {
            out = key + " (" + n + ")";
        }
        return out;
    }

    /** The fields of a document (secrets already placeholders) whose text holds a secret's value. */
    static List<String> holdingSecrets(JsonNode document, Redactor redactor) {
        return paths(document, text -> !redactor.redactLong(text).equals(text));
    }

    static String list(List<String> paths) {
        return String.join(", ", paths.subList(0, Math.min(3, paths.size()))) + (paths.size() > 3 ? " and " + (paths.size() - 3) + " more" : "");
    }

    private static List<String> paths(JsonNode document, Predicate<String> test) {
        List<String> out = new ArrayList<>();
        collect(document, "", test, out);
        return out;
    }

    private static void collect(JsonNode node, String path, Predicate<String> test, List<String> out) {
        if (node.isTextual()) {
            if (test.test(node.asText())) {
                out.add(path.isEmpty() ? "(document)" : path);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String here = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (test.test(e.getKey())) {
                    out.add(here + " (its key)"); // a key is text too: a masked one would replace the real key
                }
                collect(e.getValue(), here, test, out);
            });
        } else if (node.isArray()) {
            ListMatcher.Labeler labels = ListMatcher.labeler(node);
            for (int i = 0; i < node.size(); i++) {
                String[] label = labels.label(node.get(i), null, i);
                collect(node.get(i), path + "[" + label[0] + "=" + label[1] + "]", test, out);
            }
        }
    }
}

package dev.handoff.config.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.LocatedTree;
import dev.handoff.error.SourceLocation;
import dev.handoff.text.Suggest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects findings for one file and holds the checks every rule set shares: types, required
 * keys, unknown keys, lengths. A value of the wrong type is reported by its type, never by its
 * content, so that a misplaced secret is not echoed.
 */
final class Checker {

    enum Type {
        STRING("a string"), BOOLEAN("a boolean (true or false)"), INTEGER("an integer"), NUMBER("a number"),
        LIST("a list"), MAPPING("a mapping");

        final String description;

        Type(String description) {
            this.description = description;
        }
    }

    private static final String UNKNOWN_KEY = "unknown key '";

    private final LocatedTree tree;
    private final List<Finding> findings = new ArrayList<>();

    Checker(LocatedTree tree) {
        this.tree = tree;
    }

    LocatedTree tree() {
        return tree;
    }

    List<Finding> findings() {
        // an unknown key that is also an error (a secret in clear) is said once, by the error
        java.util.Set<String> errorPaths = new java.util.HashSet<>();
        findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).forEach(f -> errorPaths.add(f.path()));
        List<Finding> sorted = new ArrayList<>(findings.stream()
                .filter(f -> !(f.severity() == Finding.Severity.WARNING && f.message().startsWith(UNKNOWN_KEY)
                        && errorPaths.contains(f.path())))
                .toList());
        sorted.sort(Comparator.comparingInt((Finding f) -> f.location().line()).thenComparingInt(f -> f.location().column()));
        return List.copyOf(sorted);
    }

    void error(Cursor at, String message, String hint) {
        add(Finding.Severity.ERROR, tree.valueAt(at.pointer()), at, message, hint);
    }

    void warning(Cursor at, String message, String hint) {
        add(Finding.Severity.WARNING, tree.valueAt(at.pointer()), at, message, hint);
    }

    void errorAtKey(Cursor at, String message, String hint) {
        add(Finding.Severity.ERROR, tree.keyAt(at.pointer()), at, message, hint);
    }

    void warningAtKey(Cursor at, String message, String hint) {
        add(Finding.Severity.WARNING, tree.keyAt(at.pointer()), at, message, hint);
    }

    void add(Finding.Severity severity, SourceLocation location, Cursor at, String message, String hint) {
        add(severity, location, at.shownPath(), message, hint);
    }

    void add(Finding.Severity severity, SourceLocation location, String path, String message, String hint) {
        findings.add(new Finding(severity, location, path, message, hint));
    }

    /** A finding of a contract rule, at the value (or, with {@code atKey}, at the key) of {@code at}. */
    void report(ContractRule rule, Cursor at, boolean atKey, String message, String hint) {
        SourceLocation location = atKey ? tree.keyAt(at.pointer()) : tree.valueAt(at.pointer());
        findings.add(new Finding(rule.severity(), location, at.shownPath(), message, hint, rule.id()));
    }

    /** Like {@link #expect(Cursor, Type)}, reported as a finding of the rule. */
    void expect(ContractRule rule, Cursor at, Type type) {
        JsonNode n = at.node();
        if (!isOf(n, type)) {
            report(rule, at, false, "expected " + type.description + ", found " + describe(n), hintFor(type, n, null));
        } else if (type == Type.BOOLEAN) {
            yaml11Boolean(at);
        } else if (type == Type.INTEGER && !n.canConvertToLong()) {
            // an id past 64 bits: no usual backend stores it, and handoff's own reading would wrap it around
            report(rule, at, false, n.asText() + " is far larger than any value this field takes", "check the number");
        }
    }

    /** Reports a text longer than {@code max}, as the rule's severity says: a documented limit or a likely cut. */
    void maxLength(ContractRule rule, Cursor at, int max) {
        if (at.node().isTextual()) {
            int length = at.node().asText().codePointCount(0, at.node().asText().length());
            if (length > max) {
                boolean documented = rule.severity() == Finding.Severity.ERROR;
                report(rule, at, false, "is " + length + " characters long; " + (documented ? "at most " + max + " are allowed"
                                : "no limit is documented for it (the server accepts it), but similar fields allow " + max),
                        "shorten it by " + (length - max) + (length - max == 1 ? " character" : " characters"));
            }
        }
    }

    /** The text of a string node, else null; reports nothing (the contract rules report types). */
    static String text(Cursor at) {
        return at.node().isTextual() ? at.node().asText() : null;
    }

    static Boolean flag(Cursor at) {
        return at.node().isBoolean() ? at.node().asBoolean() : null;
    }

    static Long integral(Cursor at) {
        return at.node().isIntegralNumber() && at.node().canConvertToLong() ? at.node().asLong() : null;
    }

    private static boolean isOf(JsonNode n, Type type) {
        return switch (type) {
            case STRING -> n.isTextual();
            case BOOLEAN -> n.isBoolean();
            case INTEGER -> n.isIntegralNumber();
            case NUMBER -> n.isNumber();
            case LIST -> n.isArray();
            case MAPPING -> n.isObject();
        };
    }

    SourceLocation locationOf(Cursor at) {
        return tree.valueAt(at.pointer());
    }

    /** True when the node is absent or null: optional fields may be either. */
    static boolean absent(Cursor at) {
        return at.node().isMissingNode() || at.node().isNull();
    }

    /** Checks the type of a present, non-null value; reports and returns false when it is wrong. */
    boolean expect(Cursor at, Type type) {
        return expect(at, type, null);
    }

    /**
     * Like {@link #expect(Cursor, Type)}; {@code hint} says what to do when the value's type gives
     * no more specific hint (a list where a mapping belongs), so that no error is left without one.
     */
    boolean expect(Cursor at, Type type, String hint) {
        if (absent(at)) {
            return false;
        }
        JsonNode n = at.node();
        boolean ok = isOf(n, type);
        if (!ok) {
            error(at, "expected " + type.description + ", found " + describe(n), hintFor(type, n, hint));
        } else if (type == Type.BOOLEAN) {
            yaml11Boolean(at);
        }
        return ok;
    }

    /**
     * A boolean written yes, no, on or off: this reader (YAML 1.1) takes it for true or false, but
     * a YAML 1.2 reader (yq, the vendor's) takes it for a text, so the file means two things.
     */
    void yaml11Boolean(Cursor at) {
        if (!at.node().isBoolean()) {
            return;
        }
        String written = tree.writtenAt(at.pointer());
        if (written != null && !written.matches("true|True|TRUE|false|False|FALSE")
                && !written.startsWith("'") && !written.startsWith("\"") && !written.startsWith("!")) {
            warning(at, "is written " + written + ", which YAML 1.1 reads as " + at.node().asBoolean()
                    + " and YAML 1.2 as the text \"" + written + "\"", "write " + at.node().asBoolean());
        }
    }

    /** Like {@link #expect} but a missing or null value is an error too; {@code what} is the hint either way. */
    boolean require(Cursor at, Type type, String what) {
        if (absent(at)) {
            errorAtKey(at, (at.node().isNull() ? "is empty" : "is missing") + "; " + type.description + " is required", what);
            return false;
        }
        return expect(at, type, what);
    }

    /** The text of a string field, or null when absent or of another type (which is reported). */
    String string(Cursor at) {
        return string(at, null);
    }

    /** Like {@link #string(Cursor)}, with {@code hint} for a type that gives none of its own. */
    String string(Cursor at, String hint) {
        return expect(at, Type.STRING, hint) ? at.node().asText() : null;
    }

    Boolean bool(Cursor at) {
        return expect(at, Type.BOOLEAN, "write true or false") ? at.node().asBoolean() : null;
    }

    Long integer(Cursor at) {
        if (absent(at)) {
            return null;
        }
        if (!at.node().canConvertToExactIntegral() || !at.node().isNumber()) {
            error(at, "expected an integer, found " + describe(at.node()), hintFor(Type.INTEGER, at.node(), null));
            return null;
        }
        if (!at.node().canConvertToLong()) {
            // read as a long it wrapped around: 2^64+5 became 5, and passed every bound
            error(at, at.node().asText() + " is far larger than any value this field takes", null);
            return null;
        }
        return at.node().asLong();
    }

    /** Warns about keys not documented at this level, suggesting the closest documented one. */
    void unknownKeys(Cursor object, List<String> known) {
        unknownKeys(object, known, "unknown keys are kept as they are");
    }

    /** The same, saying what becomes of such a key ({@code fate}) in place of "kept as they are". */
    void unknownKeys(Cursor object, List<String> known, String fate) {
        if (!object.node().isObject()) {
            return;
        }
        object.node().fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                String suggestion = Suggest.didYouMean(key, known);
                String hint = (suggestion != null ? suggestion : "documented here: " + String.join(", ", known))
                        + " (" + fate + ")";
                warningAtKey(object.child(key), UNKNOWN_KEY + key + "'", hint);
            }
        });
    }

    /** Reports a text longer than the documented limit. */
    void maxLength(Cursor at, int max) {
        if (at.node().isTextual()) {
            int length = at.node().asText().codePointCount(0, at.node().asText().length());
            if (length > max) {
                error(at, "is " + length + " characters long; at most " + max + " are allowed",
                        "shorten it by " + (length - max) + (length - max == 1 ? " character" : " characters"));
            }
        }
    }

    static String describe(JsonNode n) {
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isIntegralNumber()) {
            return "an integer";
        }
        if (n.isNumber()) {
            return "a decimal number";
        }
        if (n.isArray()) {
            return "a list";
        }
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isNull()) {
            return "nothing (null)";
        }
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * What to do about a value of the wrong type: the hint its value suggests, else the caller's, else
     * what to write for the type, so that no type error is left without one (user_ids: [abc], disableAI: "x").
     */
    private static String hintFor(Type expected, JsonNode found, String hint) {
        String specific = typeHint(expected, found);
        if (specific != null) {
            return specific;
        }
        if (hint != null) {
            return hint;
        }
        return switch (expected) {
            case STRING -> "write a text; quote it if it starts with a special character";
            case BOOLEAN -> "write true or false";
            case INTEGER -> "write a whole number, e.g. 42";
            case NUMBER -> "write a number, e.g. 0.5";
            case LIST -> "write it as a list: one '- item' per line, or [a, b]";
            case MAPPING -> "write 'key: value' lines indented under it, or {key: value}";
        };
    }

    private static String typeHint(Type expected, JsonNode found) {
        if (found.isTextual()) {
            String text = found.asText().trim();
            if (expected == Type.BOOLEAN && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
                return "write true or false without quotes";
            }
            if ((expected == Type.INTEGER || expected == Type.NUMBER) && text.matches("[-+]?[0-9]+(\\.[0-9]+)?")) {
                return "write the number without quotes";
            }
            if (expected == Type.NUMBER && text.matches("[0-9]+(\\.[0-9]+)?\\s*%")) {
                return "write a fraction: 0.05 for 5%";
            }
        }
        if (expected == Type.INTEGER && found.isNumber() && found.canConvertToExactIntegral()) {
            return "write " + found.bigIntegerValue() + ", without the decimal point";
        }
        if (expected == Type.LIST && !found.isArray()) {
            return "write it as a list: one '- item' per line, or [a, b]";
        }
        if (expected == Type.STRING && (found.isNumber() || found.isBoolean())) {
            return "put the value in quotes";
        }
        return null;
    }

    /** A name as people tell names apart: case, surrounding spaces and Unicode's composed or decomposed accents do not count. */
    static String folded(String text) {
        return java.text.Normalizer.normalize(text.trim(), java.text.Normalizer.Form.NFC).toLowerCase(java.util.Locale.ROOT);
    }
}

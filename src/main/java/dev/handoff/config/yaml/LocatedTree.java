package dev.handoff.config.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;
import dev.handoff.files.ParseErrors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into the same tree {@code Yaml.yaml().readTree} gives, plus where each
 * node came from, so that a finding can name {@code file:line:column}. Nodes are addressed by
 * JSON pointer ({@code /custom_guidelines/0/name}); {@link #pointer} builds one.
 *
 * <p>Duplicate keys and extra documents do not stop the reading: they are kept in
 * {@link #problems()} for the validator to report with both locations.
 *
 * @param keys   where each object member's key is written
 * @param values where each node's value starts
 */
public record LocatedTree(Path file, JsonNode root, Map<String, SourceLocation> keys, Map<String, SourceLocation> values,
                          List<Problem> problems, String text) {

    /**
     * A plain scalar as written in the file (up to a blank, a comma, a closing bracket or a comment), or
     * null when the node has no place: {@code 010} reads as 8 and {@code 1_0} as 10, which the parsed value
     * no longer shows.
     */
    public String writtenAt(String pointer) {
        SourceLocation at = values.get(pointer);
        if (at == null || text == null) {
            return null;
        }
        // the same lines as every reported position (a lone '\r' ends one too)
        int codePoint = dev.handoff.files.EditorLines.of(text).index(at.line(), at.column());
        if (codePoint < 0 || codePoint > text.codePointCount(0, text.length())) {
            return null;
        }
        int from = text.offsetByCodePoints(0, codePoint);
        int to = from;
        while (to < text.length() && " \t\r\n,]}#".indexOf(text.charAt(to)) < 0) {
            to++;
        }
        return text.substring(from, to);
    }

    /** A structural problem the tree cannot show: a repeated key (the first value is kept), a second document. */
    public record Problem(SourceLocation location, String pointer, String message, String hint) {
    }

    /** Parses YAML text; malformed YAML is a USAGE error naming the line and column. */
    public static LocatedTree parse(Path file, String text) {
        refuseUnprintable(file, text);
        try (JsonParser parser = Yaml.yamlFactory().createParser(text)) {
            // duplicates are reported with both positions below instead of failing on the first one
            parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            Builder builder = new Builder(file, parser, text);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw HandoffException.usage(file + ": the file holds no YAML document", "write a YAML document into it, or pass another file");
            }
            JsonNode root;
            try {
                root = builder.read("");
            } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
                // Jackson's limit message names a Java method and no position; the user needs the line
                JsonLocation at = parser.currentLocation();
                throw HandoffException.usage(new SourceLocation(file, at.getLineNr(), at.getColumnNr())
                                + ": malformed YAML: nested more than " + Yaml.yamlFactory().streamReadConstraints().getMaxNestingDepth()
                                + " levels deep",
                        "a configuration is a few levels deep; is this the right file?");
            }
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                builder.problems.add(new Problem(builder.here(), "", "a second YAML document (after '---') is ignored",
                        "keep one configuration per file"));
            }
            if (root.isNull()) {
                throw HandoffException.usage(file + ": the file holds no YAML document", "write a YAML document into it, or pass another file");
            }
            return new LocatedTree(file, root, Map.copyOf(builder.keys), Map.copyOf(builder.values), List.copyOf(builder.problems),
                    text);
        } catch (JsonProcessingException e) {
            throw malformed(file, e, text);
        } catch (IOException e) {
            throw HandoffException.usage(file + ": cannot read: " + e.getMessage(), null);
        }
    }

    /**
     * The error for YAML that cannot be parsed. SnakeYAML knows both where the broken construct
     * started and where the problem was found; the user needs the latter first.
     */
    static HandoffException malformed(Path file, JsonProcessingException e, String text) {
        ParseErrors.Problem p = ParseErrors.of(file, 0, e, null, text);
        if (p.what().startsWith("Duplicate field '")) {
            // validate finds it in its own reading, with both places; this reading stops at it
            String key = p.what().substring("Duplicate field '".length()).replaceFirst("'.*$", "");
            return new HandoffException(HandoffException.Kind.USAGE, p.where() + ": duplicate key '" + key + "'",
                    "remove one of the two ('handoff validate " + file + "' shows where the first is)", e);
        }
        return new HandoffException(HandoffException.Kind.USAGE, p.where() + ": malformed YAML: " + p.what(),
                p.hintOr("fix the syntax at that position (indentation, a missing ':' or an unclosed quote are the usual causes)"), e);
    }

    /** A character YAML does not allow, named with its own line and column. */
    static void refuseUnprintable(Path file, String text) {
        Words.firstTooLong(text).ifPresent(w -> {
            throw HandoffException.usage(new SourceLocation(file, w.line(), w.column()) + ": " + Words.MESSAGE, Words.HINT);
        });
        Yaml.firstUnprintable(text).ifPresent(u -> {
            throw HandoffException.usage(new SourceLocation(file, u.line(), u.column()) + ": malformed YAML: " + u.describe()
                            + " is not allowed in YAML",
                    "remove it; in a double-quoted text it can be written as an escape, e.g. \"\\u"
                            + String.format("%04x", u.codePoint()) + "\"");
        });
    }

    /** The JSON pointer of a child: {@code pointer("/a", "b/c")} is {@code /a/b~1c}. */
    public static String pointer(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    public static String pointer(String parent, int index) {
        return parent + "/" + index;
    }

    /**
     * Where the node's value starts, else where its key is; for a node that is not in the file
     * (a missing key), where its nearest parent that is starts.
     */
    public SourceLocation valueAt(String pointer) {
        for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
            SourceLocation v = values.get(p);
            if (v == null) {
                v = keys.get(p);
            }
            if (v != null) {
                return v;
            }
            if (p.isEmpty()) {
                return new SourceLocation(file, 1, 1);
            }
        }
    }

    /** Where the node's key is written (the value's position for list items and the root). */
    public SourceLocation keyAt(String pointer) {
        SourceLocation k = keys.get(pointer);
        return k != null ? k : valueAt(pointer);
    }

    private static final class Builder {
        private final Path file;
        private final JsonParser parser;
        private final Map<String, SourceLocation> keys = new HashMap<>();
        private final Map<String, SourceLocation> values = new HashMap<>();
        private final List<Problem> problems = new ArrayList<>();
        private final JsonNodeFactory nodes = JsonNodeFactory.instance;

        private final dev.handoff.files.EditorLines lines;
        private final String text;

        Builder(Path file, JsonParser parser, String text) {
            this.file = file;
            this.parser = parser;
            this.text = text;
            this.lines = dev.handoff.files.EditorLines.forYaml(text);
        }

        SourceLocation here() {
            int[] at = dev.handoff.files.EditorLines.of(lines, parser.currentTokenLocation());
            return new SourceLocation(file, Math.max(at[0], 1), Math.max(at[1], 1));
        }

        /** Reads the value at the current token (already advanced to). */
        JsonNode read(String pointer) throws IOException {
            values.put(pointer, here());
            JsonToken token = parser.currentToken();
            switch (token) {
                case START_OBJECT -> {
                    ObjectNode object = nodes.objectNode();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        String child = pointer(pointer, key);
                        SourceLocation keyLocation = here();
                        boolean quoted = Yaml.quotedAt(text, parser.currentTokenLocation());
                        parser.nextToken();
                        if (key.equals(Yaml.MERGE_KEY) && !quoted) {
                            // Jackson reads '<<: *base' as a key named "<<" (and *base as text): never what was meant
                            problems.add(new Problem(keyLocation, child, Yaml.MERGE_KEY_MESSAGE, Yaml.MERGE_KEY_HINT));
                            parser.skipChildren();
                            continue;
                        }
                        if (object.has(key)) {
                            SourceLocation first = keys.get(child);
                            problems.add(new Problem(keyLocation, child, "duplicate key '" + key + "' (first at line "
                                    + first.line() + ")", "remove one of the two: replay, diff and push refuse the file until then"));
                            parser.skipChildren();
                            continue;
                        }
                        keys.put(child, keyLocation);
                        object.set(key, read(child));
                    }
                    return object;
                }
                case START_ARRAY -> {
                    ArrayNode array = nodes.arrayNode();
                    int i = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        array.add(read(pointer(pointer, i++)));
                    }
                    return array;
                }
                case VALUE_STRING -> {
                    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                        // Jackson's tree reading does not resolve aliases: *x would silently become the text "x"
                        problems.add(new Problem(here(), pointer, "YAML alias '*" + parser.getText() + "' is not supported",
                                "write the value out in full instead of referring to an anchor"));
                    }
                    return nodes.textNode(parser.getText());
                }
                case VALUE_NUMBER_INT -> {
                    return switch (parser.getNumberType()) {
                        case INT -> nodes.numberNode(parser.getIntValue());
                        case LONG -> nodes.numberNode(parser.getLongValue());
                        default -> nodes.numberNode(parser.getBigIntegerValue());
                    };
                }
                case VALUE_NUMBER_FLOAT -> {
                    SpecialFloatsAsText.refuseOverflow(parser);
                    // .inf and .nan are text here, as Yaml.readTree gives them
                    return SpecialFloatsAsText.unreadableFloat(parser) ? nodes.textNode(parser.getText())
                            : nodes.numberNode(parser.getDoubleValue());
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
                }
                case VALUE_NULL -> {
                    return nodes.nullNode();
                }
                case VALUE_EMBEDDED_OBJECT -> {
                    Object embedded = parser.getEmbeddedObject();
                    return embedded instanceof byte[] bytes ? nodes.binaryNode(bytes) : nodes.pojoNode(embedded);
                }
                default -> throw new IllegalStateException("unexpected YAML token " + token);
            }
        }
    }
}

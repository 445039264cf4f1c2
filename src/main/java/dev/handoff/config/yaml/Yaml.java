package dev.handoff.config.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one YAML mapper and the one JSON mapper of the application, configured once. Each is
 * built on first use: a command that only parses YAML (validate) never pays for a mapper.
 */
public final class Yaml {

    private Yaml() {
    }

    private static final class YamlMapper {
        static final ObjectMapper INSTANCE = configure(new ObjectMapper(newFactory()));
    }

    private static final class JsonMapper {
        static final ObjectMapper INSTANCE = configure(new ObjectMapper());
    }

    private static final class Factory {
        static final YAMLFactory INSTANCE = newFactory();
    }

    /**
     * The most code points one YAML text may hold. SnakeYAML's own default (3 MB) refused files
     * the 5 MB size limit of {@link YamlFiles} lets through, and remote documents rendered as YAML.
     */
    public static final int MAX_CODE_POINTS = 32 * 1024 * 1024;

    private static YAMLFactory newFactory() {
        org.yaml.snakeyaml.LoaderOptions loader = new org.yaml.snakeyaml.LoaderOptions();
        loader.setCodePointLimit(MAX_CODE_POINTS);
        YAMLFactory factory = new Yaml11Numbers(YAMLFactory.builder()
                .loaderOptions(loader)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                // one line per value keeps git diffs of long descriptions readable word by word
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .stringQuotingChecker(new YamlQuoting())
                // 'key:' with nothing after it is null in YAML, as 'key: null' is; only '' is an empty text
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL));
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return factory;
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }

    public static ObjectMapper yaml() {
        return YamlMapper.INSTANCE;
    }

    public static ObjectMapper json() {
        return JsonMapper.INSTANCE;
    }

    /**
     * Reads YAML text into a tree as {@code yaml().readTree} does, except that {@code .inf},
     * {@code -.inf} and {@code .nan} come back as text (see {@link SpecialFloatsAsText}).
     */
    public static com.fasterxml.jackson.databind.JsonNode readTree(String text) throws java.io.IOException {
        return readTree(yaml().reader(), text);
    }

    /** {@link #readTree(String)} with a reader of the YAML mapper configured by the caller. */
    public static com.fasterxml.jackson.databind.JsonNode readTree(com.fasterxml.jackson.databind.ObjectReader reader, String text)
            throws java.io.IOException {
        try (JsonParser parser = new SpecialFloatsAsText(yamlFactory().createParser(text))) {
            com.fasterxml.jackson.databind.JsonNode node = reader.readTree(parser);
            return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
        }
    }

    /**
     * Where the first YAML alias ({@code *name}) is, if any. Jackson's tree reading does not resolve
     * aliases: {@code token: *x} would silently read as the text "x". Cheap: only a text holding
     * '*' can have one, and malformed YAML is left to the reading that reports it.
     */
    public static java.util.Optional<com.fasterxml.jackson.core.JsonLocation> firstAlias(String text) {
        if (text.indexOf('*') < 0) {
            return java.util.Optional.empty();
        }
        try (JsonParser p = yamlFactory().createParser(text)) {
            while (p.nextToken() != null) {
                if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    return java.util.Optional.of(p.currentTokenLocation());
                }
            }
        } catch (java.io.IOException malformed) {
            // reported by the reading that follows, with its position
        }
        return java.util.Optional.empty();
    }

    /** The key of a YAML merge ({@code <<: *base}), which handoff's YAML reading does not resolve. */
    public static final String MERGE_KEY = "<<";
    public static final String MERGE_KEY_MESSAGE = "YAML merge keys ('<<') are not supported; write the keys out";
    public static final String MERGE_KEY_HINT = "copy the keys it merges into this mapping and remove the '<<' line";

    /**
     * Where the first merge key ({@code <<:}) is, if any. Jackson reads it as a key named "<<", which
     * a push would send as it is. Cheap: only a text holding "<<" can have one.
     */
    public static java.util.Optional<com.fasterxml.jackson.core.JsonLocation> firstMergeKey(String text) {
        if (!text.contains(MERGE_KEY)) {
            return java.util.Optional.empty();
        }
        try (JsonParser p = yamlFactory().createParser(text)) {
            for (com.fasterxml.jackson.core.JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && MERGE_KEY.equals(p.currentName())
                        && !quotedAt(text, p.currentTokenLocation())) {
                    return java.util.Optional.of(p.currentTokenLocation());
                }
            }
        } catch (java.io.IOException malformed) {
            // reported by the reading that follows, with its position
        }
        return java.util.Optional.empty();
    }

    /**
     * Whether the scalar at {@code at} is written in quotes: a quoted {@code "<<"} is an ordinary key (fetch writes a remote's
     * key "<<" so), only a plain one is a merge key.
     */
    public static boolean quotedAt(String text, com.fasterxml.jackson.core.JsonLocation at) {
        long offset = at.getCharOffset();
        if (offset < 0 || offset >= text.length()) {
            return false;
        }
        char c = text.charAt((int) offset);
        return c == '"' || c == '\'';
    }

    /** A character YAML does not allow in a file, where it is (1-based). */
    public record Unprintable(int line, int column, int codePoint) {
        /** "a control character (U+0001)" */
        public String describe() {
            return String.format(codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)
                    ? "a control character (U+%04X)" : "a character YAML does not allow (U+%04X)", codePoint);
        }
    }

    /**
     * The first character YAML does not allow (controls other than tab and line breaks, DEL, C1
     * controls, U+FFFE/U+FFFF), if any. The YAML parser finds them too but says "1:1" and "special
     * characters are not allowed", which sends the user to the wrong line.
     */
    public static java.util.Optional<Unprintable> firstUnprintable(String text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean allowed = cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp <= 0x7e) || cp == 0x85
                    || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
            if (!allowed) {
                return java.util.Optional.of(new Unprintable(line, column, cp));
            }
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += Character.charCount(cp);
        }
        return java.util.Optional.empty();
    }

    /** The YAML factory configured as the mapper's, for streaming reads that need no mapper. */
    public static YAMLFactory yamlFactory() {
        return Factory.INSTANCE;
    }
}

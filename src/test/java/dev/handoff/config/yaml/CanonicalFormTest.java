package dev.handoff.config.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Golden files of the canonical YAML ({@code src/test/resources/canonical/}): the two example
 * configurations and a reordered copy with unknown fields, byte for byte.
 */
class CanonicalFormTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(CanonicalFormTest.class.getResource("/" + name)).toURI());
    }

    private static String canonicalOf(Path file) {
        LocalConfig config = LocalConfig.read(file);
        return CanonicalForm.toYaml(config.provider(), config.withHeader());
    }

    @ParameterizedTest
    @CsvSource({
            "guidelines/quickchat-support.yaml, canonical/quickchat-support.yaml",
            "guidelines/plugit-sales.yaml, canonical/plugit-sales.yaml",
            "src/test/resources/canonical/quickchat-shuffled.input.yaml, canonical/quickchat-shuffled.yaml"})
    void canonicalYamlMatchesItsGoldenFile(String input, String golden) throws Exception {
        String expected = Files.readString(resource(golden), StandardCharsets.UTF_8);
        String actual = canonicalOf(Path.of(input));
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).endsWith("\n").doesNotContain("\t").doesNotStartWith("---");
    }

    @ParameterizedTest
    @CsvSource({"canonical/quickchat-support.yaml", "canonical/plugit-sales.yaml", "canonical/quickchat-shuffled.yaml"})
    void canonicalYamlIsAFixedPoint(String golden) throws Exception {
        Path file = resource(golden);
        assertThat(canonicalOf(file)).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({"canonical/quickchat-support.yaml", "canonical/plugit-sales.yaml", "canonical/quickchat-shuffled.yaml"})
    void anyYaml11ReaderReadsTheSameDocument(String golden) throws Exception {
        String text = Files.readString(resource(golden), StandardCharsets.UTF_8);
        // SnakeYAML resolves YAML 1.1 scalars (18:00 is a number there, yes a boolean): none may change type
        Object snake = new org.yaml.snakeyaml.Yaml().load(text);
        JsonNode viaSnake = Yaml.json().valueToTree(snake);
        assertThat(viaSnake).isEqualTo(Yaml.yaml().readTree(text));
    }

    @Test
    void reorderingListsAndKeysChangesNeitherTheBytesNorTheHash() throws Exception {
        ObjectNode doc = (ObjectNode) Yaml.yaml().readTree(resource("canonical/quickchat-shuffled.input.yaml").toFile());
        ObjectNode reversed = reverse(doc);
        assertThat(Yaml.yaml().writeValueAsString(reversed)).isNotEqualTo(Yaml.yaml().writeValueAsString(doc));
        assertThat(CanonicalForm.toYaml(Provider.QUICKCHAT, reversed)).isEqualTo(CanonicalForm.toYaml(Provider.QUICKCHAT, doc));
        assertThat(CanonicalForm.hash(Provider.QUICKCHAT, reversed)).isEqualTo(CanonicalForm.hash(Provider.QUICKCHAT, doc));
    }

    @Test
    void theHashIsOfTheVendorDocumentWithoutTheLocalHeader() throws Exception {
        ObjectNode doc = (ObjectNode) Yaml.yaml().readTree(resource("canonical/quickchat-shuffled.input.yaml").toFile());
        ObjectNode withoutHeader = doc.deepCopy();
        withoutHeader.remove(LocalConfig.HEADER);
        assertThat(CanonicalForm.hash(Provider.QUICKCHAT, doc)).isEqualTo(CanonicalForm.hash(Provider.QUICKCHAT, withoutHeader))
                .matches("sha256:[0-9a-f]{64}");
        ObjectNode changed = withoutHeader.deepCopy();
        ((ObjectNode) changed.get("settings")).put("is_active", false);
        assertThat(CanonicalForm.hash(Provider.QUICKCHAT, changed)).isNotEqualTo(CanonicalForm.hash(Provider.QUICKCHAT, doc));
    }

    @Test
    void itemsWithEqualNamesAreOrderedByNumericIdNotByText() {
        ObjectNode doc = Yaml.json().createObjectNode();
        ArrayNode list = doc.putArray("custom_guidelines");
        list.addObject().put("id", 10).put("name", "Same");
        list.addObject().put("id", 9).put("name", "Same");
        ObjectNode canonical = CanonicalForm.canonicalize(Provider.QUICKCHAT, doc);
        assertThat(canonical.get("custom_guidelines").get(0).get("id").asInt()).isEqualTo(9);
    }

    @Test
    void theArgumentIsNotModifiedAndNonObjectsAreRefused() throws Exception {
        ObjectNode doc = (ObjectNode) Yaml.yaml().readTree(resource("canonical/quickchat-shuffled.input.yaml").toFile());
        String before = doc.toString();
        CanonicalForm.toYaml(Provider.QUICKCHAT, doc);
        assertThat(doc.toString()).isEqualTo(before);
        assertThatThrownBy(() -> CanonicalForm.canonicalize(Provider.QUICKCHAT, Yaml.json().createArrayNode()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not array");
    }

    @Test
    void stringsThatLookLikeOtherTypesAreQuoted() throws Exception {
        ObjectNode doc = Yaml.json().createObjectNode();
        Map.of("a", "18:00", "b", "1e3", "c", "0x1F", "d", "yes", "e", "2025-01-01", "f", "012")
                .forEach(doc::put);
        String yaml = CanonicalForm.toYaml(Provider.QUICKCHAT, doc);
        assertThat(yaml).contains("a: \"18:00\"", "b: \"1e3\"", "c: \"0x1F\"", "d: \"yes\"", "e: \"2025-01-01\"", "f: \"012\"");
        assertThat(Yaml.yaml().readTree(yaml)).isEqualTo(doc);
    }

    @Test
    void aYaml11ReaderReadsValueKeysMergeKeysAndLargeFloatsAsTheyWere() throws Exception {
        // "=" is YAML 1.1's value key and "<<" its merge key (a reader fails on them or merges); 1.0E20 without a
        // signed exponent is no float to YAML 1.1, so it came back as text
        ObjectNode doc = Yaml.json().createObjectNode();
        doc.put("v", "=").put("m", "<<").put("ae", 1e20).put("small", 2.5e-7).put("plain", 0.25).put("neg", -3e30);
        doc.putObject("keys").put("=", "equals").put("<<", "merge");

        String yaml = CanonicalForm.toYaml(Provider.QUICKCHAT, doc);

        // as PyYAML (a strict YAML 1.1 reader) needs them; SnakeYAML is lenient about both
        assertThat(yaml).contains("v: \"=\"", "m: \"<<\"", "ae: 1.0E+20", "small: 2.5E-7", "plain: 0.25", "neg: -3.0E+30",
                "\"=\": equals", "\"<<\": merge");
        Object snake = new org.yaml.snakeyaml.Yaml().load(yaml);
        JsonNode viaSnake = Yaml.json().valueToTree(snake);
        assertThat(viaSnake).as(yaml).isEqualTo(Yaml.yaml().readTree(yaml));
        assertThat(Yaml.yaml().readTree(yaml)).as(yaml).isEqualTo(doc);
        // handoff's own readers take the quoted "<<" for the key it is; only a plain << is a merge key they refuse
        assertThat(YamlFiles.parse(java.nio.file.Path.of("f.yaml"), yaml).path("keys").path("<<").asText()).isEqualTo("merge");
        assertThat(LocatedTree.parse(java.nio.file.Path.of("f.yaml"), yaml).root().path("keys").path("<<").asText()).isEqualTo("merge");
        assertThatThrownBy(() -> YamlFiles.parse(java.nio.file.Path.of("f.yaml"), "base: 1\n<<: {a: 1}\n"))
                .hasMessageContaining("merge keys");
    }

    private static ObjectNode reverse(ObjectNode node) {
        ObjectNode out = node.objectNode();
        var names = new java.util.ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        for (String n : names) {
            JsonNode v = node.get(n);
            out.set(n, v.isObject() ? reverse((ObjectNode) v) : v.isArray() ? reverse((ArrayNode) v) : v);
        }
        return out;
    }

    /** Reverses lists of objects only: plain lists (keywords, user_ids) may mean something by their order. */
    private static ArrayNode reverse(ArrayNode array) {
        if (array.isEmpty() || !array.get(0).isObject()) {
            return array;
        }
        ArrayNode out = array.arrayNode();
        for (int i = array.size() - 1; i >= 0; i--) {
            out.add(reverse((ObjectNode) array.get(i)));
        }
        return out;
    }
}

package dev.handoff.config.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the same tables {@code validate} reads: every rule must fire, with its severity, on a copy
 * of a valid document broken the way the rule says ({@link ContractRule#violates()}, or each
 * required field left out), and must not fire on the valid document itself.
 */
class ContractRulesTest {

    @TempDir
    Path dir;

    static Stream<Arguments> rules() {
        return Stream.concat(
                QuickchatContract.RULES.stream().map(r -> Arguments.of(Provider.QUICKCHAT, r)),
                PlugitContract.RULES.stream().map(r -> Arguments.of(Provider.PLUGIT, r)));
    }

    static JsonNode valid(Provider provider) throws Exception {
        Path file = Path.of(Objects.requireNonNull(ContractRulesTest.class.getResource(
                "/validate-contract/" + provider.id() + "-valid.yaml")).toURI());
        return Yaml.yaml().readTree(Files.readString(file));
    }

    /** The JSON pointer of a rule's path in the valid documents: the first item of every list. */
    static String pointer(String path) {
        return path.isEmpty() ? "" : "/" + path.replace("[]", "/0").replace(".", "/");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rules")
    void everyRuleFiresOnItsViolationAndNotOnTheValidDocument(Provider provider, ContractRule rule) throws Exception {
        JsonNode valid = valid(provider);
        assertThat(findings(valid)).as("the valid %s document", provider).isEmpty();
        assertThat(pointer(rule.path()).isEmpty() || !valid.at(pointer(rule.path())).isMissingNode())
                .as("the valid document has a value at %s", rule.path()).isTrue();

        if (rule.check() instanceof ContractRule.Check.Required required) {
            for (String field : required.fields()) {
                ObjectNode broken = valid.deepCopy();
                ((ObjectNode) broken.at(pointer(rule.path()))).remove(field);
                assertThat(findings(broken)).as("%s without %s", rule.id(), field)
                        .anySatisfy(f -> {
                            assertThat(f.rule()).isEqualTo(rule.id());
                            assertThat(f.severity()).isEqualTo(rule.severity());
                            assertThat(f.message()).contains(field);
                        });
            }
        } else if (rule.check() instanceof ContractRule.Check.KnownToRemote) {
            // checked by push against the document it has just fetched: here the valid document plays the remote
            ObjectNode broken = valid.deepCopy();
            set(broken, pointer(rule.path()), Yaml.yaml().readTree("v: " + rule.violates()).get("v"));
            Path same = write(valid);
            assertThat(KnownIds.check(provider, same, same, valid).findings()).isEmpty();
            Path file = write(broken);
            assertThat(KnownIds.check(provider, file, file, valid).findings()).as("an id the remote does not have")
                    .singleElement().satisfies(f -> {
                        assertThat(f.rule()).isEqualTo(rule.id());
                        assertThat(f.severity()).isEqualTo(rule.severity());
                        assertThat(f.message()).startsWith("id " + rule.violates() + " is not an id the remote has");
                    });
        } else {
            ObjectNode broken = valid.deepCopy();
            set(broken, pointer(rule.path()), Yaml.yaml().readTree("v: " + rule.violates()).get("v"));
            assertThat(findings(broken)).as("%s broken with %s", rule.id(), rule.violates())
                    .anySatisfy(f -> {
                        assertThat(f.rule()).isEqualTo(rule.id());
                        assertThat(f.severity()).isEqualTo(rule.severity());
                    });
        }
    }

    @Test
    void rulesHaveDistinctIdsAndASourceSentence() {
        Set<String> ids = new HashSet<>();
        for (List<ContractRule> table : List.of(QuickchatContract.RULES, PlugitContract.RULES)) {
            for (ContractRule rule : table) {
                assertThat(ids.add(table.hashCode() + rule.id())).as("rule ids are unique: %s", rule.id()).isTrue();
                assertThat(rule.source()).as(rule.id()).isNotBlank();
                assertThat(rule.violates() == null).as(rule.id()).isEqualTo(rule.check() instanceof ContractRule.Check.Required);
            }
        }
    }

    @Test
    void aContractBooleanWrittenOffIsAWarningWithItsPosition() throws Exception {
        Path file = dir.resolve("off.yaml");
        String valid = Yaml.yaml().writeValueAsString(valid(Provider.QUICKCHAT));
        Files.writeString(file, valid.replaceFirst("is_active: true", "is_active: off"));
        assertThat(ConfigValidator.validate(file).findings()).filteredOn(f -> f.message().startsWith("is written"))
                .singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).isEqualTo("is written off, which YAML 1.1 reads as false and YAML 1.2 as the text \"off\"");
            assertThat(f.hint()).isEqualTo("write false");
        });
    }

    @Test
    void anIntegerPast64BitsIsRefusedWhereTheContractWantsAnInteger() throws Exception {
        ObjectNode doc = (ObjectNode) valid(Provider.QUICKCHAT).deepCopy();
        ((ArrayNode) doc.at("/routing_profiles/0/user_ids")).add(new java.math.BigInteger("99999999999999999999"));
        assertThat(findings(doc)).filteredOn(f -> f.severity() == Finding.Severity.ERROR).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("99999999999999999999 is far larger than any value this field takes"));
    }

    private List<Finding> findings(JsonNode doc) throws Exception {
        return ConfigValidator.validate(write(doc)).findings();
    }

    private Path write(JsonNode doc) throws Exception {
        Path file = Files.createTempFile(dir, "config", ".yaml");
        Files.writeString(file, Yaml.yaml().writeValueAsString(doc));
        return file;
    }

    private static void set(JsonNode doc, String pointer, JsonNode value) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = doc.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }
}

package dev.handoff.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Parser failures said for people: file:line:column and words, never Jackson's own text. */
class ParseErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FILE = Path.of("r.json");

    private static ParseErrors.Problem problemOf(String text) {
        try (JsonParser p = JSON.getFactory().createParser(text)) {
            try {
                while (p.nextToken() != null) {
                    if (p.currentToken() == JsonToken.VALUE_STRING) {
                        p.getText();
                    }
                }
            } catch (JsonProcessingException e) {
                return ParseErrors.of(FILE, 0, e, p.currentTokenLocation());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return fail("parsed: " + text);
    }

    private static void assertPlain(ParseErrors.Problem p) {
        assertThat(p.what() + " " + p.hint()).doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("StreamRead")
                .doesNotContain("code ").doesNotContain("Exception");
    }

    @Test
    void aCutOffFileNamesWhereTheOpenListStarted() {
        var p = problemOf("{\"train\": [[\"hello\", \"greet\"]\n");
        assertThat(p.toString()).isEqualTo("r.json:2:1: the file ends before the list that starts at line 1, column 11 is closed with ']'");
        assertThat(p.hint()).contains("cut off");
        assertPlain(p);
    }

    @Test
    void aCutOffStringAndObject() {
        assertThat(problemOf("{\"a\": \"hel").what()).isEqualTo("the file ends inside a quoted text (no closing '\"')");
        assertThat(problemOf("{\"a\": 1").what()).startsWith("the file ends before the object that starts at line 1, column 1");
    }

    @Test
    void aCutOffWordIsAnUnexpectedValueAtItsPosition() {
        var p = problemOf("{\"a\": tr");
        assertThat(p.toString()).startsWith("r.json:1:9: unexpected 'tr' where a value should be (a string in double quotes");
        assertPlain(p);
    }

    @Test
    void characterCodesAreLeftOut() {
        var p = problemOf("{a: 1}");
        assertThat(p.toString()).isEqualTo("r.json:1:2: Unexpected character 'a': was expecting double-quote to start field name");
        assertPlain(p);
    }

    @Test
    void theLimitsSayWhatIsTooLongInWordsAndWhere() {
        var p = problemOf("[1, \"" + "x".repeat(20_000_001) + "\"]");
        assertThat(p.toString()).isEqualTo("r.json:1:5: a text is too long: more than the limit of 20,000,000 characters");
        assertThat(p.hint()).contains("shorten that text");
        assertPlain(p);
        var deep = problemOf("[".repeat(1001));
        assertThat(deep.what()).isEqualTo("nested more than 1000 levels deep");
        assertPlain(deep);
    }

    @Test
    void aYamlTextUpToTheSizeLimitOfFilesIsRead() {
        // SnakeYAML's own limit (3 MB of code points) called a valid 3.4 MB file "malformed YAML"
        // (in words: one word that long is refused before reading, see UnprintableTest)
        String text = ("x".repeat(1023) + " ").repeat(4 * 1024);
        String big = "note: " + text.strip() + "\n";
        assertThat(dev.handoff.config.yaml.YamlFiles.parse(java.nio.file.Path.of("big.yaml"), big).path("note").asText())
                .hasSize(4 * 1024 * 1024 - 1);
        assertThat(ParseErrors.clean("The incoming YAML document exceeds the limit: 33554432 code points."))
                .isEqualTo("the document is larger than this program reads (33554432 characters at most)");
    }

    @Test
    void aJsonlLineIsNamedByItsFileLineAndOnlyColumnsInside() {
        try {
            JSON.readTree("{\"a\": [1, 2");
            fail("parsed");
        } catch (JsonProcessingException e) {
            var p = ParseErrors.of(Path.of("x.jsonl"), 7, e, null);
            assertThat(p.where().toString()).startsWith("x.jsonl:7:");
            assertThat(p.what()).startsWith("the line ends").doesNotContain("line 1");
        }
    }

    @Test
    void yamlParserEventClassesAreSaidInWords() {
        try {
            dev.handoff.config.yaml.Yaml.readTree("{{{{ ]]]\n");
            fail("parsed");
        } catch (JsonProcessingException e) {
            ParseErrors.Problem p = ParseErrors.of(Path.of("c.yaml"), e);
            assertThat(p.what()).isEqualTo("Expected a field name (a plain name followed by ':'), got this instead: the start of a mapping ({)")
                    .doesNotContain("org.yaml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTabAfterAColonIsSaidForWhatItIsNotAsIndentation() {
        // valid YAML that SnakeYAML refuses with "Do not use \t(TAB) for indentation"
        var afterColon = org.assertj.core.api.Assertions.catchThrowableOfType(dev.handoff.error.HandoffException.class,
                () -> dev.handoff.config.yaml.YamlFiles.parse(Path.of("c.yaml"), "settings:\n  is_active: true\n  timezone:\tEurope/Berlin\n"));
        assertThat(afterColon.getMessage()).isEqualTo("c.yaml:3:12: malformed YAML: a tab follows the ':'; the YAML reader handoff"
                + " uses (SnakeYAML) accepts only spaces there");
        assertThat(afterColon.hint()).isEqualTo("replace the tab with a space");
        var afterDash = org.assertj.core.api.Assertions.catchThrowableOfType(dev.handoff.error.HandoffException.class,
                () -> dev.handoff.config.yaml.YamlFiles.parse(Path.of("c.yaml"), "keywords:\n  -\tagent\n"));
        assertThat(afterDash.getMessage()).startsWith("c.yaml:2:4: malformed YAML: a tab follows the '-';");
        var indent = org.assertj.core.api.Assertions.catchThrowableOfType(dev.handoff.error.HandoffException.class,
                () -> dev.handoff.config.yaml.YamlFiles.parse(Path.of("c.yaml"), "settings:\n\tis_active: true\n"));
        assertThat(indent.getMessage()).isEqualTo("c.yaml:2:1: malformed YAML: a tab indents this line; YAML indents with spaces only");
        assertThat(indent.hint()).isEqualTo("replace the tab with spaces");
    }

    @Test
    void aServerThatClosesTheConnectionIsSaidSoNotInOkiosWords() {
        var cut = new java.io.IOException("unexpected end of stream", new java.io.EOFException("\\n not found: limit=0 content=…"));
        assertThat(dev.handoff.error.IoWords.describe(cut)).isEqualTo("the server closed the connection without answering");
    }
}

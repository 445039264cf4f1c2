package dev.handoff.config.yaml;

import dev.handoff.error.HandoffException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A control character in a YAML file is named with its own line and column, not "1:1: special characters". */
class UnprintableTest {

    @Test
    void theCharacterAndItsPositionAreNamed() {
        String text = "settings:\n  is_active: true\n  question_message: \"ab\u0001c\"\n";
        var e = catchThrowableOfType(HandoffException.class, () -> LocatedTree.parse(Path.of("c.yaml"), text));
        assertThat(e.getMessage()).isEqualTo("c.yaml:3:24: malformed YAML: a control character (U+0001) is not allowed in YAML");
        assertThat(e.hint()).contains("\"\\u0001\"");
        var viaFiles = catchThrowableOfType(HandoffException.class, () -> YamlFiles.parse(Path.of("c.yaml"), text));
        assertThat(viaFiles.getMessage()).startsWith("c.yaml:3:24:");
    }

    @Test
    void aWordLongerThanTheLimitIsRefusedAtItsStartBeforeTheReaderSlowsDown() {
        String word = "x".repeat(Words.MAX + 1);
        String text = "triggers:\n  user_request: true\noffline_message: \"" + word + "\"\n";
        var e = catchThrowableOfType(HandoffException.class, () -> YamlFiles.parse(Path.of("w.yaml"), text));
        assertThat(e.getMessage()).isEqualTo("w.yaml:3:18: more than 262,144 characters without a space or line break; "
                + "handoff reads no longer word");
        assertThat(e.hint()).startsWith("break the text up");
        // at the limit (the quotes count), or as long with spaces, it is text
        assertThat(YamlFiles.parse(Path.of("w.yaml"), text.replace(word, word.substring(3))).path("offline_message").asText())
                .hasSize(Words.MAX - 2);
        String spaced = ("x".repeat(1000) + " ").repeat(400);
        assertThat(YamlFiles.parse(Path.of("w.yaml"), "a: \"" + spaced + "\"\n").path("a").asText()).hasSize(spaced.length());
    }

    @Test
    void aWordIsCountedInCharactersAndEndsAtJsonPunctuation() {
        // an emoji is one character (two UTF-16 units): 140,000 of them are no word over the limit
        String emoji = "\uD83D\uDE00".repeat(140_000);
        assertThat(Words.firstTooLong("a: \"" + emoji + "\"\n")).isEmpty();
        // the column counts characters, as an editor does
        assertThat(Words.firstTooLong("\uD83D\uDE00\uD83D\uDE00 " + "x".repeat(Words.MAX + 1)))
                .hasValue(new Words.Position(1, 4));
        // minified JSON (which is YAML): many short values, no blank
        StringBuilder json = new StringBuilder("{\"keywords\":[");
        for (int i = 0; i < 40_000; i++) {
            json.append(i == 0 ? "" : ",").append("\"kw").append(i).append('"');
        }
        json.append("]}");
        assertThat(json.length()).isGreaterThan(Words.MAX);
        assertThat(Words.firstTooLong(json.toString())).isEmpty();
        assertThat(YamlFiles.parse(Path.of("min.yaml"), json.toString()).path("keywords")).hasSize(40_000);
    }

    @Test
    void aDuplicateKeyIsNamedAsOneWithWhatToDoNotAsASyntaxError() {
        var e = catchThrowableOfType(HandoffException.class,
                () -> YamlFiles.parse(Path.of("d.yaml"), "triggers:\n  user_request: true\n  user_request: false\n"));
        assertThat(e.getMessage()).startsWith("d.yaml:3:").endsWith(": duplicate key 'user_request'");
        assertThat(e.hint()).isEqualTo("remove one of the two ('handoff validate d.yaml' shows where the first is)");
    }

    @Test
    void tabsLineBreaksAndTextInAnyScriptAreAllowed() {
        assertThat(Yaml.firstUnprintable("a:\tb\r\nc: \"日本語 😀 \u00e9\"\n\uFEFF")).isEmpty();
        assertThat(Yaml.firstUnprintable("ok\n\u0085\nx\u007f")).hasValueSatisfying(u -> {
            assertThat(u.line()).isEqualTo(3);
            assertThat(u.column()).isEqualTo(2);
            assertThat(u.codePoint()).isEqualTo(0x7f);
        });
    }

    @Test
    void aUnicodeLineSeparatorInPlainTextIsNamedAndLaterPositionsAreCountedAsAnEditorCountsThem() {
        // YAML breaks lines at U+2028, U+2029 and U+0085 too: "4:2" pointed at the wrong line
        String text = "settings:\n  is_active: true\n  question_message: hello\u2028 there: x\n  other: 1\n";
        var e = catchThrowableOfType(HandoffException.class, () -> LocatedTree.parse(Path.of("c.yaml"), text));
        assertThat(e.getMessage()).startsWith("c.yaml:3:28: malformed YAML: ");
        assertThat(e.hint()).isEqualTo("line 3, column 26 holds a line separator (U+2028), which YAML reads as a line break"
                + " in unquoted text: put that text in double quotes, or replace the character by a space");
        var viaFiles = catchThrowableOfType(HandoffException.class, () -> YamlFiles.parse(Path.of("c.yaml"), text));
        assertThat(viaFiles.getMessage()).startsWith("c.yaml:3:28:");

        // quoted, it is text
        assertThat(YamlFiles.parse(Path.of("c.yaml"), text.replace("hello\u2028 there: x", "\"hello\u2028 there: x\"")).path("settings")
                .path("question_message").asText()).startsWith("hello");

        // a separator after the problem is not its cause; the position still counts only real line breaks
        String later = "a: [1, 2\nb: 3\u2028\n";
        var e2 = catchThrowableOfType(HandoffException.class, () -> LocatedTree.parse(Path.of("l.yaml"), later));
        assertThat(e2.hint()).doesNotContain("U+2028");
        String before = "note: x\u0085y\nb: [1, 2\n";
        var e3 = catchThrowableOfType(HandoffException.class, () -> LocatedTree.parse(Path.of("b.yaml"), before));
        assertThat(e3.getMessage()).startsWith("b.yaml:2:1:");
        assertThat(e3.hint()).contains("line 1, column 8 holds a next-line character (U+0085)");

        // a separator in quoted text far above an unrelated error is not named, and field positions count as an editor does
        String far = "a: \"x\\u2028y\"\nb: 1\nc: 2\nd: [1, 2\n".replace("\\u2028", "\u2028");
        var e4 = catchThrowableOfType(HandoffException.class, () -> LocatedTree.parse(Path.of("f.yaml"), far));
        assertThat(e4.hint()).doesNotContain("U+2028");
        var tree = LocatedTree.parse(Path.of("g.yaml"), "a: \"x\u2028y\"\nb: 1\n");
        assertThat(tree.valueAt("/b").line()).as("the editor's line 2, not YAML's 3").isEqualTo(2);
    }
}

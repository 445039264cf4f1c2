package dev.handoff.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A remote (or a colleague's committed file) may hold terminal controls in names, keys and texts.
 * What handoff prints for people (diffs, findings, conflicts, file names) shows them escaped,
 * {@code \u001B}, as stderr always did, and keeps its own colours; what it prints for programs
 * (fetch --stdout, -o json) is byte for byte what it was.
 */
class ControlCharactersOutputTest extends RemoteCliFixture {

    /** ESC [ (CSI), an OSC title ended by BEL, the one-byte CSI, a text-direction override. */
    static final String NAME = "Bill\u001b[31ming\u009b2J\u202e";
    static final String KEY = "unk\u001b]0;pwned\u0007key";
    static final String ESCAPED_NAME = "Bill\\u001B[31ming\\u009B2J\\u202E";
    static final String ESCAPED_KEY = "unk\\u001B]0;pwned\\u0007key";

    /** The remote after a colleague's edits: a new profile, an unknown key, a long text changed. */
    private void hostileRemote() {
        ObjectNode remote = server.quickchat();
        ArrayNode profiles = (ArrayNode) remote.get("routing_profiles");
        profiles.addObject().put("id", 40).put("name", NAME).put("description", "Invoices.").put("is_active", true)
                .putArray("user_ids").add(7);
        ((ObjectNode) remote.get("settings")).put(KEY, "x");
        ObjectNode refunds = (ObjectNode) remote.get("custom_guidelines").get(0);
        refunds.put("description", refunds.get("description").asText().replace("14 days", "14 \u001b[2J\u001b[1;1Hdays"));
    }

    /** What is left of a human report once handoff's own colour codes are taken out. */
    private static String withoutOwnColours(String out) {
        return out.replaceAll("\u001b\\[(0|31|32|33|1;31|1;33|90)m", "");
    }

    private static void assertNoControls(String out) {
        assertThat(out).doesNotContain("\u001b", "\u0007", "\u009b", "\u202e");
    }

    @Test
    void aDiffShowsLabelsKeysAndWordsOfTheRemoteEscaped() {
        run("fetch");
        hostileRemote();
        var r = run("diff", "--no-color");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("- routing_profiles[name=" + ESCAPED_NAME + "]")
                .contains("- settings[\"" + ESCAPED_KEY + "\"]: \"x\"")
                .contains("14 [-\\u001B[2J\\u001B[1;1Hdays.-]{+days.+}");
        assertNoControls(r.out());

        var coloured = run(cli().interactive(true, ""), "diff");
        assertThat(coloured.out()).contains("\u001b[31m- routing_profiles[name=" + ESCAPED_NAME + "]\u001b[0m")
                .contains("14 \u001b[31m\\u001B[2J\\u001B[1;1Hdays.\u001b[0m\u001b[32mdays.\u001b[0m");
        assertNoControls(withoutOwnColours(coloured.out()));
    }

    @Test
    void aChangeMadeOfAZeroWidthCharacterIsShownNotHidden() {
        run("fetch");
        ObjectNode profile = (ObjectNode) server.quickchat().get("routing_profiles").get(0);
        String name = profile.get("name").asText();
        profile.put("name", name + "\u200b\ufeff");
        var r = run("diff", "--no-color");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains(name + "\\u200B\\uFEFF").doesNotContain("\u200b").doesNotContain("\ufeff");
    }

    @Test
    void outputForProgramsIsUntouched() throws Exception {
        run("fetch");
        hostileRemote();
        var json = run("diff", "-o", "json");
        assertThat(json.out()).contains(NAME.replace("\u001b", "\\u001B")).contains("\u009b2J\u202e");
        assertThat(json(json.out()).get("changes").toString()).contains("Bill\\u001B[31ming");

        var yaml = run("fetch", "--stdout");
        assertThat(yaml.exitCode()).as(yaml.toString()).isZero();
        run("fetch", "--force");
        assertThat(yaml.out()).isEqualTo(read(file("support.yaml")));
        assertThat(yaml.out()).contains("\u202e");
    }

    @Test
    void aPushConflictListsTheRemoteChangesEscaped() {
        run("fetch");
        edit(file("support.yaml"), "is_active: true", "is_active: false");
        hostileRemote();
        var r = run("push", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(r.out()).contains("routing_profiles[name=" + ESCAPED_NAME + "]").contains(ESCAPED_KEY);
        assertNoControls(r.out());
        assertNoControls(r.err());
    }

    @Test
    void validateShowsAFileNameWithControlsEscapedAndKeepsItsColours() throws Exception {
        write(project.resolve("bad\u001b[31mname.yaml"), "x-handoff: {provider: quickchat}\nsettings:\n  \"x\\e]0;pwn\\a\": 1\n");
        var r = run(cli().interactive(true, ""), "validate", "bad\u001b[31mname.yaml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("bad\\u001B[31mname.yaml:3:3: \u001b[1;33mwarning\u001b[0m: settings.x\\u001B]0;pwn\\u0007:"
                + " unknown key 'x\\u001B]0;pwn\\u0007'");
        assertNoControls(withoutOwnColours(r.out()));

        var json = run("validate", "-o", "json", "bad\u001b[31mname.yaml");
        assertThat(json(json.out()).at("/files/0/findings").findValuesAsText("path")).contains("settings.x\u001b]0;pwn\u0007");
        assertThat(json.out()).contains("settings.x\\u001B]0;pwn\\u0007"); // JSON's own escape, as Jackson writes it
        assertThat(Files.exists(project.resolve("bad\u001b[31mname.yaml"))).isTrue();
    }
}

package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** transcripts import writes only ids (and criteria) that replay accepts: the same rule, checked before writing. */
class TranscriptsImportIdsTest extends TranscriptsImportFixture {

    @Test
    void anIdCellWithATextDirectionCharacterIsRefusedAtItsCellAndNothingIsWritten() throws IOException {
        write("rlo.csv", "sentence,id,label\nhi,\u202Eabc,agent\n");
        var r = run("--text-column", "sentence", "--label-column", "label", "--id-column", "id", "--out", "rlo.jsonl", "rlo.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: rlo.csv:2:4: --id-column: the id contains the invisible character U+202E at position 1\n")
                .contains("remove it from the export: replay refuses ids");
        assertThat(home.resolve("rlo.jsonl")).doesNotExist();
    }

    @Test
    void whatImportRefusesIsWhatReplayRefuses() throws IOException {
        // the same id written by hand: replay names the same character at the same position
        write("hand.jsonl", "{\"id\":\"\u202Eabc\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}]}\n");
        var replay = new CliHarness(home).workDir(home).run("replay", "--classifier", "keywords", "--config",
                ReplayProject.resource("replay/scoring/support.yaml").toString(), "hand.jsonl");
        assertThat(replay.err()).contains("id: contains the invisible character U+202E at position 1");
    }

    @Test
    void anIdPrefixWithAnEscapeIsAUsageErrorBeforeAnythingIsRead() throws IOException {
        write("ok.csv", "sentence\nhi\n");
        var r = run("--text-column", "sentence", "--id-prefix", "\u001b[31m", "--out", "esc.jsonl", "ok.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: --id-prefix: contains the invisible character U+001B at position 1\n")
                .doesNotContain("\u001b");
        assertThat(home.resolve("esc.jsonl")).doesNotExist();

        var source = run("--text-column", "sentence", "--source", "a\u202Eb", "ok.csv");
        assertThat(source.exitCode()).as("the default prefix is the source").isEqualTo(ExitCode.USAGE);
        assertThat(source.err()).startsWith("handoff: --source (ids start with it): contains the invisible character U+202E at position 2");

        var criterion = run("--text-column", "sentence", "--label-column", "1", "--map", "hi=asks\u001bhuman", "ok.csv");
        assertThat(criterion.exitCode()).as("replay checks expected criteria by the same rule").isEqualTo(ExitCode.USAGE);
        assertThat(criterion.err()).startsWith("handoff: --map: a criterion: contains the invisible character U+001B at position 5");
    }

    @Test
    void aConversationIdWithAControlCharacterIsRefusedAtItsCell() throws IOException {
        write("chats.csv", "chat,text\nc\u0007d,hello\n");
        var r = run("--conversation-column", "chat", "--text-column", "text", "chats.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: chats.csv:2:1: --conversation-column: the conversation id (part of the transcript id) "
                + "contains the invisible character U+0007 at position 2");
    }

    @Test
    void aClincSplitNameThatWouldMakeABadIdIsRefusedAtItsItem() throws IOException {
        write("c.json", "{\"tr\u202Ean\": [[\"hello\", \"greet\"]]}\n");
        var r = run("--format", "clinc", "--source", "c", "c.json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: c.json:1:12: the transcript id made here contains the invisible character U+202E at position 5");
    }

    @Test
    void aClincTextWithHalfAnEmojiIsRefusedAtItsItemInsteadOfBecomingAQuestionMark() throws IOException {
        write("cut.json", "{\"train\": [[\"hi there\", \"greet\"], [\"live agent \\ud83d\", \"agent\"]]}\n");
        var r = run("--format", "clinc", "--map", "agent=keywords", "--out", "cut.jsonl", "cut.json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: cut.json:1:35: the text contains U+D83D, half of a UTF-16 surrogate pair, at position 12\n");
        assertThat(home.resolve("cut.jsonl")).doesNotExist();
    }

    @Test
    void anIdPrefixWithALoneSurrogateIsRefusedAsReplayWouldRefuseTheIds() throws IOException {
        write("ok.csv", "sentence\nhi\n");
        var r = run("--text-column", "sentence", "--id-prefix", "a\ud800", "ok.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: --id-prefix: contains U+D800, half of a UTF-16 surrogate pair, at position 2\n")
                .contains("not whole Unicode characters");
    }
}

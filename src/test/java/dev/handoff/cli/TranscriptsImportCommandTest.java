package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TranscriptsImportCommandTest extends TranscriptsImportFixture {

    private Path fixtures;

    @BeforeEach
    void copyFixtures() throws IOException, URISyntaxException {
        // relative paths in messages are what the user typed: run from a work dir holding the fixtures
        Path source = Path.of(getClass().getResource("/import").toURI());
        fixtures = home.resolve("import");
        Files.createDirectories(fixtures);
        try (var files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, fixtures.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void csvRowsBecomeOneMessageTranscriptsWithQuotesNewlinesAndBomHandled() {
        var r = run("--text-column", "sentence", "--label-column", "label", "--source", "hint3",
                "--map", "CHAT_WITH_AGENT=asks_for_human,CRITICISM=user_frustration", "import/utterances-quoted-multiline-bom.csv");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> ts = jsonl(r.out());
        assertThat(ts).extracting(t -> t.get("id").asText())
                .containsExactly("hint3-000001", "hint3-000002", "hint3-000003", "hint3-000005");

        JsonNode human = ts.get(0);
        assertThat(human.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(human.at("/messages/0/text").asText()).isEqualTo("Hi, can I talk to a real agent?");
        assertThat(human.at("/expect/handoff").asBoolean()).isTrue();
        assertThat(human.at("/expect/criteria").toString()).isEqualTo("[\"asks_for_human\"]");
        assertThat(human.at("/meta/label").asText()).isEqualTo("CHAT_WITH_AGENT");
        assertThat(human.at("/meta/source").asText()).isEqualTo("hint3");
        assertThat(human.at("/meta/line").asInt()).isEqualTo(2);

        JsonNode unmapped = ts.get(1);
        assertThat(unmapped.at("/expect/handoff").asBoolean()).isFalse();
        assertThat(unmapped.at("/expect").has("criteria")).isFalse();
        assertThat(unmapped.at("/meta/label").asText()).isEqualTo("ORDER_STATUS");

        JsonNode multiline = ts.get(2);
        assertThat(multiline.at("/messages/0/text").asText()).isEqualTo("The bot said \"wait\".\nI waited. Still nothing!");
        assertThat(multiline.at("/expect/criteria/0").asText()).isEqualTo("user_frustration");
        assertThat(multiline.at("/meta/line").asInt()).isEqualTo(5);

        JsonNode noLabel = ts.get(3);
        assertThat(noLabel.has("expect")).as("an empty label cell means unlabelled").isFalse();

        assertThat(r.err()).contains("wrote 4 transcripts (2 handoff, 1 no handoff, 1 unlabelled)")
                .contains("1 row with empty text");
    }

    @Test
    void defaultLabelAndMetaColumnsAndSkipPolicy() {
        var r = run("--text-column", "sentence", "--label-column", "label", "--map", "CHAT_WITH_AGENT=asks_for_human",
                "--default-label", "NONE", "--unmapped", "skip", "--map", "NONE=-", "--meta-column", "channel",
                "import/utterances-quoted-multiline-bom.csv");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> ts = jsonl(r.out());
        assertThat(ts).extracting(t -> t.at("/meta/label").asText()).containsExactly("CHAT_WITH_AGENT", "NONE");
        assertThat(ts.get(1).at("/expect/handoff").asBoolean()).isFalse();
        assertThat(ts.get(1).at("/meta/channel").asText()).isEqualTo("app");
        assertThat(ts.get(0).get("id").asText()).as("default source: the file name").startsWith("utterances-quoted-multiline-bom-");
        assertThat(r.err()).contains("2 rows with an unmapped label");
    }

    @Test
    void skipLabelLeavesOutAmbiguousLabels() {
        var r = run("--text-column", "sentence", "--label-column", "label", "--map", "CHAT_WITH_AGENT=asks_for_human",
                "--skip-label", "order_status", "import/utterances-quoted-multiline-bom.csv");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(jsonl(r.out())).extracting(t -> t.at("/meta/label").asText("-"))
                .containsExactly("CHAT_WITH_AGENT", "CRITICISM", "-");
        assertThat(r.err()).contains("1 row with a label in --skip-label");
    }

    @Test
    void unmappedErrorPolicyNamesFileLineAndColumn() {
        var r = run("--text-column", "sentence", "--label-column", "label", "--map", "CHAT_WITH_AGENT=asks_for_human",
                "--unmapped", "error", "import/utterances-quoted-multiline-bom.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("import/utterances-quoted-multiline-bom.csv:3:19: label 'ORDER_STATUS' is not in --map");
        assertThat(jsonl(r.out())).as("on stdout the rows before the error went out; --out writes all or nothing")
                .hasSize(1);
    }

    @Test
    void severalCriteriaForOneLabel() {
        var r = run("--text-column", "sentence", "--label-column", "label",
                "--map", "CRITICISM=user_frustration,CRITICISM=asks_for_human", "--limit", "1", "--sample-every", "1",
                "--unmapped", "skip", "import/utterances-quoted-multiline-bom.csv");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> ts = jsonl(r.out());
        assertThat(ts).hasSize(1);
        assertThat(ts.get(0).at("/expect/criteria").toString()).isEqualTo("[\"user_frustration\",\"asks_for_human\"]");
    }

    @Test
    void groupedRowsBecomeMultiTurnTranscriptsInOrderWithTheFirstLabelledTurn() {
        var r = run("--conversation-column", "chat_id", "--order-column", "seq", "--role-column", "sender",
                "--text-column", "message", "--label-column", "tag", "--id-prefix", "shop-",
                "--map", "wants_human=asks_for_human,wants_human=user_frustration", "import/conversations-grouped.csv");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> ts = jsonl(r.out());
        assertThat(ts).extracting(t -> t.get("id").asText()).containsExactly("shop-c-1", "shop-c-2", "shop-c-3");

        JsonNode c1 = ts.get(0);
        assertThat(c1.get("messages")).extracting(m -> m.get("role").asText() + ":" + m.get("text").asText())
                .containsExactly("user:hello", "assistant:Hi! How can I help?", "user:my parcel is late again",
                        "assistant:Let me check the tracking for you.", "user:this is useless let me talk to a person");
        assertThat(c1.at("/expect/handoff").asBoolean()).isTrue();
        assertThat(c1.at("/expect/turn").asInt()).isEqualTo(3);
        assertThat(c1.at("/expect/criteria").toString()).isEqualTo("[\"asks_for_human\",\"user_frustration\"]");
        assertThat(c1.at("/meta/conversation").asText()).isEqualTo("c-1");
        assertThat(c1.at("/meta/labels").toString()).isEqualTo("[null,null,\"wants_human\"]");

        assertThat(ts.get(1).at("/expect/handoff").asBoolean()).isFalse();
        assertThat(ts.get(2).has("expect")).isFalse();
        assertThat(ts.get(2).at("/messages/1/role").asText()).isEqualTo("assistant");
    }

    @Test
    void conversationsWhoseRowsAreScatteredAreRefused() {
        var r = run("--conversation-column", "chat_id", "--role-column", "sender", "--text-column", "message",
                "import/conversations-not-together.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("import/conversations-not-together.csv:4:1: rows of conversation 'a' are not together")
                .contains("sort the export");
    }

    @Test
    void unknownRoleIsAnErrorAtItsCell() throws IOException {
        Files.writeString(fixtures.resolve("roles.csv"), "id,who,text\n1,user,hi\n1,robot,hello\n");
        var r = run("--conversation-column", "id", "--role-column", "who", "--text-column", "text", "import/roles.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("import/roles.csv:3:3: role 'robot' is not known");
    }

    @Test
    void outWritesAtomicallyAndPrintsTheSummary() throws IOException {
        var r = run("--text-column", "text", "--label-column", "label", "--map", "HUMAN=asks_for_human",
                "--out", "out/utterances.jsonl", "import/utterances.tsv");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("wrote 2 transcripts (1 handoff, 1 no handoff) to out/utterances.jsonl from 2 rows");
        Path written = home.resolve("out/utterances.jsonl");
        if (written.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
                    .as("a data file, not a secret: readable like any other").isEqualTo("rw-r--r--");
        }
        List<JsonNode> ts = jsonl(Files.readString(written));
        assertThat(ts).extracting(t -> t.at("/messages/0/text").asText()).containsExactly("I want a human please", "thanks, bye");
    }

    @Test
    void aFailedImportLeavesTheOutFileAsItWas() throws IOException {
        Path target = home.resolve("kept.jsonl");
        Files.writeString(target, "previous content\n");
        var r = run("--text-column", "text", "--label-column", "label", "--out", "kept.jsonl", "import/unclosed-quote.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(Files.readString(target)).isEqualTo("previous content\n");
        try (var files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void malformedCsvNamesTheFileAndLine() {
        var r = run("--text-column", "text", "--label-column", "label", "import/unclosed-quote.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: import/unclosed-quote.csv:").contains("malformed CSV", "Missing closing quote", "in the row that starts on line 3");
        assertThat(r.err().lines().count()).isLessThanOrEqualTo(2);
    }

    @Test
    void aShortRowNamesTheColumnItLacks() {
        var r = run("--text-column", "text", "--label-column", "label", "import/row-missing-label-cell.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("import/row-missing-label-cell.csv:3:1: the row has 1 column but --label-column is column 2");
    }

    @Test
    void unknownColumnListsTheHeader() {
        var r = run("--text-column", "utterance", "import/utterances.tsv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("import/utterances.tsv:1:1: --text-column 'utterance': no such column; the header has: 'text', 'label'");
    }

    @Test
    void notUtf8IsAClearError() throws IOException {
        Files.write(fixtures.resolve("latin1.csv"), "text,label\ncaf\u00e9 ferm\u00e9,X\n".getBytes(StandardCharsets.ISO_8859_1));
        var r = run("--text-column", "text", "import/latin1.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        // the bad byte is on line 2, column 4 (é in Latin-1), not where the parser had got to
        assertThat(r.err()).contains("import/latin1.csv:2:4: not UTF-8 text", "iconv");
    }

    @Test
    void missingFileIsAUsageError() {
        var r = run("--text-column", "text", "import/nope.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("import/nope.csv: no such file");
    }

    @Test
    void stdinIsReadWithDash() {
        var r = new CliHarness(home).interactive(false, "text,label\nget me a person,H\n")
                .run("transcripts", "import", "--text-column", "text", "--label-column", "label", "--map", "H=asks_for_human",
                        "--source", "pasted", "-");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(jsonl(r.out()).get(0).get("id").asText()).isEqualTo("pasted-000001");
    }

    @Test
    void limitAndSampleEvery() {
        var r = run("--format", "clinc", "--sample-every", "2", "--limit", "2", "--source", "clinc", "import/clinc-small.json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(jsonl(r.out())).extracting(t -> t.get("id").asText())
                .containsExactly("clinc-train-000001", "clinc-val-000001");
    }

    @Test
    void clincItemsAreLabelledByIntentAndFilteredBySplit() {
        var r = run("--format", "clinc", "--map", "oos=lack_of_knowledge", "--split", "val,oos_val", "--source", "clinc",
                "import/clinc-small.json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> ts = jsonl(r.out());
        assertThat(ts).extracting(t -> t.get("id").asText())
                .containsExactly("clinc-val-000001", "clinc-val-000002", "clinc-oos_val-000001");
        assertThat(ts.get(0).at("/expect/criteria/0").asText()).isEqualTo("lack_of_knowledge");
        assertThat(ts.get(1).at("/expect/handoff").asBoolean()).isFalse();
        assertThat(ts.get(1).at("/meta/label").asText()).isEqualTo("are_you_a_bot");
        assertThat(ts.get(1).at("/meta/split").asText()).isEqualTo("val");
    }

    @Test
    void clincUnknownSplitAndBadItem() {
        var unknown = run("--format", "clinc", "--split", "test", "import/clinc-small.json");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("no split test; the file has: train, val, oos_val");

        var bad = run("--format", "clinc", "import/clinc-bad-item.json");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("import/clinc-bad-item.json:2:12: expected a [text, intent] pair of two strings");
    }

    @Test
    void ussFirstLowRatedUserTurnIsTheFrustrationTurn() {
        var r = run("--format", "uss", "--source", "uss", "import/uss-three-dialogues.txt");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> ts = jsonl(r.out());
        assertThat(ts).extracting(t -> t.get("id").asText()).containsExactly("uss-000001", "uss-000002", "uss-000003");
        assertThat(ts.get(0).at("/expect/handoff").asBoolean()).isFalse();
        assertThat(ts.get(0).get("messages")).hasSize(5);
        assertThat(ts.get(0).at("/messages/1/role").asText()).isEqualTo("assistant");
        assertThat(ts.get(0).at("/meta/overall").asDouble()).isEqualTo(4.0);

        JsonNode frustrated = ts.get(1);
        assertThat(frustrated.at("/expect/handoff").asBoolean()).isTrue();
        assertThat(frustrated.at("/expect/criteria").toString()).isEqualTo("[\"user_frustration\"]");
        assertThat(frustrated.at("/expect/turn").asInt()).isEqualTo(2);
        assertThat(frustrated.at("/meta/ratings").toString()).isEqualTo("[3,1.67,1.67]");
        assertThat(frustrated.at("/meta/line").asInt()).isEqualTo(9);

        assertThat(ts.get(2).at("/expect/handoff").asBoolean()).as("2.67 is above the default 2").isFalse();

        var stricter = run("--format", "uss", "--max-rating", "3", "--criterion", "irrelevant_advice", "import/uss-three-dialogues.txt");
        List<JsonNode> strict = jsonl(stricter.out());
        assertThat(strict.get(0).at("/expect/turn").asInt()).as("3.33 is above 3, then 3.0 is not").isEqualTo(2);
        assertThat(strict.get(2).at("/expect/criteria/0").asText()).isEqualTo("irrelevant_advice");
    }

    @Test
    void ussUserTurnWithoutTextKeepsItsLowRatingAsTheLabelAndIsCounted() {
        var r = run("--format", "uss", "--source", "uss", "import/uss-blank-user-turn-rated-low.txt");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode t = jsonl(r.out()).get(0);
        assertThat(t.at("/messages").size()).as("the turn without text is not a message").isEqualTo(4);
        // rated 1.33 with no text: the frustration shows from the next user turn with text, the dialogue's 2nd
        assertThat(t.at("/expect/handoff").asBoolean()).isTrue();
        assertThat(t.at("/expect/turn").asInt()).isEqualTo(2);
        assertThat(r.err()).contains("skipped: 1 user turn with empty text (rating kept for the label)");
    }

    @Test
    void ussBadRatingNamesLineAndColumn() {
        var r = run("--format", "uss", "import/uss-bad-rating.txt");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("import/uss-bad-rating.txt:1:24: rating 'x' is not a whole number from 1 to 5");
    }

    @Test
    void optionsOfAnotherFormatAreRefused() {
        var r = run("--format", "uss", "--map", "A=asks_for_human", "import/uss-three-dialogues.txt");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--format uss does not use --map");

        var noText = run("import/utterances.tsv");
        assertThat(noText.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noText.err()).contains("--format csv needs --text-column");
    }

    @Test
    void configChecksThatMappedCriteriaExist() throws IOException {
        Path cfg = home.resolve("support.yaml");
        Files.writeString(cfg, """
                settings: {is_active: true, keywords: [live agent]}
                custom_guidelines:
                  - {name: asks_for_human, description: wants a person, is_active: true}
                """);
        var bad = run("--text-column", "text", "--label-column", "label", "--map", "HUMAN=ask_for_human", "--config", "support.yaml",
                "import/utterances.tsv");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("criterion 'ask_for_human' is not in support.yaml").contains("asks_for_human");

        var good = run("--text-column", "text", "--label-column", "label", "--map", "HUMAN=asks_for_human",
                "--config", "support.yaml", "import/utterances.tsv");
        assertThat(good.exitCode()).as(good.toString()).isZero();
    }

    @Test
    void configAcceptsTheCriteriaReplayScoresIncludingThoseTheEvaluationSettingsAdd() throws IOException {
        Files.writeString(home.resolve("support.yaml"), """
                settings: {is_active: true, keywords: [live agent]}
                custom_guidelines:
                  - {name: asks_for_human, description: wants a person, is_active: true}
                """);
        String[] args = {"--text-column", "text", "--label-column", "label", "--map", "HUMAN=failed_attempts", "--config", "support.yaml",
                "import/utterances.tsv"};
        var without = run(args);
        assertThat(without.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(without.err()).contains("criterion 'failed_attempts' is not in support.yaml")
                .contains("criteria replay scores for it: keywords, asks_for_human");

        // the evaluation settings beside it add the rule, and replay scores it as a criterion
        Files.writeString(home.resolve("support.eval.yaml"), "failed_attempts: {after: 2}\n");
        var with = run(args);
        assertThat(with.exitCode()).as(with.toString()).isZero();
        assertThat(with.out()).contains("\"criteria\":[\"failed_attempts\"]");
    }

    @Test
    void progressOnlyOnATerminalAndOnlyWhenWritingAFile() {
        String[] args = {"transcripts", "import", "--format", "uss", "--out", "uss.jsonl", "import/uss-three-dialogues.txt"};
        var terminal = new CliHarness(home).workDir(home).interactive(true, "").run(args);
        assertThat(terminal.exitCode()).as(terminal.toString()).isZero();
        assertThat(terminal.err()).contains("importing: 15 dialogue lines read, 3 transcripts written").contains("\r\033[K");
        assertThat(terminal.out()).doesNotContain("importing");

        var pipe = new CliHarness(home).workDir(home).interactive(false, "").run(args);
        assertThat(pipe.err()).isEmpty();

        var toStdout = new CliHarness(home).workDir(home).interactive(true, "")
                .run("transcripts", "import", "--format", "uss", "import/uss-three-dialogues.txt");
        assertThat(toStdout.err()).doesNotContain("importing:").contains("wrote 3 transcripts");
    }

    @Test
    void idsFromAColumnMustBeUniqueAndColumnsCanBeNumbered() throws IOException {
        Files.writeString(fixtures.resolve("no-header.csv"), "t-1;hello there;X\nt-2;speak to a human;H\nt-1;again;X\n");
        var r = run("--no-header", "--delimiter", ";", "--id-column", "1", "--text-column", "2", "--label-column", "3",
                "--map", "H=asks_for_human", "--id-prefix", "", "import/no-header.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(jsonl(r.out())).extracting(t -> t.get("id").asText()).containsExactly("t-1", "t-2");
        assertThat(jsonl(r.out()).get(1).at("/expect/criteria/0").asText()).isEqualTo("asks_for_human");
        assertThat(r.err()).contains("import/no-header.csv:3:1: duplicate transcript id 't-1'");

        var named = run("--no-header", "--text-column", "text", "import/no-header.csv");
        assertThat(named.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(named.err()).contains("without a header, name columns by number");
    }

    @Test
    void helpTeachesWithExamples() {
        var r = run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--map", "--conversation-column", "--format", "Examples:", "--format uss");
    }
}

package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The validate command end to end: bad input, output formats, colour, file selection, secrets. */
class ValidateCommandTest {

    @TempDir
    Path home;

    private Path work() throws IOException {
        return Files.createDirectories(home.resolve("work"));
    }

    private CliHarness cli(Path workDir) {
        return new CliHarness(home).workDir(workDir);
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(ValidateCommandTest.class.getResource("/" + name)).toURI());
    }

    static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    @Test
    void theExampleConfigurationsInTheRepositoryAreValid() {
        Path repo = Path.of("").toAbsolutePath();
        var r = cli(repo).run("validate", "guidelines/quickchat-support.yaml", "guidelines/plugit-sales.yaml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).contains("2 files valid: 0 errors");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void malformedYamlIsAUsageErrorWithLineAndColumn() throws IOException {
        Files.writeString(work().resolve("broken.yaml"), "settings:\n  is_active: true\n  keywords: [speak to a human\n");
        var r = cli(work()).run("validate", "broken.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: broken.yaml:4:1: malformed YAML: expected ',' or ']', but got <stream end> (while parsing a flow sequence started at line 3)\n");
        assertThat(r.err()).contains("  fix the syntax at that position").doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEqualTo("1 of 1 file invalid: 0 errors, 0 warnings, 1 not readable\n");
    }

    @Test
    void badIndentationNamesItsLine() throws IOException {
        Files.writeString(work().resolve("indent.yaml"), "settings:\n  is_active: true\n   keywords: []\n");
        var r = cli(work()).run("validate", "indent.yaml");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: indent.yaml:3:").contains("malformed YAML");
    }

    @Test
    void anEmptyFileIsAUsageError() throws IOException {
        Files.writeString(work().resolve("empty.yaml"), "\n  \n");
        var r = cli(work()).run("validate", "empty.yaml");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: empty.yaml: the file is empty\n");
    }

    @Test
    void aFileOfOnlyCommentsHoldsNoDocument() throws IOException {
        Files.writeString(work().resolve("comments.yaml"), "# nothing here\n");
        var r = cli(work()).run("validate", "comments.yaml");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: comments.yaml: the file holds no YAML document\n");
    }

    @Test
    void aFileThatIsNotUtf8NamesTheBadByte() throws IOException {
        byte[] latin1 = "settings:\n  question_message: Caf\u00e9?\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(work().resolve("latin1.yaml"), latin1);
        var r = cli(work()).run("validate", "latin1.yaml");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: latin1.yaml:2:24: not valid UTF-8 (byte 0xE9)\n  save the file as UTF-8\n");
    }

    @Test
    void aTenMegabyteFileIsRefused() throws IOException {
        StringBuilder big = new StringBuilder("settings:\n  keywords:\n");
        while (big.length() < 10 * 1024 * 1024) {
            big.append("    - speak to a human please\n");
        }
        Files.writeString(work().resolve("huge.yaml"), big);
        var r = cli(work()).run("validate", "huge.yaml");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: huge.yaml: the file is 10.5 MB; at most 5 MB is accepted\n");
    }

    @Test
    void anEmptyFileArgumentIsAUsageErrorNotTheWholeWorkFolder() throws IOException {
        Files.copy(Path.of("guidelines/quickchat-support.yaml"), work().resolve("support.yaml"));
        var r = cli(work()).run("validate", "");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: an empty FILE argument (an unset variable?)\n");
        assertThat(r.out()).doesNotContain("support.yaml");
    }

    @Test
    void aMissingFileIsAUsageError() throws IOException {
        var r = cli(work()).run("validate", "nope.yaml");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("handoff: nope.yaml: no such file\n  check the path\n");
    }

    @Test
    void anUnreadableFileDoesNotHideTheFindingsOfTheOthers() throws Exception {
        Files.copy(resource("validate/timezone-not-iana.yaml"), work().resolve("tz.yaml"));
        Files.writeString(work().resolve("broken.yaml"), "settings: [\n");
        var r = cli(work()).run("validate", "tz.yaml", "broken.yaml");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).contains("tz.yaml:5:13: error: settings.timezone: 'Europe/Berln' is not an IANA time zone")
                .endsWith("2 of 2 files invalid: 3 errors, 0 warnings, 1 not readable\n");
        assertThat(r.err()).contains("broken.yaml:2:1: malformed YAML: expected the node content");
    }

    @Test
    void underStrictTheJsonCallsAFileWithOnlyWarningsInvalidAsTheExitCodeDoes() throws Exception {
        // outside the project, its 'real person' keyword warning is not accepted: warnings only
        Files.copy(Path.of("guidelines/quickchat-support.yaml"), work().resolve("support.yaml"));
        var lenient = cli(work()).run("validate", "-o", "json", "support.yaml");
        assertThat(lenient.exitCode()).as(lenient.toString()).isZero();
        JsonNode ok = Yaml.json().readTree(lenient.out());
        assertThat(ok.path("warnings").asInt()).isPositive();
        assertThat(ok.path("valid").asBoolean(false)).isTrue();

        var strict = cli(work()).run("validate", "--strict", "-o", "json", "support.yaml");

        assertThat(strict.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode json = Yaml.json().readTree(strict.out());
        assertThat(json.path("valid").asBoolean(true)).isFalse();
        assertThat(json.path("strict").asBoolean(false)).isTrue();
        assertThat(json.path("files").get(0).path("valid").asBoolean(true)).isFalse();
    }

    @Test
    void jsonOutputCarriesEveryFindingWithItsLocation() throws Exception {
        Files.copy(resource("validate/availability-overlap.yaml"), work().resolve("slots.yaml"));
        var r = cli(work()).run("validate", "-o", "json", "slots.yaml");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode json = Yaml.json().readTree(r.out());
        assertThat(json.path("valid").asBoolean(true)).isFalse();
        assertThat(json.path("errors").asInt()).isEqualTo(4); // availability[3] overlaps two slots
        JsonNode missing = json.path("files").get(0).path("findings").get(0);
        assertThat(missing.path("rule").asText()).isEqualTo("(document) required");
        assertThat(missing.path("message").asText()).startsWith("is missing settings, generic_guidelines");
        JsonNode first = json.path("files").get(0).path("findings").get(1);
        assertThat(first.path("rule").isNull()).as("overlaps are handoff's own check, not a contract rule").isTrue();
        assertThat(first.path("severity").asText()).isEqualTo("error");
        assertThat(first.path("file").asText()).isEqualTo("slots.yaml");
        assertThat(first.path("line").asInt()).isEqualTo(7);
        assertThat(first.path("column").asInt()).isEqualTo(5);
        assertThat(first.path("path").asText()).isEqualTo("availability[1]");
        assertThat(first.path("message").asText()).startsWith("overlaps the slot at line 4");
        assertThat(first.path("hint").asText()).isNotBlank();
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() throws Exception {
        Files.copy(resource("validate/keywords-risky.yaml"), work().resolve("k.yaml"));
        String red = "\u001B[1;31m";
        String yellow = "\u001B[1;33m";
        var terminal = cli(work()).interactive(true, "").run("validate", "k.yaml");
        assertThat(terminal.out()).contains(red + "error", yellow + "warning");
        assertThat(cli(work()).run("validate", "k.yaml").out()).doesNotContain("\u001B[");
        assertThat(cli(work()).interactive(true, "").run("--no-color", "validate", "k.yaml").out()).doesNotContain("\u001B[");
        assertThat(cli(work()).interactive(true, "").env("NO_COLOR", "1").run("validate", "k.yaml").out()).doesNotContain("\u001B[");
    }

    @Test
    void aClearTextWebhookSecretIsAnErrorAndIsNeverPrinted() throws Exception {
        Files.copy(resource("validate/plugit-webhook-secret-in-clear.yaml"), work().resolve("sales.yaml"));
        for (String[] args : new String[][]{{"validate", "sales.yaml"}, {"validate", "-o", "json", "sales.yaml"},
                {"-v", "validate", "sales.yaml"}}) {
            var r = cli(work()).interactive(true, "").run(args);
            assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(r.out()).contains("x-api-key").contains("secret written in clear");
            assertThat(r.out() + r.err()).doesNotContain("sk_live_51HcLearTextSecretValue", "HcLear", "tok_ClearBearerSecret",
                    "12345678");
        }
    }

    @Test
    void aDirectoryStandsForItsYamlFilesAndSkipsEvaluationSettingsWithANote() throws Exception {
        Path repo = copyTree(resource("validate-references"), home.resolve("repo"));
        var r = cli(repo).run("validate", "guidelines");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEqualTo("handoff: note: skipped guidelines/support.eval.yaml: evaluation settings; pass it by name to check it\n");
        assertThat(r.out()).contains("guidelines/support.yaml:12:16: warning").endsWith("1 file valid: 0 errors, 1 warning\n");
    }

    @Test
    void aQuotedGlobIsExpanded() throws Exception {
        Path repo = copyTree(resource("validate-references"), home.resolve("repo"));
        var r = cli(repo).run("validate", "guidelines/*.yaml");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("skipped guidelines/support.eval.yaml");
        assertThat(r.out()).startsWith("guidelines/support.yaml:12:16:");
        var none = cli(repo).run("validate", "guidelines/*.yml");
        assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).startsWith("handoff: guidelines/*.yml: no file matches");
    }

    @Test
    void withoutArgumentsItChecksTheTargetsOfTheProjectFile() throws Exception {
        Path repo = copyTree(resource("validate-references"), home.resolve("repo"));
        var r = cli(repo).run("validate");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("""
                guidelines/support.yaml:12:16: warning: custom_guidelines[name=Forgotten].is_active: custom guideline 'Forgotten' \
                is inactive and referenced nowhere (not in support.eval.yaml nor in any file under transcripts/)
                    delete it, activate it, or name it in a transcript's expect.criteria to keep measuring it
                1 file valid: 0 errors, 1 warning
                """);
        var lost = cli(work()).run("validate");
        assertThat(lost.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(lost.err()).contains("no FILE given and no handoff.yaml");
    }

    @Test
    void aTargetWithoutUrlIsEnoughForOfflineCommandsAndFetchSaysWhatIsMissing() throws Exception {
        Path repo = copyTree(resource("validate-references"), home.resolve("repo"));
        Path project = repo.resolve("handoff.yaml");
        Files.writeString(project, Files.readString(project).replaceAll("(?m)^\\s*url:.*\\n", ""));
        assertThat(Files.readString(project)).doesNotContain("url:");
        var r = cli(repo).run("validate");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        var fetch = new CliHarness(home).workDir(repo).run("fetch", "--stdout");
        assertThat(fetch.exitCode()).as(fetch.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(fetch.err()).contains("target 'support' has no url in handoff.yaml").contains("set targets.support.url (or pass --api-url)");
    }

    @Test
    void aTargetUrlWithCredentialsOrAQueryIsRefusedBeforeItIsCommittedOrPrinted() throws Exception {
        Path repo = copyTree(resource("validate-references"), home.resolve("repo"));
        Path project = repo.resolve("handoff.yaml");
        String original = Files.readString(project);
        for (String url : new String[]{"https://user:pwSECRET@app.quickchat.ai", "https://app.quickchat.ai/?api_key=SECRET"}) {
            Files.writeString(project, original.replace("https://app.quickchat.ai", url));
            var r = cli(repo).run("validate");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("targets.support.url carries").doesNotContain("SECRET");
        }
        Files.writeString(project, original);
        var override = new CliHarness(home).workDir(repo).env("HANDOFF_TOKEN_SUPPORT", "t")
                .run("fetch", "--stdout", "--api-url", "https://u:pwSECRET@127.0.0.1:9");
        assertThat(override.exitCode()).as(override.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(override.err()).contains("the url carries a user name, password, query string or fragment").doesNotContain("SECRET");
        // OAuth's implicit flow puts a token in the fragment: refused too, before any request could log it
        var fragment = new CliHarness(home).workDir(repo).env("HANDOFF_TOKEN_SUPPORT", "t")
                .run("-v", "fetch", "--stdout", "--api-url", "http://127.0.0.1:9/#access_token=FragSECRET");
        assertThat(fragment.exitCode()).as(fragment.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(fragment.err()).contains("the url carries a user name, password, query string or fragment").doesNotContain("SECRET");
    }

    @Test
    void aTokenWrittenIntoHandoffYamlOrAKeyIntoTheEvaluationSettingsIsRefusedWithoutPrintingIt() throws Exception {
        Path repo = copyTree(resource("validate-references"), home.resolve("repo"));
        Path project = repo.resolve("handoff.yaml");
        String original = Files.readString(project);
        Files.writeString(project, original.replace("    url: https://app.quickchat.ai", "    url: https://app.quickchat.ai\n    token: qc_live_SECRET_in_git_42"));
        var r = cli(repo).run("validate");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("targets.support.token holds a secret written in clear (value not shown)").doesNotContain("SECRET");
        // naming the file to check (the CI step) reads handoff.yaml too, for its accepted warnings: refused the same
        var named = cli(repo).run("validate", "guidelines/support.yaml");
        assertThat(named.exitCode()).as(named.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(named.err()).contains("handoff.yaml: targets.support.token holds a secret written in clear (value not shown)")
                .doesNotContain("SECRET");
        assertThat(named.out()).doesNotContain("SECRET");
        assertThat(named.err()).as("the variable read by default").contains("(default HANDOFF_TOKEN_<TARGET>)");
        Files.writeString(project, original);

        Path eval = repo.resolve("guidelines/support.eval.yaml");
        Files.writeString(eval, Files.readString(eval) + "classifier:\n  openai:\n    api_key: sk-SECRET-in-git-77\n    api_key_env: MY_KEY\n");
        var v = cli(repo).run("validate", "guidelines/support.eval.yaml");
        assertThat(v.exitCode()).as(v.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(v.out()).contains("classifier.openai.api_key: 'api_key' holds a secret written in clear").doesNotContain("SECRET")
                .doesNotContain("'api_key_env' holds")
                // said once, by the error: not also as an unknown key
                .doesNotContain("classifier.openai.api_key: unknown key");
        assertThat(v.out()).contains("classifier.openai.api_key_env: unknown key");
        Files.writeString(eval, Files.readString(eval).replace("    api_key: sk-SECRET-in-git-77\n", "    key: sk-SECRET-bare-88\n"));
        var bare = cli(repo).run("validate", "guidelines/support.eval.yaml");
        assertThat(bare.exitCode()).as(bare.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(bare.out()).contains("classifier.openai.key: 'key' holds a secret written in clear").doesNotContain("SECRET");
    }

    @Test
    void verboseShowsNoExcerptOfAMalformedFileWhereASecretMayStand() throws Exception {
        Files.writeString(work().resolve("p.yaml"), "x-handoff: {provider: plugit}\ntitle: Sales\ncategories:\n  - title: a\n"
                + "    webhook:\n      headers:\n        x-api-key: \"whk_live_SECRET_99\n");
        var r = cli(work()).run("-v", "validate", "p.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("p.yaml:8:1: malformed YAML").contains("    at dev.handoff.").doesNotContain("SECRET").doesNotContain("\\u0009");
    }

    @Test
    void verboseShowsNoExcerptOfALongLineEither() throws Exception {
        // SnakeYAML cuts a long line's excerpt to "... <text>", which passed for the "... 14 more" of a stack trace
        Files.writeString(work().resolve("p.yaml"), "x-handoff:\n  provider: plugit\ntitle: Bot\ncategories:\n  - title: human_handoff\n"
                + "    criteria: c\n    webhook:\n      url: https://x.example/h\n      headers:\n"
                + "        Authorization: Bearer sk_live_8f3Kq2Vb9RzT5mLp0Xa7Yc4N: x\n");
        var r = cli(work()).run("-v", "validate", "p.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("    at dev.handoff.").doesNotContain("sk_live").doesNotContain("8f3Kq2Vb9");
        assertThat(r.err().lines().filter(l -> l.strip().startsWith("..."))).allMatch(l -> l.strip().matches("\\.\\.\\. \\d+ more"));
    }

    @Test
    void aFolderWithoutConfigurationsIsAUsageError() throws Exception {
        Files.createDirectories(work().resolve("empty"));
        var r = cli(work()).run("validate", "empty");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: no configuration file to check in empty\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void strictTurnsWarningsIntoAFailure() throws Exception {
        Files.copy(resource("validate/handoff-inactive.yaml"), work().resolve("off.yaml"));
        var lenient = cli(work()).run("validate", "off.yaml");
        assertThat(lenient.exitCode()).isZero();
        assertThat(lenient.out()).contains("1 file valid: 0 errors, 1 warning").doesNotContain("--strict");
        var strict = cli(work()).run("validate", "--strict", "off.yaml");
        assertThat(strict.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        // the summary agrees with the exit code
        assertThat(strict.out()).contains("1 of 1 file invalid: 0 errors, 1 warning (--strict: warnings count as errors)")
                .doesNotContain("file valid");
    }

    @Test
    void evaluationSettingsNamedExplicitlyAreChecked() throws Exception {
        Path dir = copyTree(resource("validate-eval"), home.resolve("eval"));
        var r = cli(dir).run("validate", "support.eval.yaml", "orphan.eval.yaml");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out()).contains(
                "support.eval.yaml:2:16: error: gate.max_fp_rate: expected a number, found a string\n    write a fraction: 0.05 for 5%\n",
                "support.eval.yaml:5:3: warning: criteria.asks_for_humans: no criterion 'asks_for_humans' in support.yaml\n"
                        + "    did you mean 'asks_for_human'? (criteria there: keywords, asks_for_human)\n",
                "support.eval.yaml:8:16: error: criteria.asks_for_human.threshold: 1.5 is not between 0 and 1\n",
                "support.eval.yaml:11:9: warning: criteria.asks_for_human.examples[1]: repeats the phrase at line 10\n",
                "support.eval.yaml:12:9: error: criteria.asks_for_human.examples[2]: an empty phrase\n",
                "support.eval.yaml:13:23: error: criteria.asks_for_human.counter_examples: expected a list, found a string\n",
                "support.eval.yaml:14:31: warning: criteria.asks_for_human.gate.min_precison: unknown key 'min_precison'\n",
                "support.eval.yaml:16:3: warning: routing.Biling: no routing profile 'Biling' in support.yaml\n",
                "orphan.eval.yaml:1:1: warning: (document): no configuration orphan.yaml beside it")
                .endsWith("1 of 2 files invalid: 4 errors, 5 warnings\n");
    }

    @Test
    void classifierOptionsAreCheckedByTheClassifierThatReadsThem() throws Exception {
        Path dir = copyTree(resource("validate-eval"), home.resolve("eval"));
        var r = cli(dir).run("validate", "classifier-options.eval.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out()).contains(
                "classifier-options.eval.yaml:4:20: error: classifier.embedding.context_turns: must be a whole number from 0 to 10, found 'lots'\n",
                "classifier-options.eval.yaml:7:15: error: classifier.openai.base_url: is not an http(s) URL\n",
                "classifier-options.eval.yaml:8:3: warning: classifier.embeding: no classifier 'embeding' reads settings; this block is ignored\n"
                        + "    did you mean 'embedding'?")
                .endsWith("1 of 1 file invalid: 2 errors, 1 warning\n");
        // and replay refuses the same value
        var replay = cli(dir).run("replay", "--config", "classifier-options.yaml", "--classifier", "embedding", ".");
        assertThat(replay.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(replay.err()).contains("classifier-options.eval.yaml:4:20: classifier.embedding.context_turns: must be a whole number from 0 to 10, found 'lots'");
    }

    @Test
    void aMisspeltClassifierOptionIsAWarningWithTheKeyItProbablyMeant() throws Exception {
        Path dir = copyTree(resource("validate-eval"), home.resolve("eval"));
        var r = cli(dir).run("validate", "--strict", "misspelt-options.eval.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out()).contains(
                "misspelt-options.eval.yaml:4:5: warning: classifier.embedding.counter_example_share: unknown key 'counter_example_share'\n"
                        + "    did you mean 'counter_examples_share'? (unknown keys are kept as they are)\n",
                "misspelt-options.eval.yaml:7:9: warning: classifier.embedding.criteria.asks_for_human.knn_wieght: unknown key 'knn_wieght'\n"
                        + "    did you mean 'knn_weight'?",
                "misspelt-options.eval.yaml:9:5: warning: classifier.openai.modle: unknown key 'modle'\n"
                        + "    did you mean 'model'?")
                .endsWith("1 of 1 file invalid: 0 errors, 3 warnings (--strict: warnings count as errors)\n");
    }

    @Test
    void anEmptyGateLimitIsAWarningNotASilentlyMissingLimit() throws Exception {
        Path dir = home.resolve("gate");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("x.eval.yaml"), "gate:\n  max_fp_rate:\n  min_recall: 0.8\n");
        var r = cli(dir).run("validate", "x.eval.yaml");
        assertThat(r.out()).contains("x.eval.yaml:2:15: warning: gate.max_fp_rate: is empty, so this limit is off");
        // 2^64+5 read as a long is 5, within every bound
        Files.writeString(dir.resolve("x.eval.yaml"), "classifier:\n  embedding:\n    cache_entries: 18446744073709551621\n");
        assertThat(cli(dir).run("validate", "x.eval.yaml").out())
                .contains("cache_entries: must be a whole number from 0 to 2000000, found '18446744073709551621'");
        Files.writeString(dir.resolve("x.eval.yaml"), "classifier:\n  embedding:\n    training:\n      transcripts: [.]\n"
                + "      folds: 18446744073709551621\n");
        assertThat(cli(dir).run("validate", "x.eval.yaml").out()).contains("folds: ").contains("18446744073709551621").contains("error");
    }

    @Test
    void aNamedProbeFileIsReadByValidateAsReplayReadsIt() throws Exception {
        Path dir = home.resolve("probes");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("missing.eval.yaml"), "classifier:\n  embedding:\n    reference_probes: nope.txt\n");
        Files.writeString(dir.resolve("broken.eval.yaml"), "classifier:\n  embedding:\n    reference_probes: probes.txt\n");
        Files.writeString(dir.resolve("probes.txt"), "# a probe file\ncriterion asks_for_human\nblend 0.5\n");
        var r = cli(dir).run("validate", "missing.eval.yaml", "broken.eval.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out()).contains("missing.eval.yaml:3:23: error: classifier.embedding.reference_probes: ")
                .contains("nope.txt: no such file")
                .contains("probes.txt: the probe of line 2 (criterion 'asks_for_human'): no 'description-sha1' line");
    }

    @Test
    void theEmbeddedClassifiersTrainingDataIsCheckedWithLineAndColumn() throws Exception {
        Path dir = copyTree(resource("validate-eval-training"), home.resolve("training"));
        var r = cli(dir).run("validate", "support.eval.yaml", "empty.eval.yaml");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out()).contains(
                "support.eval.yaml:4:34: error: classifier.embedding.training.transcripts[1]: no file or folder 'archive/2025' "
                        + "(paths are relative to this file's folder)\n",
                "support.eval.yaml:5:18: error: classifier.embedding.training.verdicts[0]: no file 'support.verdicts.jsonl' "
                        + "(paths are relative to this file's folder)\n    record it with 'handoff replay --classifier ollama --record', or fix the name\n",
                "support.eval.yaml:6:14: error: classifier.embedding.training.folds: 1 is not from 2 to 20\n",
                "support.eval.yaml:7:14: error: classifier.embedding.training.blend: 2.0 is not between 0 and 1\n",
                "support.eval.yaml:8:7: warning: classifier.embedding.training.fold: unknown key 'fold'",
                "empty.eval.yaml:4:7: error: classifier.embedding.training.transcripts: is missing; a list is required\n",
                "empty.eval.yaml:4:17: error: classifier.embedding.training.verdicts: expected a list, found a string")
                .doesNotContain("transcripts[0]");
    }

    @Test
    void theProjectFileOrATranscriptIsNamedForWhatItIs() throws Exception {
        Path repo = copyTree(resource("validate-references"), home.resolve("repo"));
        var project = cli(repo).run("validate", "handoff.yaml");
        assertThat(project.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(project.out()).startsWith("handoff.yaml:1:1: error: (document): this is a project file (it maps 'targets'), "
                + "not a handoff configuration\n    run 'handoff validate' without arguments");
        var transcript = cli(repo).run("validate", "transcripts/refund.yaml");
        assertThat(transcript.out()).startsWith("transcripts/refund.yaml:1:1: error: (document): this is a transcript");

        // two JSON lines read as YAML failed with "expected '<document start>'" on line 2
        String line = "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}]}\n";
        Files.writeString(repo.resolve("transcripts/export.jsonl"), line + line.replace("\"a\"", "\"b\""));
        Files.writeString(repo.resolve("transcripts/export.NDJSON"), line);
        var jsonl = cli(repo).run("validate", "transcripts/export.jsonl", "transcripts/export.NDJSON");
        assertThat(jsonl.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(jsonl.err()).isEmpty();
        assertThat(jsonl.out()).contains("transcripts/export.jsonl:1:1: error: (document): this is a transcript file "
                        + "(JSON lines, one transcript a line), not a handoff configuration\n    transcripts are checked by 'handoff replay'\n")
                .contains("transcripts/export.NDJSON:1:1: error: (document): this is a transcript file");
    }

    @Test
    void helpTeachesWithExamples() {
        var r = new CliHarness(home).run("validate", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Examples:", "handoff validate guidelines/", "--strict", "Exit codes:");
    }
}

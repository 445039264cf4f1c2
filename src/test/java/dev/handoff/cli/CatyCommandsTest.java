package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caty provider from the command line: its file validates, two versions diff offline, fetch
 * and push say there is no API, and replay scores its triggers, failed attempts included.
 */
class CatyCommandsTest {

    private static final Path REPO = Path.of("").toAbsolutePath();

    @TempDir
    Path home;

    private CliHarness cli(Path workDir) {
        return new CliHarness(home).workDir(workDir);
    }

    @Test
    void theRepositoryExampleAndItsSettingsAreValidEvenStrictly() {
        var r = cli(REPO).run("validate", "--strict", "guidelines/caty-support.yaml", "guidelines/caty-support.eval.yaml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("2 files valid: 0 errors, 0 warnings\n");
    }

    @Test
    void twoLocalVersionsDiffOfflineWithFieldPaths() throws IOException {
        Path work = Files.createDirectories(home.resolve("work"));
        String example = Files.readString(REPO.resolve("guidelines/caty-support.yaml"));
        Files.writeString(work.resolve("old.yaml"), example);
        Files.writeString(work.resolve("new.yaml"), example.replace("after: 2", "after: 3")
                .replace("saturday: {start: \"10:00\", end: \"14:00\"}", "saturday: {start: \"10:00\", end: \"13:00\"}"));

        var changed = cli(work).run("diff", "old.yaml", "new.yaml");
        assertThat(changed.exitCode()).as(changed.toString()).isEqualTo(1);
        assertThat(changed.out()).contains("triggers.failed_attempts.after").contains("availability.hours.saturday.end")
                .contains("2 changes");
        assertThat(changed.err()).as("no target, no token, no network").isEmpty();

        var json = cli(work).run("diff", "-o", "json", "old.yaml", "new.yaml");
        JsonNode patch = Yaml.json().readTree(json.out()).path("patch");
        assertThat(patch.toString()).contains("/triggers/failed_attempts/after").contains("/availability/hours/saturday/end");

        var same = cli(work).run("diff", "old.yaml", "old.yaml");
        assertThat(same.exitCode()).as(same.toString()).isZero();
    }

    @Test
    void theShortAndLongFormsOfATriggerAreNoChange() throws IOException {
        Path work = Files.createDirectories(home.resolve("work"));
        Files.writeString(work.resolve("short.yaml"), "triggers:\n  user_request: true\n  failed_attempts: 2\n");
        Files.writeString(work.resolve("long.yaml"), "triggers:\n  user_request: {enabled: true}\n"
                + "  failed_attempts: {after: 2, count: [repeated_request, fallback_reply]}\n");
        Files.writeString(work.resolve("after.yaml"), "triggers:\n  user_request: {enabled: true}\n  failed_attempts: {after: 2}\n");
        for (String other : new String[]{"long.yaml", "after.yaml"}) {
            var same = cli(work).run("diff", "short.yaml", other);
            assertThat(same.exitCode()).as(same.toString()).isZero();
            assertThat(same.out()).isEqualTo("no changes\n");
        }

        Files.writeString(work.resolve("changed.yaml"), "triggers:\n  user_request: false\n  failed_attempts: {after: 3}\n");
        var changed = cli(work).run("diff", "short.yaml", "changed.yaml");
        assertThat(changed.exitCode()).as(changed.toString()).isEqualTo(1);
        assertThat(changed.out()).contains("~ triggers.user_request.enabled: true -> false")
                .contains("~ triggers.failed_attempts.after: 2 -> 3").contains("2 changes");
    }

    @Test
    void diffRefusesOneFileOrTwoProviders() throws IOException {
        Path work = Files.createDirectories(home.resolve("work"));
        Files.copy(REPO.resolve("guidelines/caty-support.yaml"), work.resolve("caty.yaml"));
        Files.copy(REPO.resolve("guidelines/plugit-sales.yaml"), work.resolve("plugit.yaml"));
        var one = cli(work).run("diff", "caty.yaml");
        assertThat(one.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(one.err()).contains("diff takes two files");
        var mixed = cli(work).run("diff", "caty.yaml", "plugit.yaml");
        assertThat(mixed.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(mixed.err()).contains("is a caty configuration and plugit.yaml a plugit one");
    }

    @Test
    void fetchAndPushSayCatyHasNoApi() throws IOException {
        Path work = Files.createDirectories(home.resolve("work"));
        Files.createDirectories(work.resolve("guidelines"));
        Files.copy(REPO.resolve("guidelines/caty-support.yaml"), work.resolve("guidelines/caty-support.yaml"));
        Files.writeString(work.resolve("handoff.yaml"), "targets:\n  web:\n    provider: caty\n    file: guidelines/caty-support.yaml\n");
        for (String command : new String[]{"fetch", "push", "diff"}) {
            var r = cli(work).run(command, "--target", "web");
            assertThat(r.exitCode()).as(command + ": " + r).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(command).contains("target 'web' is a caty configuration, and Caty documents no API")
                    .contains("paste it into Settings -> Human Handoff").doesNotContain("Exception");
        }
        assertThat(Files.readString(work.resolve("guidelines/caty-support.yaml")))
                .isEqualTo(Files.readString(REPO.resolve("guidelines/caty-support.yaml")));
        var validate = cli(work).run("validate");
        assertThat(validate.exitCode()).as("the project's caty target is validated like the others: " + validate).isZero();
    }

    @Test
    void replayScoresFailedAttemptsOnTheRepositoryTranscripts() {
        // With the keywords classifier only the deterministic rules decide. Hand count against
        // caty-support.yaml (after: 2): handoff-at-second-fallback fires at turn 3 (TP),
        // user-rephrases-twice at turn 3 (TP, late: expected from turn 2), the two negatives
        // never fire (TN); keywords fire nowhere in this folder (4 TN).
        var r = cli(REPO).run("replay", "--classifier", "keywords", "--config", "guidelines/caty-support.yaml",
                "-o", "json", "transcripts/failed-attempts");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode report = readJson(r.out());
        JsonNode failed = criterion(report, "failed_attempts");
        assertThat(failed.path("tp").asInt()).isEqualTo(2);
        assertThat(failed.path("fp").asInt()).isZero();
        assertThat(failed.path("fn").asInt()).isZero();
        assertThat(failed.path("tn").asInt()).isEqualTo(2);
        assertThat(criterion(report, "keywords").path("tn").asInt()).isEqualTo(4);
        assertThat(r.out()).contains("\"late\" : 1");
    }

    @Test
    void replaySaysWhichTriggersOfTheFileItCouldNotRead() throws IOException {
        // keywords written as one phrase instead of a list: validate calls it an error; replay,
        // which reads leniently, must not pass as if the file had no keyword trigger at all
        Path work = Files.createDirectories(home.resolve("work"));
        Files.writeString(work.resolve("caty.yaml"), "triggers:\n  user_request: true\n  keywords: live agent\n"
                + "  failed_attempts: 99999999999999999999999\n");
        var r = cli(REPO).run("replay", "--classifier", "keywords", "--config", work.resolve("caty.yaml").toString(),
                "transcripts/failed-attempts");
        assertThat(r.out()).as(r.toString())
                .contains("triggers.keywords is not a list of phrases: no keyword was read (handoff validate says what to write)")
                .contains("triggers.failed_attempts is not a count from 1 to 2147483647: the rule was left out");
        var validate = cli(work).run("validate", "caty.yaml");
        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(1);
    }

    private static JsonNode readJson(String text) {
        try {
            return Yaml.json().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode criterion(JsonNode report, String name) {
        for (JsonNode c : report.path("criteria")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no criterion " + name + " in " + report.path("criteria"));
    }
}

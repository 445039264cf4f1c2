package dev.handoff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * validate without arguments is the CI step: it must catch offline what diff -t and push refuse, and
 * a handoff.yaml target whose fields are misspelt or whose url is not http(s).
 */
class ValidateProjectTargetsTest {

    @TempDir
    Path home;

    private Path project(String handoffYaml) throws IOException {
        Path work = Files.createDirectories(home.resolve("work"));
        Path repo = Path.of("").toAbsolutePath();
        Files.copy(repo.resolve("guidelines/plugit-sales.yaml"), work.resolve("p.yaml"));
        Files.copy(repo.resolve("guidelines/quickchat-support.yaml"), work.resolve("q.yaml"));
        Files.writeString(work.resolve("handoff.yaml"), handoffYaml);
        return work;
    }

    private CliHarness.Result validate(Path work, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "validate";
        System.arraycopy(args, 0, all, 1, args.length);
        return new CliHarness(home).workDir(work).run(all);
    }

    @Test
    void aTargetWhoseFileIsOfAnotherProviderIsAnErrorOnThatFile() throws IOException {
        Path work = project("targets:\n"
                + "  d: {provider: quickchat, url: https://app.quickchat.ai, file: p.yaml}\n"
                + "  q: {provider: quickchat, url: https://app.quickchat.ai, file: q.yaml}\n");
        var r = validate(work);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out()).as(r.toString())
                .contains("p.yaml:2:13: error: x-handoff.provider: a plugit configuration, but target 'd' in handoff.yaml is quickchat")
                .contains("point the target at a quickchat file, or fix the target's provider in handoff.yaml")
                .doesNotContain("target 'q'");
        // the file named on the command line is checked against the project the same way
        var named = validate(work, "p.yaml");
        assertThat(named.exitCode()).as(named.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(named.out()).contains("but target 'd' in handoff.yaml is quickchat");
    }

    @Test
    void aMisspeltTargetFieldIsAnErrorWithItsPositionAndDidYouMean() throws IOException {
        Path work = project("targets:\n  d: {provider: plugit, url: https://api.plugit.chat, file: p.yaml, tokn_env: X}\n");
        var r = validate(work);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).as(r.toString())
                .contains("handoff.yaml:2:69: targets.d.tokn_env is not a field of a target; did you mean 'token_env'?")
                .contains("a target has provider, url, file, and optionally token_env and agent_id");
        // and on every command that reads the project file, which would otherwise use the default variable
        var diff = new CliHarness(home).workDir(work).env("X", "t").run("diff", "-t", "d");
        assertThat(diff.exitCode()).as(diff.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(diff.err()).contains("targets.d.tokn_env is not a field of a target; did you mean 'token_env'?");
    }

    @Test
    void aMisspeltTokenEnvHoldingAVariableNameIsNoSecretButATokenStillIs() throws IOException {
        Path work = project("targets:\n  d: {provider: plugit, url: https://api.plugit.chat, file: p.yaml, tokenenv: MY_TOKEN}\n");
        var r = validate(work);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).as(r.toString())
                .contains("handoff.yaml:2:69: targets.d.tokenenv is not a field of a target; did you mean 'token_env'?")
                .doesNotContain("secret written in clear", "rotate");
        // validate FILE reads the project file for its accepted warnings: the same message
        var named = validate(work, "p.yaml");
        assertThat(named.err()).as(named.toString()).contains("targets.d.tokenenv is not a field of a target")
                .doesNotContain("secret written in clear");

        Path secret = project2("targets:\n  d: {provider: plugit, url: https://api.plugit.chat, file: p.yaml, tokenenv: abc123SECRET}\n");
        var s = validate(secret);
        assertThat(s.exitCode()).as(s.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(s.err()).contains("targets.d.tokenenv holds a secret written in clear").doesNotContain("abc123SECRET");
    }

    private Path project2(String handoffYaml) throws IOException {
        Path work = Files.createDirectories(home.resolve("work2"));
        Files.copy(Path.of("").toAbsolutePath().resolve("guidelines/plugit-sales.yaml"), work.resolve("p.yaml"));
        Files.writeString(work.resolve("handoff.yaml"), handoffYaml);
        return work;
    }

    @Test
    void aTargetUrlThatIsNotHttpIsRefusedNamingTheField() throws IOException {
        Path work = project("targets:\n  d: {provider: plugit, url: \"ftp://files.example.com/x\", file: p.yaml}\n");
        var r = validate(work);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).as(r.toString())
                .contains("handoff.yaml:2:30: targets.d.url is not an http(s) address (it starts with 'ftp:')")
                .contains("https://api.plugit.chat").doesNotContain("files.example.com");

        Path bare = project2("targets:\n  d: {provider: plugit, url: api.plugit.chat, file: p.yaml}\n");
        var b = validate(bare);
        assertThat(b.err()).as(b.toString()).contains("targets.d.url is not an http(s) address (it has no scheme)");
    }

    @Test
    void aTokenPastedIntoATargetIsNeverPrintedWhereverItLands() throws IOException {
        String token = "qc_live_8f7a6b5c4d3e2f1a9b";
        // a bare entry of a flow mapping: the token became a key
        Path work = project("targets:\n  d: {provider: quickchat, url: https://app.quickchat.ai, file: q.yaml, " + token + "}\n");
        var asKey = validate(work);
        assertThat(asKey.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(asKey.err()).contains("targets.d has an entry that is not a field of a target (not shown").contains("rotate it")
                .doesNotContain(token);
        var fetch = new CliHarness(home).workDir(work).env("HANDOFF_TOKEN_D", "other-token-value").run("fetch", "--stdout");
        assertThat(fetch.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(fetch.err()).doesNotContain(token);

        // under a misspelt key
        Files.writeString(work.resolve("handoff.yaml"), "targets:\n  d: {provider: quickchat, url: https://app.quickchat.ai, file: q.yaml, tokn: " + token + "}\n");
        var misspelt = validate(work);
        assertThat(misspelt.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(misspelt.err()).contains("targets.d.tokn holds what looks like a token written in clear (value not shown)")
                .contains("rotate it").doesNotContain(token);

        // as the name of the variable
        Files.writeString(work.resolve("handoff.yaml"), "targets:\n  d: {provider: quickchat, url: https://app.quickchat.ai, file: q.yaml, token_env: \"Bearer " + token + "\"}\n");
        var asName = validate(work);
        assertThat(asName.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(asName.err()).contains("targets.d.token_env is not a variable's name (value not shown").doesNotContain(token);
        Files.writeString(work.resolve("handoff.yaml"), "targets:\n  d: {provider: quickchat, url: https://app.quickchat.ai, file: q.yaml, token_env: \"\"}\n");
        assertThat(validate(work).err()).contains("targets.d.token_env must name an environment variable");
    }
}

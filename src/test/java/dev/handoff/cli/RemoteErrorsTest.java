package dev.handoff.cli;

import dev.handoff.remote.FakeVendorServer;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** How HTTP failures reach the user: one or two lines naming the URL, and the documented exit codes (docs/exit-codes.md). */
class RemoteErrorsTest extends RemoteCliFixture {

    private static final String QC_URL_PATH = FakeVendorServer.QUICKCHAT_PATH;

    private String qcUrl() {
        return server.url() + QC_URL_PATH;
    }

    @Test
    void aTimeoutOverAnHourIsShownAsWrittenWithWhatToDo() {
        var r = run("fetch", "--stdout", "--connect-timeout", "1h30m");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("handoff: --connect-timeout 1h30m: must be more than 0 and at most 1h\n"
                + "  e.g. --connect-timeout 10s; a wait longer than an hour is no timeout\n");
        var zero = run("fetch", "--stdout", "--read-timeout", "0");
        assertThat(zero.err()).startsWith("handoff: --read-timeout 0s: must be more than 0");
        assertThat(server.requests("GET")).isEmpty();
    }

    @Test
    void aRefusedTokenExitsFourNamingTargetAndVariable() {
        var r = run(cli().env("QC_TOKEN", "qc_wrong"), "fetch");
        assertThat(r.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(r.err()).contains("GET " + qcUrl() + ": HTTP 401").contains("'support'").contains("QC_TOKEN");
        assertThat(r.err().lines().count()).isLessThanOrEqualTo(2);
    }

    @Test
    void forbiddenExitsFour() {
        server.enqueue(FakeVendorServer.text(403, "application/json", "{\"detail\":\"not your workspace\"}"));
        var r = run("diff");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE); // no local file yet: checked before any request
        write(file("support.yaml"), "x-handoff: {provider: quickchat}\nsettings: {is_active: true}\n");
        var forbidden = run("diff");
        assertThat(forbidden.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(forbidden.err()).contains("HTTP 403").contains("not your workspace");
    }

    @Test
    void aWrongAgentIdIs404WithAHintExitThree() throws Exception {
        Files.writeString(project.resolve("handoff.yaml"), read(project.resolve("handoff.yaml")).replace("agent_id: agt_123", "agent_id: agt_typo"));
        var r = run("fetch", "--target", "sales");
        assertThat(r.exitCode()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err()).contains("GET " + server.url() + "/v2/agents/agt_typo: HTTP 404").contains("agent_id");
    }

    @Test
    void aWrongBaseUrlIs404Or3WithTheUrl() {
        var r = run("fetch", "--api-url", server.url() + "/wrong");
        assertThat(r.exitCode()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err()).contains(server.url() + "/wrong" + QC_URL_PATH).contains("HTTP 404").contains("--api-url");
    }

    @Test
    void serverErrorsExitThree() {
        server.enqueue(FakeVendorServer.text(500, "application/json", "{\"detail\":\"boom\"}"));
        var r = run("fetch");
        assertThat(r.exitCode()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err()).contains("GET " + qcUrl() + ": HTTP 500").contains("boom");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void rateLimitingIsWaitedOutAsTheServerAsks() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
        var r = run("fetch");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("HTTP 429; retrying in 0 s (attempt 2 of 4)");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() {
        server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("{}").build());
        var r = run("fetch", "--read-timeout", "300ms");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains(": timed out; retrying in").doesNotContain("Exception");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aDroppedConnectionIsRetried() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        var r = run("fetch");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void malformedJsonExitsThreeNamingTheUrl() {
        server.enqueue(FakeVendorServer.text(200, "application/json", "{\"settings\": {"));
        var r = run("fetch");
        assertThat(r.exitCode()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err()).contains(qcUrl()).contains("not valid JSON");
        assertThat(file("support.yaml")).doesNotExist();
    }

    @Test
    void anHtmlPageOrAJsonThatIsNotTheDocumentExitsThree() {
        server.enqueue(FakeVendorServer.text(200, "text/html; charset=utf-8", "<html><body>Sign in</body></html>"));
        var html = run("fetch");
        assertThat(html.exitCode()).isEqualTo(ExitCode.REMOTE);
        assertThat(html.err()).contains(qcUrl()).contains("HTML page");

        server.enqueue(FakeVendorServer.text(200, "application/json", "{\"status\":\"ok\"}"));
        var notDoc = run("fetch");
        assertThat(notDoc.exitCode()).isEqualTo(ExitCode.REMOTE);
        assertThat(notDoc.err()).contains(qcUrl()).contains("no 'settings' object");

        server.enqueue(FakeVendorServer.text(200, "application/json", "[1, 2]"));
        var agent = run("fetch", "--target", "sales");
        assertThat(agent.exitCode()).isEqualTo(ExitCode.REMOTE);
        assertThat(agent.err()).contains("/v2/agents/agt_123").contains("not an agent");
        assertThat(file("support.yaml")).doesNotExist();
    }

    @Test
    void tokensComeFromAPrivateCredentialsFileAndAnOpenOneIsRefused() throws Exception {
        var credentials = home.resolve(".config/handoff/credentials.yaml");
        Files.createDirectories(credentials.getParent());
        Files.writeString(credentials, "tokens:\n  support: " + QC_TOKEN + "\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-r--r--"));
        var open = run(new CliHarness(home).workDir(project), "fetch");
        assertThat(open.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(open.err()).contains("credentials.yaml is accessible by other users (mode 0644)").contains("chmod 600");

        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        var ok = run(new CliHarness(home).workDir(project), "fetch");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        Files.delete(credentials); // the one place a token may live; the scan after each test covers everything else
    }

    @Test
    void noProjectFileIsAUsageError() throws Exception {
        Files.delete(project.resolve("handoff.yaml"));
        var r = run("fetch");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no handoff.yaml").contains("--project");
    }
}

package dev.handoff.remote;

import dev.handoff.config.Provider;
import dev.handoff.config.Target;
import dev.handoff.error.HandoffException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CredentialsTest {

    @TempDir
    Path config;

    private final Target support = new Target("support", Provider.QUICKCHAT, "https://app.quickchat.ai",
            Path.of("guidelines/support.yaml"), "HANDOFF_QUICKCHAT_TOKEN", null);

    private void tokensFile(String mode) throws Exception {
        Path file = config.resolve(Credentials.FILE_NAME);
        Files.writeString(file, "tokens:\n  support: qc_from_file_123\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    @Test
    void theTargetsVariableComesFirst() throws Exception {
        tokensFile("rw-------");
        Token t = Credentials.resolve(support, null, Map.of("HANDOFF_QUICKCHAT_TOKEN", "qc_env_1"), config);
        assertThat(t.value()).isEqualTo("qc_env_1");
        assertThat(t.source()).isEqualTo("HANDOFF_QUICKCHAT_TOKEN");
        assertThat(t.toString()).doesNotContain("qc_env_1");
    }

    @Test
    void aPrivateCredentialsFileIsTheFallback() throws Exception {
        tokensFile("rw-------");
        Token t = Credentials.resolve(support, null, Map.of(), config);
        assertThat(t.value()).isEqualTo("qc_from_file_123");
        assertThat(t.source()).contains("tokens.support").contains(Credentials.FILE_NAME);
    }

    @Test
    void aCredentialsFileOthersCanReadIsRefused() throws Exception {
        tokensFile("rw-r--r--");
        var e = catchThrowableOfType(HandoffException.class, () -> Credentials.resolve(support, null, Map.of(), config));
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.AUTH);
        assertThat(e.getMessage()).contains("0644").contains(Credentials.FILE_NAME).doesNotContain("qc_from_file_123");
        assertThat(e.hint()).contains("chmod 600");
    }

    @Test
    void aMissingTokenNamesTheVariableAndTheFile() {
        var e = catchThrowableOfType(HandoffException.class, () -> Credentials.resolve(support, null, Map.of(), config));
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.AUTH);
        assertThat(e.getMessage()).contains("HANDOFF_QUICKCHAT_TOKEN").contains("'support'");
        assertThat(e.hint()).contains("HANDOFF_QUICKCHAT_TOKEN").contains(config.resolve(Credentials.FILE_NAME).toString());
    }

    @Test
    void aTokenThatCannotGoInAHeaderIsAUsageErrorThatNeverShowsIt() {
        for (String bad : new String[]{"qc_s\u00f6cret_9f2", "qc_sec\u0001ret_9f2", "qc_sec\nret_9f2"}) {
            var e = catchThrowableOfType(HandoffException.class,
                    () -> Credentials.resolve(support, null, Map.of("HANDOFF_QUICKCHAT_TOKEN", bad), config));
            assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE);
            assertThat(e.getMessage()).startsWith("the API token from HANDOFF_QUICKCHAT_TOKEN holds a ")
                    .contains("which cannot be sent in an HTTP header").doesNotContain("cret").doesNotContain("qc_s");
        }
    }

    @Test
    void tokenEnvOverrideReadsOnlyThatVariable() throws Exception {
        tokensFile("rw-------");
        assertThat(Credentials.resolve(support, "CI_TOKEN", Map.of("CI_TOKEN", "qc_ci"), config).value()).isEqualTo("qc_ci");
        var e = catchThrowableOfType(HandoffException.class, () -> Credentials.resolve(support, "CI_TOKEN", Map.of(), config));
        assertThat(e.getMessage()).contains("CI_TOKEN");
    }

    @Test
    void aMalformedFileIsReportedByPositionWithoutItsTextOrACause() throws Exception {
        Path file = config.resolve(Credentials.FILE_NAME);
        Files.writeString(file, "tokens:\n  support: \"qc_CREDS_SECRET_555\n  sales: x\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        var e = catchThrowableOfType(HandoffException.class, () -> Credentials.resolve(support, null, Map.of(), config));

        assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE);
        assertThat(e.getMessage()).startsWith(file + ":").contains("not valid YAML").doesNotContain("CREDS_SECRET");
        assertThat(e.getCause()).isNull();
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("CREDS_SECRET").doesNotContain("sales: x");
    }

    @Test
    void anAliasIsRefusedInsteadOfSendingItsNameAsTheToken() throws Exception {
        Path file = config.resolve(Credentials.FILE_NAME);
        Files.writeString(file, "a: &x qc_REAL_TOKEN_77\ntokens:\n  support: *x\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        var e = catchThrowableOfType(HandoffException.class, () -> Credentials.resolve(support, null, Map.of(), config));

        assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE);
        assertThat(e.getMessage()).startsWith(file + ":3:").doesNotContain("qc_REAL_TOKEN_77");
    }
}

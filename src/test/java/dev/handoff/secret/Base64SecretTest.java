package dev.handoff.secret;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secret echoed inside base64 ({@code Basic base64(user:token)}, a base64url claim) is masked
 * wherever it falls in the 3-byte groups, and nothing left visible depends on it.
 */
class Base64SecretTest {

    private static final String TOKEN = "qc_tok_SECRET9876";

    @Test
    void basicAuthEchoedInAnErrorIsMasked() {
        String b64 = Base64.getEncoder().encodeToString(("user:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        String out = Redactor.of(TOKEN).redact("{\"error\":\"bad auth Basic " + b64 + "\"}");
        assertThat(out).contains("<redacted>").doesNotContain(b64.substring(8, 20));
    }

    @Test
    void theTokenAloneInBase64UrlWithoutPaddingIsMasked() {
        String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
        assertThat(Redactor.of(TOKEN).redact("token " + b64 + " revoked")).isEqualTo("token <redacted> revoked");
    }

    /**
     * For every offset of the token in its 3-byte groups, every length of what follows, both
     * alphabets, with and without padding: the output is the same for another token of the same
     * length, so no character carrying a bit of the token is left.
     */
    @ParameterizedTest
    @ValueSource(strings = {TOKEN, "plg_live_TOKEN_41aa07", "whk+/?>~~~~~~é", "Bearer eyJhbGciOi.JIUzI1NiJ9"})
    void nothingVisibleDependsOnTheToken(String token) {
        String other = differentEverywhere(token);
        for (int before = 0; before < 6; before++) {
            for (int after = 0; after < 6; after++) {
                String prefix = "u".repeat(before) + ":";
                String suffix = "\n".repeat(after);
                for (Base64.Encoder encoder : new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder().withoutPadding()}) {
                    String a = Redactor.of(token).redact("[" + encoder.encodeToString(bytes(prefix + token + suffix)) + "]");
                    String b = Redactor.of(other).redact("[" + encoder.encodeToString(bytes(prefix + other + suffix)) + "]");
                    assertThat(a).as("%d bytes before, %d after", before, after).contains("<redacted>").isEqualTo(b);
                }
            }
        }
    }

    @Test
    void otherBase64AndShortSecretsAreLeftAlone() {
        String text = "Basic " + Base64.getEncoder().encodeToString(bytes("user:another_tok_SECRET"));
        assertThat(Redactor.of(TOKEN).redact(text)).isEqualTo(text);
        // under 12 bytes the fixed part of the encoding is too short to be told apart from other base64
        String shortOne = Base64.getEncoder().encodeToString(bytes("x:short_tok"));
        assertThat(Redactor.of("short_tok").redact(shortOne)).isEqualTo(shortOne);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Same length in UTF-8, every character different (one bit of each ASCII character flipped). */
    private static String differentEverywhere(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> b.appendCodePoint(cp < 0x80 ? (cp ^ 0x01) == 0 ? 0x02 : cp ^ 0x01 : cp + 1));
        return b.toString();
    }
}

package dev.handoff.secret;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Secrets past one pattern's length (a long webhook header, a JWT) are matched chunk by chunk, in
 * every form a short secret is: an outside tester saw a 308-character header leak in five of them.
 */
class LongSecretTest {

    /** 308 characters with '+', '/', '=', a space and a non-ASCII letter, like the tester's header. */
    private static final String LONG = "Bearer " + base64(299) + "=é";

    static Stream<UnaryOperator<String>> encodings() {
        return Stream.of(
                s -> s,
                s -> pct(s).replace("%2F", "/"), // Python's quote(), which leaves '/' alone
                s -> json(s).replace("é", "\\u00e9"), // Python's json.dumps: non-ASCII as \\u escapes
                s -> json(s).replace("é", "\\u00e9").replace("+", "\\u002b"), // an encoder escaping '+' too
                s -> s.replace("/", "&#x2F;").replace("+", "&#43;").replace("=", "&#61;"), // OWASP-style HTML escaping
                s -> pct(s).replace("%2F", "%2f"), // hex case mixed within one value
                s -> URLEncoder.encode(s, StandardCharsets.UTF_8), // form encoding
                s -> json(s).replace("/", "\\/")); // PHP
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void aLongSecretIsMaskedAsOneInEveryForm(UnaryOperator<String> encoding) {
        String echoed = encoding.apply(LONG);
        String out = Redactor.of(LONG).redact("webhook test failed: auth=" + echoed + " (422)");
        assertThat(out).isEqualTo("webhook test failed: auth=<redacted> (422)");
    }

    @Test
    void aLongSecretCutShortStillHasItsWholeChunksMasked() {
        // a server that truncates what it echoes: each whole chunk (a third here) is still masked
        String out = Redactor.of(LONG).redact("auth=" + LONG.substring(0, 220) + "...");
        assertThat(out).startsWith("auth=<redacted>").doesNotContain(LONG.substring(0, 40)).doesNotContain(LONG.substring(110, 200));
    }

    @Test
    void aLongSecretJustPastTheChunkSizeHasNoOneCharacterChunk() {
        // 257 characters cut as 128 + 128 + 1 would mask every "x" of the output
        String secret = "a".repeat(128) + "b".repeat(128) + "x";
        Redactor r = Redactor.of(secret);
        assertThat(r.redact("x " + secret + " x")).isEqualTo("x <redacted> x");
    }

    /** 2 KB of characters each escaped in JSON: the one-pattern matcher would recurse past the stack. */
    @Test
    void aJwtSizedSecretFullOfEscapedCharactersWorksAndIsFast() {
        String jwt = base64(900) + "." + "\"/<>&é\\".repeat(150) + ".sig";
        String escaped = json(jwt).replace("é", "\\u00e9").replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        String line = "{\"error\":\"invalid token " + escaped + "\"} ";
        String text = line.repeat(50) + "no secret here ".repeat(2000);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Redactor r = Redactor.of(jwt);
            String out = r.redact(text);
            assertThat(out).startsWith("{\"error\":\"invalid token <redacted>\"} ").doesNotContain(escaped.substring(100, 140));
        });
        assertThatCode(() -> Redactor.of(jwt).redact(jwt)).doesNotThrowAnyException();
    }

    @Test
    void textWithoutTheSecretIsLeftAlone() {
        String text = LONG.substring(0, 80) + " and " + LONG.substring(230);
        assertThat(Redactor.of(LONG).redact(text)).isEqualTo(text);
        assertThat(LONG).hasSize(308);
    }

    private static String base64(int length) {
        byte[] bytes = new byte[length];
        new Random(7).nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).substring(0, length);
    }

    private static String pct(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}

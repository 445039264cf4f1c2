package dev.handoff.secret;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A secret is masked in every form a server commonly echoes it in, not just as the client sent it. */
class RedactorTest {

    private static final String HEADER = "Basic dXNlcjpw/YXNz+Zm9v==";
    private static final String TOKEN = "qc/ab+cd&ef<gh>\"ij==";
    private static final String ACCENTED = "clé secrète/été 2024";

    @ParameterizedTest
    @ValueSource(strings = {
            HEADER,
            "Basic+dXNlcjpw%2FYXNz%2BZm9v%3D%3D", // form encoding (Java's URLEncoder, Python's quote_plus)
            "Basic%20dXNlcjpw%2FYXNz%2BZm9v%3D%3D", // RFC 3986
            "Basic%20dXNlcjpw%2fYXNz%2bZm9v%3d%3d", // RFC 3986, lower-case hex
            "Basic%20dXNlcjpw/YXNz%2BZm9v%3D%3D", // Python's quote with its default safe '/'
            "Basic dXNlcjpw\\/YXNz+Zm9v==", // JSON with an escaped slash
            "Basic\\u0020dXNlcjpw\\u002fYXNz\\u002BZm9v\\u003d\\u003D", // JSON, everything \\u-escaped
    })
    void aWebhookHeaderValueIsMaskedInEachEncoding(String echoed) {
        Redactor r = Redactor.of(HEADER);
        String out = r.redact("webhook test failed: GET https://hook.example/ping?auth=" + echoed + " (422)");
        assertThat(out).isEqualTo("webhook test failed: GET https://hook.example/ping?auth=<redacted> (422)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            TOKEN,
            "qc/ab+cd&ef<gh>\\\"ij==", // JSON as most servers write it: '/' as is
            "qc\\/ab+cd&ef<gh>\\\"ij==", // JSON with '\\/' (PHP)
            "qc/ab+cd\\u0026ef\\u003cgh\\u003e\\\"ij==", // Go's encoding/json escapes <, > and &
            "qc/ab+cd&amp;ef&lt;gh&gt;&quot;ij==", // HTML
            "qc/ab+cd&amp;ef&lt;gh&gt;&#34;ij==", // HTML, numeric quote
            "qc%2Fab%2Bcd%26ef%3Cgh%3E%22ij%3D%3D",
    })
    void aTokenWithSlashAndQuoteIsMaskedInEachEscaping(String echoed) {
        Redactor r = Redactor.of(TOKEN);
        assertThat(r.redact("{\"detail\":{\"token\":\"" + echoed + "\"}}")).isEqualTo("{\"detail\":{\"token\":\"<redacted>\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            ACCENTED,
            "cl\\u00e9 secr\\u00e8te\\/\\u00e9t\\u00e9 2024", // PHP json_encode
            "cl\\u00E9 secr\\u00E8te/\\u00E9t\\u00E9 2024", // upper-case hex
            "cl%C3%A9%20secr%C3%A8te%2F%C3%A9t%C3%A9%202024",
            "cl%c3%a9+secr%c3%a8te%2f%c3%a9t%c3%a9+2024",
            "cl&#233; secr&#xe8;te/&#xE9;t&#233; 2024",
    })
    void nonAsciiIsMaskedEscapedAndEncoded(String echoed) {
        assertThat(Redactor.of(ACCENTED).redact("[" + echoed + "]")).isEqualTo("[<redacted>]");
    }

    @Test
    void aNonAsciiSecretEchoedThroughAByteReaderIsMaskedWholeNotOnlyItsAsciiTail() {
        // an SMTP client reads replies one byte a character: the server's quote of "Pässwörd-Geheim-42" came back as mojibake
        String password = "P\u00e4ssw\u00f6rd-Geheim-42";
        String latin1 = new String(password.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1);
        Redactor r = Redactor.of(password);
        assertThat(r.redact("535 authentication failed with password " + latin1))
                .isEqualTo("535 authentication failed with password <redacted>");
        assertThat(r.redact("as typed: " + password)).isEqualTo("as typed: <redacted>");
        // a secret in ASCII has no other reading
        assertThat(Redactor.of("plain-ascii-secret").redact("\u00c3 plain-ascii-secret")).isEqualTo("\u00c3 <redacted>");
    }

    @Test
    void aNonAsciiSecretEchoedWithItsAccentsDecomposedOrComposedIsMaskedWhole() {
        String composed = "P\u00e4ssw\u00f6rd-Geh\u00ebim-42";
        String decomposed = java.text.Normalizer.normalize(composed, java.text.Normalizer.Form.NFD);
        assertThat(Redactor.of(composed).redact("echo: " + decomposed)).isEqualTo("echo: <redacted>");
        assertThat(Redactor.of(decomposed).redact("echo: " + composed)).isEqualTo("echo: <redacted>");
    }

    @Test
    void aSecretThatContainsAnotherIsMaskedWhole() {
        Redactor r = Redactor.of("abcdefgh", "abcdefgh/ijkl");
        assertThat(r.redact("x abcdefgh%2Fijkl y abcdefgh z")).isEqualTo("x <redacted> y <redacted> z");
    }

    @Test
    void aShortSecretIsMaskedOnlyWhereItStandsAlone() {
        Redactor r = Redactor.of("t/1z");
        assertThat(r.redact("token t%2F1z; path /a/t/1zx; t\\/1z; st/1z")).isEqualTo("token <redacted>; path /a/t/1zx; <redacted>; st/1z");
    }

    /** The escape's last characters are letters or digits, but the escape separates the secret from its neighbour. */
    @ParameterizedTest
    @ValueSource(strings = {
            "%22k7Qz9w%22", // percent-encoded quotes, as in a query parameter holding JSON
            "%7B%22x-api-key%22%3A%20%22k7Qz9w%22%7D",
            "\\u0022k7Qz9w\\u0022", // JSON, quotes \\u-escaped
            "\\nk7Qz9w\\n", "\\tk7Qz9w\\r", "\\bk7Qz9w\\f",
            "&quot;k7Qz9w&quot;", "&#34;k7Qz9w&#x22;",
    })
    void aShortSecretAfterOrBeforeAnEscapeIsMasked(String echoed) {
        String out = Redactor.of("k7Qz9w").redact("ping?h=" + echoed + " failed");
        assertThat(out).contains("<redacted>").doesNotContain("k7Qz9w");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xk7Qz9w", "k7Qz9wx", "_k7Qz9w", "k7Qz9w-2", "%22k7Qz9wx", "\\uk7Qz9w", "\\xk7Qz9w"})
    void aShortSecretInsideALongerWordIsLeftAlone(String text) {
        assertThat(Redactor.of("k7Qz9w").redact(text)).isEqualTo(text);
    }

    /** A header such as x-tenant: 1 is no credential; masking every "1" garbled every message. */
    @Test
    void valuesUnderFourCharactersAreNotMasked() {
        Redactor r = Redactor.of("1", "ab", " x7 ", "é€à");
        String text = "1 change: 1 modified, see http://127.0.0.1:18911 ab x7 é€à";
        assertThat(r.redact(text)).isEqualTo(text);
        assertThat(r.isEmpty()).isTrue();
        assertThat(Redactor.of("x7z1").redact("key x7z1 set")).isEqualTo("key <redacted> set");
    }

    @Test
    void aLongSecretIsMaskedInItsCommonForms() {
        String longSecret = "{\"k\":\"" + "a/b c".repeat(80) + "\"}";
        Redactor r = Redactor.of(longSecret);
        String json = longSecret.replace("\\", "\\\\").replace("\"", "\\\"");
        String rfc3986 = java.net.URLEncoder.encode(longSecret, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(r.redact("1 " + longSecret + " 2 " + json + " 3 " + json.replace("/", "\\/") + " 4 " + rfc3986 + " 5 "
                + rfc3986.toLowerCase(java.util.Locale.ROOT)))
                .isEqualTo("1 <redacted> 2 <redacted> 3 <redacted> 4 <redacted> 5 <redacted>");
    }

    @Test
    void textWithoutTheSecretIsLeftAlone() {
        Redactor r = Redactor.of(TOKEN, HEADER);
        String text = "qc/ab cd Basic dXNlcjpw %2F &amp; \\u0026";
        assertThat(r.redact(text)).isEqualTo(text);
    }

    private static final String KEY = "sk_live_8f3Kq2Vb9Rt4Mz8Nc1Kd";

    @ParameterizedTest
    @ValueSource(strings = {"sk_live_8f3Kq2Vb9R", "Vb9Rt4Mz8Nc1Kd", "8f3Kq2Vb9Rt4Mz", "SK_LIVE_8F3KQ2VB9RT4MZ8NC1KD"})
    void aPieceOfASecretCutShortOrInCapitalsIsMaskedWhole(String piece) {
        String out = Redactor.of(KEY).redact("invalid key " + piece + "... (401)");
        assertThat(out).isEqualTo("invalid key <redacted>... (401)");
    }

    @Test
    void aPieceShorterThanItsWindowShowsAndTextLikeSecretsAreNotCutIntoPieces() {
        assertThat(Redactor.of(KEY).redact("key ends in ...Nc1Kd")).isEqualTo("key ends in ...Nc1Kd");
        String url = "https://hooks.slack.com/services/T0A1B2C3D/B0E4F5G6H/q8R9s0T1u2V3";
        assertThat(Redactor.of(url, "correct horse battery staple").redact("set it to https://hooks.slack.com/services/... ; horse battery"))
                .isEqualTo("set it to https://hooks.slack.com/services/... ; horse battery");
        assertThat(Redactor.of("tenant-northwind-5521").redact("POST https://ops.northwind-outfitters.example/h; tenant-northwind-55"))
                .isEqualTo("POST https://ops.northwind-outfitters.example/h; <redacted>"); // word-like pieces alone are left
    }

    @Test
    void eightCharactersOfALongTokenInARowAreNeverShownAlsoWhenEncoded() {
        String token = "hk_7Qz9wLm2Xp4Rt8Vb3Nc6Yd1F"; // 27 characters: a window of half of it let 10 through
        assertThat(Redactor.of(token).redact("token ...Rt8Vb3Nc6Yd1F expired")).isEqualTo("token ...<redacted> expired");
        assertThat(Redactor.of(token).redact("token ...Nc6Yd1F expired")).as("7 characters").isEqualTo("token ...Nc6Yd1F expired");
        String slashed = "q8R9/s0T1+u2V3/w4X5y6Z7";
        assertThat(Redactor.of(slashed).redact("GET /x?sig=...s0T1%2Bu2V3%2Fw4 denied; \"sig\": \"s0T1+u2V3\\/w4\""))
                .isEqualTo("GET /x?sig=...<redacted> denied; \"sig\": \"<redacted>\"");
    }

    @Test
    void wordsAreNoSecretsAndShortValuesKeepTheirCase() {
        Redactor r = Redactor.of("true", "Prod");
        assertThat(r.redact("disableAI: true; env Prod, PROD, prod")).isEqualTo("disableAI: true; env <redacted>, PROD, prod");
        assertThat(r.redactLong("env Prod")).as("files keep short values: they are words of the text").isEqualTo("env Prod");
        assertThat(Redactor.of("k7Qz9wLm2Xp4").redactLong("key K7QZ9WLM2XP4")).isEqualTo("key <redacted>");
    }

    @Test
    void aPieceOfASecretInAPlaceholdersNameLeavesTheNameWholeAndIsMaskedOutsideIt() {
        // an outside tester's case: "APIKEY_2" is a piece of the secret, and fetch had named the second key's variable ..._APIKEY_2
        Redactor r = Redactor.of("CAMELAPIKEY_2wQ9e");
        String placeholder = "${env:PLUGIT_SALES_INTEGRATIONS_APIKEY_2}";

        assertThat(r.redactLong(placeholder)).isEqualTo(placeholder);
        assertThat(r.redact("a: " + placeholder + ", b: apikey_2wQ9e")).isEqualTo("a: " + placeholder + ", b: <redacted>");
        assertThat(r.redact("${env:CAMELAPIKEY_2wQ9e}")).as("the whole secret is masked even there").isEqualTo("${env:<redacted>}");
    }
}

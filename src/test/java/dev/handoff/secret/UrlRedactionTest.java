package dev.handoff.secret;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** URLs as messages and request logs show them: credentials masked, where the request went kept. */
class UrlRedactionTest {

    @Test
    void azureFunctionsCodeIsMaskedLikeAToken() {
        // tail -v printed the whole ?code= of an --inbox URL while ?token= was masked (an outside tester)
        assertThat(UrlRedaction.shown("http://127.0.0.1:8080/api/inbox?code=SECRET&page=2#Code=x"))
                .isEqualTo("http://127.0.0.1:8080/api/inbox?code=***&page=2#Code=***");
    }

    @Test
    void otherCredentialsStayMaskedAndTheRestShown() {
        assertThat(UrlRedaction.shown("https://u:pw@h/x?token=t0k&X-Amz-Signature=abc&X-Amz-Credential=AKIA&q=1"))
                .isEqualTo("https://u:***@h/x?token=***&X-Amz-Signature=***&X-Amz-Credential=***&q=1");
    }
}

package dev.handoff.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UrlSecretsTest {

    @Test
    void eachPlaceACredentialHidesIsNamed() {
        assertThat(UrlSecrets.partIn("https://api.example.com/v1")).isNull();
        assertThat(UrlSecrets.partIn("https://u:p@api.example.com/v1?key=1")).isEqualTo(UrlSecrets.USER_INFO);
        assertThat(UrlSecrets.partIn("https://api.example.com/v1?key=1")).isEqualTo(UrlSecrets.QUERY);
        assertThat(UrlSecrets.partIn("https://api.example.com/v1#key")).isEqualTo(UrlSecrets.FRAGMENT);
        assertThat(UrlSecrets.partIn("https://api.example.com/a@b")).as("an @ in the path is no user").isNull();
        assertThat(UrlSecrets.queryOrFragment("https://u:p@api.example.com/v1?key=1")).as("behind a user, still found")
                .isEqualTo(UrlSecrets.QUERY);
        assertThat(UrlSecrets.withoutQuery("https://h/v1?k=1#f")).isEqualTo("https://h/v1");
    }
}

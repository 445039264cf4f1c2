package dev.handoff.config.validate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What a time-zone finding says must be what the zone does (java.time's rules), never a guess from its name. */
class TimeZoneMessagesTest {

    @TempDir
    Path dir;

    private Finding timezone(String zone) throws IOException {
        Path file = dir.resolve("tz.yaml");
        Files.writeString(file, "x-handoff:\n  provider: quickchat\nsettings:\n  timezone: \"" + zone + "\"\n");
        return ConfigValidator.validate(file).findings().stream().filter(f -> f.path().equals("settings.timezone"))
                .findFirst().orElse(null);
    }

    @Test
    void legacyZonesWithSummerTimeAreNotSaidToKeepOneOffset() throws IOException {
        for (String zone : new String[]{"CET", "MET"}) {
            Finding f = timezone(zone);
            assertThat(f).as(zone).isNotNull();
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).isEqualTo("'" + zone + "' is a legacy zone name, not a place: "
                    + "it switches between UTC+1 and UTC+2 for daylight saving time");
            assertThat(f.hint()).isEqualTo("a valid name; to name the clock you keep write Europe/Paris (or the city zone you mean)");
        }
        assertThat(timezone("EST5EDT").message()).endsWith("it switches between UTC-5 and UTC-4 for daylight saving time");
        Finding est = timezone("EST");
        assertThat(est.message()).isEqualTo("'EST' is a legacy zone name, not a place: it keeps UTC-5 all year, without daylight saving time");
        assertThat(est.hint()).startsWith("a valid name; to follow local daylight saving time write America/New_York");
    }

    @Test
    void systemVZonesGetTheLegacyWarning() throws IOException {
        Finding f = timezone("SystemV/AST4");
        assertThat(f).isNotNull();
        assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(f.message()).isEqualTo("'SystemV/AST4' is a legacy zone name, not a place, and no longer in the IANA database: "
                + "it keeps UTC-4 all year, without daylight saving time");
        assertThat(f.hint()).contains("write the place whose clock you keep");
    }

    @Test
    void anEmptyTimeZoneIsSaidToBeEmpty() throws IOException {
        Finding f = timezone("");
        assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(f.message()).isEqualTo("the time zone is empty");
        assertThat(f.hint()).doesNotContain("did you mean");
    }
}

package dev.handoff.config.validate;

import dev.handoff.classify.keywords.KeywordMatcher;
import dev.handoff.config.CatyConfig;
import dev.handoff.config.FailedAttempts;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.LocalConfig;
import dev.handoff.error.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caty rules where validate and replay must agree: what replay cannot read as written is an
 * error in validate, and replay names what it left out. The golden files under
 * {@code src/test/resources/validate/caty-*} show the exact reports.
 */
class CatyRulesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aNumberWrittenInAYaml11FormIsFoundWhateverEndsTheLines() throws Exception {
        // positions count a lone carriage return as a line end: the written text is read at the same place
        Path file = write("cr.yaml", "triggers:\r  user_request: true\r  failed_attempts: 010\r");
        assertThat(ConfigValidator.validate(file).warnings()).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("is written 010, which YAML reads as 8"));
    }

    @Test
    void aBooleanWrittenYesOrOnIsAWarningSinceYaml12ReadsAText() throws Exception {
        // yq and the vendor's YAML 1.2 readers take yes/on for strings: the file means two things
        Path file = write("yes.yaml", "triggers:\n  user_request: yes\n  negative_sentiment: {enabled: On}\n"
                + "  failed_attempts: {enabled: false}\n");
        assertThat(ConfigValidator.validate(file).warnings()).extracting(Finding::message).containsExactly(
                "is written yes, which YAML 1.1 reads as true and YAML 1.2 as the text \"yes\"",
                "is written On, which YAML 1.1 reads as true and YAML 1.2 as the text \"On\"");
        Path plain = write("plain.yaml", "triggers:\n  user_request: True\n  failed_attempts: {enabled: false}\n");
        assertThat(ConfigValidator.validate(plain).findings()).isEmpty();
    }

    @Test
    void theTimeZoneZIsToldToBeWrittenAsUtcNotOfferedNewZealand() throws Exception {
        Path file = write("z.yaml", "triggers:\n  user_request: true\navailability:\n  timezone: Z\n"
                + "  hours: {monday: {start: \"09:00\", end: \"10:00\"}}\noffline_message: hi\n");
        assertThat(ConfigValidator.validate(file).errors()).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("'Z' is not an IANA time zone");
            assertThat(f.hint()).startsWith("'Z' is UTC written as an offset: write UTC").doesNotContain("NZ");
        });
    }

    @Test
    void aFailedAttemptsRuleSwitchedOffNeedsNoCountAndIsNoReplayWarning() throws Exception {
        Path off = write("off.yaml", "triggers:\n  user_request: true\n  failed_attempts: {enabled: false}\n");
        assertThat(ConfigValidator.validate(off).findings()).isEmpty();
        assertThat(CatyConfig.unread(LocalConfig.read(off).document())).isEmpty();
        // switched on, it still needs one
        Path on = write("on.yaml", "triggers:\n  user_request: true\n  failed_attempts: {enabled: true}\n");
        assertThat(ConfigValidator.validate(on).errors()).singleElement()
                .satisfies(f -> assertThat(f.path()).isEqualTo("triggers.failed_attempts.after"));
    }

    @Test
    void aCountAboveTheIntRangeIsAnErrorNotAWrappedNumberAndReplayLeavesTheRuleOutSaying() throws Exception {
        Path file = write("huge.yaml", "triggers:\n  user_request: true\n  failed_attempts: {after: 2147483648}\n");
        ValidationReport report = ConfigValidator.validate(file);
        assertThat(report.errors()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("triggers.failed_attempts.after");
            assertThat(f.location()).isEqualTo(new SourceLocation(file, 3, 28));
            assertThat(f.message()).startsWith("is too large").doesNotContain("-2147483648");
            assertThat(f.hint()).isEqualTo("write a count such as 2 or 3");
        });
        LocalConfig local = LocalConfig.read(file);
        assertThat(HandoffConfig.from(local).failedAttempts()).isNull();
        assertThat(CatyConfig.unread(local.document())).containsExactly(
                "triggers.failed_attempts.after is not a count from 1 to 2147483647: the rule was left out");
    }

    @Test
    void theLargestIntIsStillACountReplayKeeps() throws Exception {
        Path file = write("max.yaml", "triggers:\n  user_request: true\n  failed_attempts: 2147483647\n");
        ValidationReport report = ConfigValidator.validate(file);
        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).extracting(Finding::message).containsExactly("after 2147483647 failed attempts most visitors have given up");
        LocalConfig local = LocalConfig.read(file);
        assertThat(HandoffConfig.from(local).failedAttempts()).extracting(FailedAttempts::after).isEqualTo(Integer.MAX_VALUE);
        assertThat(CatyConfig.unread(local.document())).isEmpty();
    }

    @Test
    void keywordsThatAreNotPhrasesAreErrorsAndReplaySaysItLeftThemOut() throws Exception {
        Path file = write("kw.yaml", "triggers:\n  keywords: live agent\n");
        ValidationReport report = ConfigValidator.validate(file);
        assertThat(report.errors()).extracting(Finding::path).containsExactly("triggers.keywords");
        assertThat(report.warnings()).as("a keyword was written: 'every trigger is off' would mislead").isEmpty();
        assertThat(CatyConfig.unread(LocalConfig.read(file).document()))
                .containsExactly("triggers.keywords is not a list of phrases: no keyword was read");

        Path items = write("items.yaml", "triggers:\n  keywords: [live agent, 42, null]\n");
        assertThat(ConfigValidator.validate(items).errors()).extracting(Finding::path)
                .containsExactly("triggers.keywords[1]", "triggers.keywords[2]");
        assertThat(CatyConfig.unread(LocalConfig.read(items).document()))
                .containsExactly("triggers.keywords: 2 items are not a phrase and were left out");
    }

    @Test
    void aTriggerWithNothingAfterItIsAnErrorNamingNull() throws Exception {
        Path file = write("null.yaml", "triggers:\n  negative_sentiment:\n  user_request: true\n");
        ValidationReport report = ConfigValidator.validate(file);
        assertThat(report.errors()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("triggers.negative_sentiment");
            assertThat(f.hint()).endsWith("('key:' with nothing after it is null too)");
        });
        assertThat(CatyConfig.unread(LocalConfig.read(file).document()))
                .containsExactly("triggers.negative_sentiment has no value: it was left out");
    }

    @Test
    void everyOrdinaryMessageAWarningQuotesReallyFiresTheKeyword() throws Exception {
        // each very common word as a keyword: the message a warning quotes must contain it as
        // replay matches (whole word, folded); 'hi' once quoted "is this a bot or a human?"
        List<String> words;
        try (InputStream in = KeywordRules.class.getResourceAsStream("common-words.txt")) {
            words = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
        StringBuilder yaml = new StringBuilder("triggers:\n  keywords:\n");
        words.forEach(w -> yaml.append("    - \"").append(w).append("\"\n"));
        ValidationReport report = ConfigValidator.validate(write("common.yaml", yaml.toString()));
        Pattern quoted = Pattern.compile("^'(.+)' (?:is a very common word|also occurs).* such as '(.+)'$");
        int examples = 0;
        for (Finding f : report.warnings()) {
            Matcher m = quoted.matcher(f.message());
            if (m.matches()) {
                examples++;
                assertThat(new KeywordMatcher(List.of(m.group(1))).matches(m.group(2))).as(f.toString()).isTrue();
            }
        }
        assertThat(examples).as("the check looked at some examples").isGreaterThan(20);
        assertThat(report.warnings()).extracting(Finding::message).noneMatch(m -> m.contains("inside other words"));
    }
}

package dev.handoff.cli;

import dev.handoff.classify.recorded.VerdictTap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictOptionsNoticeTest {

    @TempDir
    Path dir;

    @Test
    void theInterruptNoticeIsDisarmedOnceTheVerdictFileIsWritten() throws Exception {
        // a Ctrl-C after the write said "nothing was recorded, ... is unchanged" next to "20 added"
        VerdictOptions options = new VerdictOptions();
        options.record = true;
        VerdictTap tap = new VerdictTap(true, false, Clock.systemUTC());
        Path config = Files.writeString(dir.resolve("support.yaml"), "settings: {}\n");
        StringWriter err = new StringWriter();
        options.arm(tap, "support.verdicts.jsonl", true, new PrintWriter(err));
        assertThat(options.armed()).isTrue();
        options.save(tap, config, "support.verdicts.jsonl", new PrintWriter(err, true));
        assertThat(options.armed()).isFalse();
        assertThat(err.toString()).contains("verdicts support.verdicts.jsonl: 0 added");
        options.disarm();
    }
}

package dev.handoff.eval;

import dev.handoff.config.HandoffConfig;
import dev.handoff.config.LocalConfig;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the replay fixtures under src/test/resources/replay. */
final class Fixtures {

    private Fixtures() {
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/replay/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource replay/" + name, e);
        }
    }

    static Path scoringConfig() {
        return resource("scoring/support.yaml");
    }

    static Path scoringTranscripts() {
        return resource("scoring/transcripts");
    }

    static HandoffConfig config(Path file) {
        return HandoffConfig.from(LocalConfig.read(file));
    }
}

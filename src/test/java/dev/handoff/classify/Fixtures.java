package dev.handoff.classify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.error.SourceLocation;
import dev.handoff.transcript.Message;
import dev.handoff.transcript.Transcript;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Configurations and conversations for classifier tests. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/classify/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /classify/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HandoffConfig quickchat(String resourceName) {
        try {
            return HandoffConfig.from(Provider.QUICKCHAT, Yaml.yaml().readTree(resource(resourceName)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A conversation whose messages alternate user, assistant, user, ... starting with the user. */
    public static Transcript conversation(String id, String... texts) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            messages.add(new Message(i % 2 == 0 ? Message.Role.USER : Message.Role.ASSISTANT, texts[i], null, null));
        }
        return new Transcript(id, JsonNodeFactory.instance.objectNode(), null, List.copyOf(messages), null,
                new SourceLocation(Path.of(id + ".yaml"), 1, 1));
    }

    /** Every user turn of the transcripts, in order, as replay would ask them when nothing fires. */
    public static List<TurnRequest> allTurns(Transcript... transcripts) {
        List<TurnRequest> out = new ArrayList<>();
        for (Transcript t : transcripts) {
            for (int k = 1; k <= t.userTurns(); k++) {
                out.add(new TurnRequest(t, k));
            }
        }
        return out;
    }
}

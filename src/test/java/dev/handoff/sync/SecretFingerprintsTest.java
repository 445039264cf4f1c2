package dev.handoff.sync;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.handoff.config.yaml.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A fingerprint record keeps no secret in clear, not even one that is part of a path. */
class SecretFingerprintsTest {

    @TempDir
    Path state;

    private static final String TOKEN_IN_A_NAME = "whk_Hdr_Val_K3y_77aa99BBcc";

    private static Secrets.Masked masked(String value) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        String path = "categories[title=cat2].webhook.headers." + TOKEN_IN_A_NAME;
        return new Secrets.Masked(doc, List.of(new Secrets.Secret("/categories/0/webhook/headers/" + TOKEN_IN_A_NAME, path,
                "PLUGIT_X", TextNode.valueOf(value))), List.of());
    }

    @Test
    void aPathHoldingASecretIsKeyedAndStillComparedByPath() throws Exception {
        SecretFingerprints prints = new SecretFingerprints(state);
        Path file = state.resolve("v.secrets.json");
        prints.record(file, masked("value-1"));
        assertThat(Files.readString(file)).doesNotContain(TOKEN_IN_A_NAME).doesNotContain("value-1").contains("\"paths\" : \"keyed\"");

        SecretFingerprints.Recorded read = prints.recorded(file).orElseThrow();
        String path = masked("x").secrets().get(0).path();
        assertThat(read.get(path)).isEqualTo(prints.of(masked("value-1")).get(path)).isNotEqualTo(prints.of(masked("value-2")).get(path));
    }

    @Test
    void aRecordMadeBeforePathsWereKeyedIsStillRead() throws Exception {
        SecretFingerprints prints = new SecretFingerprints(state);
        Path file = state.resolve("old.secrets.json");
        prints.record(file, masked("value-1"));
        // the older layout: the same fingerprints under the paths as written
        ObjectNode root = (ObjectNode) Yaml.json().readTree(Files.readString(file));
        root.remove("paths");
        ObjectNode old = root.putObject("fingerprints");
        prints.of(masked("value-1")).forEach(old::put);
        Files.writeString(file, root.toPrettyString());

        String path = masked("x").secrets().get(0).path();
        assertThat(prints.recorded(file).orElseThrow().get(path)).isEqualTo(prints.of(masked("value-1")).get(path));
    }
}

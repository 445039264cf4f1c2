package dev.handoff.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.Provider;
import dev.handoff.error.HandoffException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FetchCanonicalYamlTest {

    @Test
    void aRemoteTooLargeOnceWrittenAsYamlIsTheRemotesFaultNotALineOfTheLocalFile() {
        // a few megabytes of JSON: short items deep down take far more characters as indented YAML
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        ObjectNode deep = document.putObject("settings");
        for (int i = 0; i < 30; i++) {
            deep = deep.putObject("n");
        }
        ArrayNode items = deep.putArray("items");
        for (int i = 0; i < 600_000; i++) {
            items.add("a");
        }
        LocalConfig config = new LocalConfig(Path.of("guidelines/support.yaml"), Provider.QUICKCHAT, document, "sha256:0");

        var e = catchThrowableOfType(HandoffException.class, () -> FetchOperation.canonicalYaml(config));

        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(e.getMessage()).contains("the remote's configuration is").contains("nothing was written")
                .doesNotContain("support.yaml").doesNotContain("malformed");
    }
}

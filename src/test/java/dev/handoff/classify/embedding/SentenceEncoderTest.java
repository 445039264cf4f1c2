package dev.handoff.classify.embedding;

import ai.djl.util.Utils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceEncoderTest {

    @Test
    void loadingTheModelLeavesDjlOfflineWithoutTelemetry() {
        float[] vector = SentenceEncoder.shared().encode(java.util.List.of("where is my parcel?")).get(0);
        assertThat(vector).hasSize(SentenceEncoder.DIMENSION);
        // what DJL itself reads before it asks the EC2 metadata address and calls home, or downloads a native library
        assertThat(Boolean.parseBoolean(Utils.getEnvOrSystemProperty("OPT_OUT_TRACKING"))).isTrue();
        assertThat(Utils.isOfflineMode()).isTrue();
    }
    @Test
    void theFolderOnnxRuntimeCopiedItsLibrariesIntoIsGoneOnceTheModelIsLoaded() {
        SentenceEncoder.shared();
        java.nio.file.Path folder = OnnxTempFolder.ofThisProcess();
        // the runtime's own field: if a new version renames it, this says so instead of passing quietly
        assertThat(folder).isNotNull();
        assertThat(folder.getFileName().toString()).startsWith("onnxruntime-java");
        assertThat(folder).doesNotExist();
        // the model still works with its library files removed
        assertThat(SentenceEncoder.shared().encode(java.util.List.of("a second text")).get(0)).hasSize(SentenceEncoder.DIMENSION);
    }
}

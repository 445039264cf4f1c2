package dev.handoff.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * The per-transcript outcomes of a run, kept in a temporary file rather than in memory (a
 * million outcomes would not fit in a bounded heap), for the JSON report's transcript list,
 * the JUnit report and the baseline comparison, which all read them back in order.
 */
public final class OutcomeSpool implements AutoCloseable {

    private final Path file;
    private final JsonGenerator out;
    private long count;

    private OutcomeSpool(Path file) throws IOException {
        this.file = file;
        OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        this.out = Yaml.json().getFactory().createGenerator(os);
        out.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
    }

    public static OutcomeSpool create() {
        try {
            Path f = Files.createTempFile("handoff-outcomes-", ".jsonl");
            f.toFile().deleteOnExit();
            return new OutcomeSpool(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for replay outcomes", e);
        }
    }

    public void add(TranscriptOutcome o) {
        try {
            OutcomeJson.write(out, o);
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long count() {
        return count;
    }

    /** Calls {@code each} with every outcome, in the order they were added. */
    public void forEach(Consumer<TranscriptOutcome> each) {
        forEachNode(n -> each.accept(OutcomeJson.read(n)));
    }

    /** The outcomes as JSON trees (for copying into a report without a round trip). */
    public void forEachNode(Consumer<JsonNode> each) {
        try {
            out.flush();
            try (JsonParser p = Yaml.json().getFactory().createParser(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                p.setCodec(Yaml.json());
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    each.accept(p.readValueAsTree());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An iterator over the outcomes; close it by reading to the end or via {@link #close()}. */
    public Iterator<TranscriptOutcome> iterator() {
        try {
            out.flush();
            JsonParser p = Yaml.json().getFactory().createParser(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            p.setCodec(Yaml.json());
            return new Iterator<>() {
                JsonToken next = p.nextToken();

                @Override
                public boolean hasNext() {
                    return next == JsonToken.START_OBJECT;
                }

                @Override
                public TranscriptOutcome next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    try {
                        TranscriptOutcome o = OutcomeJson.read(p.readValueAsTree());
                        next = p.nextToken();
                        if (next != JsonToken.START_OBJECT) {
                            p.close();
                        }
                        return o;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; deleteOnExit is the fallback
        }
    }
}

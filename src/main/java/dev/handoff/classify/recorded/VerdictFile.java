package dev.handoff.classify.recorded;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.error.HandoffException;
import dev.handoff.files.AtomicFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A verdict file, {@code guidelines/<name>.verdicts.jsonl} beside the configuration: one JSON
 * object a line, sorted by key, fields always in the same order, so the same verdicts give the
 * same bytes and a changed verdict changes one line. Local only: push never reads it.
 *
 * <pre>
 * {"key":"3f…","prompt":"9ab41c02d7e1","criteria":["asks_for_human"],"route":null,"rationale":"…",
 *  "provider":"ollama","model":"llama3.1:8b","digest":"sha256:…","date":"2026-12-05"}
 * </pre>
 * (one line in the file; {@code invalid} appears only for a reply that broke the schema,
 * {@code digest} only where the server gives one).
 */
public final class VerdictFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private VerdictFile() {
    }

    /** {@code guidelines/x.yaml} -> {@code guidelines/x.verdicts.jsonl}. */
    public static Path pathFor(Path configFile) {
        String base = configFile.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
        return configFile.resolveSibling(base + ".verdicts.jsonl");
    }

    /** The verdicts of a file; none when it does not exist. Bad lines are usage errors naming file:line. */
    public static Verdicts read(Path file) {
        List<RecordedVerdict> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    out.add(parse(file, n, line));
                }
            }
        } catch (NoSuchFileException e) {
            return Verdicts.empty();
        } catch (IOException e) {
            throw HandoffException.usage(file + ": cannot read: " + e.getMessage(), null);
        }
        return Verdicts.of(out);
    }

    /** Writes every verdict, in key order, replacing the file atomically. */
    public static void write(Path file, Verdicts verdicts) {
        StringBuilder b = new StringBuilder(verdicts.size() * 256);
        for (RecordedVerdict v : verdicts.all()) {
            b.append(line(v)).append('\n');
        }
        try {
            AtomicFiles.write(file, b.toString());
        } catch (IOException e) {
            throw HandoffException.usage(file + ": cannot write: " + e.getMessage(), "check that the folder is writable");
        }
    }

    /** One verdict as its line (without the newline). */
    public static String line(RecordedVerdict v) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("key", v.key());
            g.writeStringField("prompt", v.prompt());
            g.writeArrayFieldStart("criteria");
            for (String c : v.criteria()) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeStringField("route", v.route());
            g.writeStringField("rationale", v.rationale());
            if (v.invalid() != null) {
                g.writeStringField("invalid", v.invalid());
            }
            g.writeStringField("provider", v.provider());
            g.writeStringField("model", v.model());
            if (v.digest() != null) {
                g.writeStringField("digest", v.digest());
            }
            g.writeStringField("date", v.date());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static RecordedVerdict parse(Path file, int lineNumber, String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException e) {
            throw bad(file, lineNumber, "not JSON");
        }
        if (n == null || !n.isObject() || !n.path("key").isTextual() || !n.path("criteria").isArray()) {
            throw bad(file, lineNumber, "a verdict needs a \"key\" and a \"criteria\" list");
        }
        List<String> criteria = new ArrayList<>();
        n.path("criteria").forEach(c -> criteria.add(c.asText()));
        return new RecordedVerdict(n.path("key").asText(), text(n, "prompt"), criteria, text(n, "route"),
                text(n, "rationale"), text(n, "invalid"), text(n, "provider"), text(n, "model"), text(n, "digest"), text(n, "date"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static HandoffException bad(Path file, int line, String what) {
        return HandoffException.usage(file + ":" + line + ": " + what,
                "fix or delete the line, then record again: handoff replay --classifier ollama --record");
    }
}

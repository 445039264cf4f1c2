package dev.handoff.classify.recorded;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

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

    private static final JsonFactory FACTORY = new JsonFactory();

    private VerdictFile() {
    }

    /** {@code guidelines/x.yaml} -> {@code guidelines/x.verdicts.jsonl}. */
    public static Path pathFor(Path configFile) {
        String base = configFile.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
        return configFile.resolveSibling(base + ".verdicts.jsonl");
    }

    /**
     * The verdicts of a file; none when it does not exist. Bad lines are usage errors naming
     * file:line, and so is a key on two lines with different verdicts (what a badly resolved merge
     * of two recordings leaves): which one counts would otherwise depend on the line order.
     */
    public static Verdicts read(Path file) {
        return read(file, file.toString());
    }

    /**
     * @param shown the file as the user would type it from the working directory, for messages
     *              (e.g. {@code guidelines/x.verdicts.jsonl})
     */
    public static Verdicts read(Path file, String shown) {
        List<RecordedVerdict> out = new ArrayList<>();
        Map<String, int[]> seen = new HashMap<>(); // key -> {index in out, line number}
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (n == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // a byte-order mark an editor added: not part of the JSON
                }
                if (!line.isBlank()) {
                    RecordedVerdict v = parse(shown, n, line);
                    int[] earlier = seen.putIfAbsent(v.key(), new int[]{out.size(), n});
                    if (earlier == null) {
                        out.add(v);
                    } else if (!sameVerdict(out.get(earlier[0]), v)) {
                        throw HandoffException.usage(shown + ":" + n + ": key " + v.key() + " has another verdict on line " + earlier[1],
                                "keep one of the two lines (a merge of two recordings?), or delete both and record again");
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return Verdicts.empty();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw HandoffException.usage(notUtf8(file, shown),
                    "a verdict file is UTF-8 JSON lines: restore it from git (git checkout -- " + dev.handoff.text.ShellWords.quote(String.valueOf(shown))
                            + "), or delete it and record again");
        } catch (IOException e) {
            throw HandoffException.usage(shown + ": cannot read: " + (Files.isDirectory(file) ? "it is a folder, not a file"
                            : dev.handoff.files.IoMessages.plain(e)),
                    "the recorded verdicts live in a file beside the configuration; move what is there away, or record again");
        }
        return Verdicts.of(out);
    }

    private static boolean sameVerdict(RecordedVerdict a, RecordedVerdict b) {
        return Objects.equals(new TreeSet<>(a.criteria()), new TreeSet<>(b.criteria())) && Objects.equals(a.route(), b.route())
                && Objects.equals(a.invalid(), b.invalid());
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

    /** {@code FILE:LINE:COL: not valid UTF-8 (byte 0xFF)}, as for transcripts; the file is read again to find the byte. */
    private static String notUtf8(Path file, String shown) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            dev.handoff.files.Utf8.decode(bytes);
        } catch (dev.handoff.files.Utf8.MalformedException m) {
            byte[] head = new byte[3];
            boolean bom = false;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bom = in.readNBytes(head, 0, 3) == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
            } catch (IOException ignored) {
                // the position stays as counted
            }
            // a byte-order mark is not a column an editor shows
            int column = m.column() - (m.line() == 1 && bom ? 1 : 0);
            return shown + ":" + m.line() + ":" + column + ": " + m.getMessage();
        } catch (IOException e) {
            // gone or changed since: say what is known
        }
        return shown + ": not valid UTF-8";
    }

    /** Streams the fields of one line (a tree per line costs several times as much on a large file). */
    static RecordedVerdict parse(String file, int lineNumber, String line) {
        String key = null;
        String prompt = null;
        List<String> criteria = null;
        String[] text = new String[7];
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad(file, lineNumber, "not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("criteria")) {
                    if (t != JsonToken.START_ARRAY) {
                        throw bad(file, lineNumber, "\"criteria\" must be a list of names");
                    }
                    criteria = new ArrayList<>(2);
                    JsonToken item;
                    while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (item != JsonToken.VALUE_STRING) {
                            throw bad(file, lineNumber, "\"criteria\" must be a list of names (strings)");
                        }
                        criteria.add(p.getText());
                    }
                    continue;
                }
                if ((field.equals("key") || field.equals("route") || field.equals("invalid"))
                        && t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
                    throw bad(file, lineNumber, "\"" + field + "\" must be a string");
                }
                String value = t == JsonToken.VALUE_NULL ? null : t.isScalarValue() ? p.getText() : skip(p);
                switch (field) {
                    case "key" -> key = value;
                    case "prompt" -> prompt = value;
                    case "route" -> text[0] = value;
                    case "rationale" -> text[1] = value;
                    case "invalid" -> text[2] = value;
                    case "provider" -> text[3] = value;
                    case "model" -> text[4] = value;
                    case "digest" -> text[5] = value;
                    case "date" -> text[6] = value;
                    default -> { } // a field a newer version wrote: ignored
                }
            }
            if (p.nextToken() != null) {
                throw bad(file, lineNumber, "more than one JSON object on the line");
            }
        } catch (IOException e) {
            throw bad(file, lineNumber, "not JSON");
        }
        if (key == null || criteria == null) {
            throw bad(file, lineNumber, "a verdict needs a \"key\" and a \"criteria\" list");
        }
        return new RecordedVerdict(key, prompt, criteria, text[0], text[1], text[2], text[3], text[4], text[5], text[6]);
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static HandoffException bad(String file, int line, String what) {
        return HandoffException.usage(file + ":" + line + ": " + what,
                "fix or delete the line, then record again: handoff replay --classifier ollama --record (or --classifier openai)");
    }
}

package dev.handoff.transcript;

import dev.handoff.files.Utf16;
import dev.handoff.files.Utf8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.error.SourceLocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streams transcripts from YAML files (one each) and JSONL files (one a line), folders walked
 * recursively in a stable order (docs/transcripts.md, "Transcript format"). Holds one transcript at a time plus the
 * set of ids seen so far (for duplicates: about 100 bytes an id, so a million ids is ~100 MB),
 * never the whole input.
 *
 * <p>Every problem is an item of the stream ({@link ReadResult.Bad}) naming file, line, column
 * and field; the caller decides whether to stop or go on.
 */
public final class TranscriptReader implements Iterator<ReadResult>, AutoCloseable {

    private static final ObjectReader JSON = Yaml.json().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader YAML = Yaml.yaml().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final TranscriptFiles files;
    private final TranscriptParser parser;
    /** Each id read so far and where: a duplicate names the first one's place. */
    private final Map<String, SourceLocation> ids = new HashMap<>();
    private final List<Path> skipped = new ArrayList<>();
    private long ordinal;
    private long filesRead;

    private Path jsonlFile;
    private Path jsonlShown;
    private JsonLines jsonl;
    /**
     * Everything read, in order, for a shard: shards of one run must have read the same transcripts
     * (report merge checks it). Null, and no hashing on the read path, unless asked for.
     */
    private java.security.MessageDigest digest;
    private long jsonlLine;
    private ReadResult next;

    private TranscriptReader(List<Path> inputs, List<Path> shown, LabelCheck strictLabels) {
        this.files = new TranscriptFiles(inputs, shown);
        this.parser = new TranscriptParser(strictLabels);
    }

    /**
     * @param inputs       files and folders; a missing one is a usage error at once
     * @param strictLabels when set, criteria and routes in {@code expect} must be among these names
     */
    public static TranscriptReader open(List<Path> inputs, LabelCheck strictLabels) {
        return new TranscriptReader(inputs, inputs, strictLabels);
    }

    /**
     * Like {@link #open(List, LabelCheck)}, naming files in messages and transcript sources
     * under the inputs as the user wrote them ({@code shown}, same order) rather than as resolved.
     */
    public static TranscriptReader open(List<Path> inputs, List<Path> shown, LabelCheck strictLabels) {
        if (shown.size() != inputs.size()) {
            throw new IllegalArgumentException("one shown name per input");
        }
        return new TranscriptReader(inputs, shown, strictLabels);
    }

    /** True for a file in a folder that replay would read as a transcript (not hidden, .yaml, .yml, .jsonl or .ndjson, not *.eval.yaml). */
    public static boolean readsFromFolder(Path file) {
        return TranscriptFiles.isTranscriptFile(file);
    }

    /** YAML files found in folders that are not transcripts (no id, messages or expect), in order (as shown). */
    public List<Path> skippedFiles() {
        return Collections.unmodifiableList(skipped);
    }

    /** .json files found in folders that look like transcripts, which a folder walk does not read (reports are .json too), as shown. */
    public List<Path> skippedJson() {
        return files.skippedJson();
    }

    /** Folder links not followed because they lead back to a folder being read (a cycle), one note each. */
    public List<String> skippedLinks() {
        return files.skippedLinks();
    }

    public long filesRead() {
        return filesRead;
    }

    /**
     * About how many transcripts the inputs hold (YAML files plus JSONL lines), for a progress
     * ETA; reads the files once without parsing them.
     */
    public static long estimateCount(List<Path> inputs) {
        long n = 0;
        TranscriptFiles walk = new TranscriptFiles(inputs, inputs);
        while (walk.hasNext()) {
            TranscriptFiles.Entry e = walk.next();
            if (!Files.isRegularFile(e.file())) {
                continue; // a pipe is read once, by the replay: no estimate
            }
            if (!e.jsonl()) {
                n++;
                continue;
            }
            try (var in = Files.newInputStream(e.file())) {
                byte[] buf = new byte[1 << 16];
                int r;
                int last = '\n';
                while ((r = in.read(buf)) > 0) {
                    for (int i = 0; i < r; i++) {
                        if (buf[i] == '\n') {
                            n++;
                        }
                    }
                    last = buf[r - 1];
                }
                if (last != '\n') {
                    n++;
                }
            } catch (IOException ex) {
                // counted as nothing; the reader reports the file properly
            }
        }
        return n;
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (jsonl != null) {
                next = nextJsonLine();
                continue;
            }
            if (!files.hasNext()) {
                return false;
            }
            TranscriptFiles.Entry entry = files.next();
            filesRead++;
            if (entry.jsonl()) {
                openJsonl(entry.file(), entry.shown());
            } else {
                next = readYaml(entry);
            }
        }
        return true;
    }

    @Override
    public ReadResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ReadResult r = next;
        next = null;
        return r;
    }

    /**
     * SHA-256 of what was read so far: each file's name as shown and its text, each JSONL line,
     * each problem. Two readers of the same inputs to the end give the same digest.
     */
    public String inputDigest() {
        if (digest == null) {
            throw new IllegalStateException("digestInputs() was not called before reading");
        }
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(((java.security.MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** From now on, hash what is read ({@link #inputDigest()}); call before the first read. */
    public void digestInputs() {
        if (digest == null) {
            digest = sha256();
        }
    }

    private void seen(Object part) {
        if (digest != null) {
            digest.update((part + "\u0000").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closeJsonl();
    }

    private ReadResult readYaml(TranscriptFiles.Entry entry) {
        Path file = entry.shown();
        String text;
        try {
            text = decode(file, dev.handoff.files.BoundedRead.read(entry.file(), YamlFiles.MAX_BYTES));
        } catch (dev.handoff.files.BoundedRead.TooLarge e) {
            return bad(new TranscriptProblem(SourceLocation.of(file), null, null,
                    dev.handoff.files.BoundedRead.describe(e, YamlFiles.MAX_BYTES) + "; a YAML transcript may be at most "
                            + dev.handoff.files.BoundedRead.limit(YamlFiles.MAX_BYTES),
                    "put many transcripts in a .jsonl file, one a line"));
        } catch (Utf8Problem p) {
            return bad(p.problem);
        } catch (IOException e) {
            return bad(unreadable(SourceLocation.of(file), e));
        }
        seen(file);
        seen(text);
        var longWord = dev.handoff.config.yaml.Words.firstTooLong(text);
        if (longWord.isPresent()) {
            return bad(new TranscriptProblem(new SourceLocation(file, longWord.get().line(), longWord.get().column()), null, null,
                    dev.handoff.config.yaml.Words.MESSAGE, dev.handoff.config.yaml.Words.HINT));
        }
        var unprintable = Yaml.firstUnprintable(text);
        if (unprintable.isPresent()) {
            var u = unprintable.get();
            return bad(new TranscriptProblem(new SourceLocation(file, u.line(), u.column()), null, null,
                    "malformed YAML: " + u.describe() + " is not allowed in YAML",
                    "remove it; in a double-quoted text it can be written as an escape, e.g. \"\\u" + String.format("%04x", u.codePoint()) + "\""));
        }
        JsonNode root;
        try {
            root = text.isBlank() ? null : Yaml.readTree(YAML, text);
        } catch (JsonProcessingException e) {
            return bad(ReadProblems.malformed(file, 0, e, "YAML", Yaml.yaml().getFactory(), text));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a String source does not fail to read
        }
        YamlScalars.keepWrittenText(root, text);
        if (root == null || root.isMissingNode() || root.isNull()) {
            if (!entry.explicit()) {
                skipped.add(file);
                return null;
            }
            return bad(new TranscriptProblem(SourceLocation.of(file), null, null, "the file is empty", "write one transcript into it"));
        }
        if (!entry.explicit() && root.isObject() && !root.has("id") && !root.has("messages") && !root.has("expect")) {
            // a folder may hold other YAML (notes, configuration); only files that look like transcripts are replayed
            skipped.add(file);
            return null;
        }
        var alias = Yaml.firstAlias(text);
        if (alias.isPresent()) {
            return bad(new TranscriptProblem(new SourceLocation(file, alias.get().getLineNr(), alias.get().getColumnNr()),
                    root.path("id").isValueNode() ? root.path("id").asText() : null, null,
                    "YAML aliases (*name) are not supported", "write the text out in full where the alias is"));
        }
        return toResult(root, Yaml.yaml().getFactory(), text, file, 0);
    }

    private void openJsonl(Path file, Path shown) {
        try {
            String utf16 = null;
            if (Files.isRegularFile(file)) { // a pipe's first bytes are gone once looked at
                try (var in = Files.newInputStream(file)) {
                    byte[] head = in.readNBytes(64);
                    utf16 = Utf16.detect(head, head.length);
                }
            }
            if (utf16 != null) {
                // every line would be one bad transcript (a bad byte, or NULs between the characters): one problem for the file
                next = bad(new TranscriptProblem(new SourceLocation(shown, 1, 1), null, null, Utf16.problem(), Utf16.hint(utf16, shown.toString())));
                return;
            }
            jsonl = new JsonLines(Files.newInputStream(file));
            jsonlFile = file;
            jsonlShown = shown;
            jsonlLine = 0;
            seen(shown);
        } catch (IOException e) {
            next = bad(unreadable(SourceLocation.of(shown), e));
        }
    }

    /** A file that cannot be opened: the reason ("permission denied"), not Java's bare path, and what to check. */
    private static TranscriptProblem unreadable(SourceLocation at, IOException e) {
        return new TranscriptProblem(at, null, null, "cannot read: " + dev.handoff.files.IoMessages.reason(e),
                "check the file's permissions");
    }

    private ReadResult nextJsonLine() {
        JsonLines.Line read;
        try {
            read = jsonl.next();
        } catch (IOException e) {
            Path file = jsonlFile;
            closeJsonl();
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        if (read == null) {
            closeJsonl();
            return null;
        }
        jsonlLine++;
        if (read instanceof JsonLines.NotUtf8 b) {
            // one bad line is one bad transcript, as a JSON syntax error is: the next line is read
            int column = b.column() - (jsonlLine == 1 && b.afterBom() ? 1 : 0);
            return bad(new TranscriptProblem(new SourceLocation(jsonlShown, (int) jsonlLine, column), null, null,
                    String.format("not valid UTF-8 (byte 0x%02X)", b.badByte()), "save the file as UTF-8"));
        }
        String line = ((JsonLines.Text) read).text();
        seen(line);
        if (jsonlLine == 1 && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        if (line.isBlank()) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return bad(ReadProblems.malformed(jsonlShown, (int) jsonlLine, e, "JSON", Yaml.json().getFactory(), line));
        }
        return toResult(root, Yaml.json().getFactory(), line, jsonlShown, (int) jsonlLine);
    }

    /** @param lineOffset 0 for a whole file; the file line for a JSONL line */
    private ReadResult toResult(JsonNode root, JsonFactory factory, String text, Path file, int lineOffset) {
        Transcript transcript;
        try {
            transcript = parser.parse(root, lineOffset == 0 ? SourceLocation.of(file) : new SourceLocation(file, lineOffset, 0),
                    !(factory instanceof com.fasterxml.jackson.dataformat.yaml.YAMLFactory));
        } catch (TranscriptParser.Problem p) {
            return bad(p.at(ReadProblems.locate(factory, text, p.pointer, file, lineOffset)));
        }
        SourceLocation first = ids.putIfAbsent(transcript.id(), transcript.source());
        if (first != null) {
            return bad(new TranscriptProblem(ReadProblems.locate(factory, text, JsonPointer.compile("/id"), file, lineOffset), transcript.id(), "id",
                    "duplicate: an earlier transcript in this run has the same id (" + first + ")",
                    "ids must be unique within a run; rename one of them"));
        }
        return new ReadResult.Read(ordinal++, transcript);
    }

    private ReadResult bad(TranscriptProblem problem) {
        seen(problem.describe());
        return new ReadResult.Bad(ordinal++, problem);
    }

    private void closeJsonl() {
        if (jsonl != null) {
            jsonl.close();
            jsonl = null;
            jsonlFile = null;
            jsonlShown = null;
        }
    }

    private static final class Utf8Problem extends IOException {
        final TranscriptProblem problem;

        Utf8Problem(TranscriptProblem problem) {
            super(problem.message());
            this.problem = problem;
        }
    }

    private static String decode(Path file, byte[] bytes) throws Utf8Problem {
        String utf16 = Utf16.detect(bytes, bytes.length);
        if (utf16 != null) {
            throw new Utf8Problem(new TranscriptProblem(new SourceLocation(file, 1, 1), null, null, Utf16.problem(), Utf16.hint(utf16, file.toString())));
        }
        try {
            return Utf8.decode(bytes);
        } catch (Utf8.MalformedException e) {
            throw new Utf8Problem(new TranscriptProblem(new SourceLocation(file, e.line(), e.column()), null, null,
                    e.getMessage(), "save the file as UTF-8"));
        }
    }
}

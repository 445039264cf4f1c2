package dev.handoff.eval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.error.HandoffException;
import dev.handoff.files.IoMessages;
import dev.handoff.files.ParseErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A report read as a stream: the fields before the transcript list, the list, then the rest. */
final class ReportFile {
    final Path file;
    final JsonParser parser;
    final Map<String, JsonNode> header = new LinkedHashMap<>();
    final ReportContext context;
    private boolean inList;

    private ReportFile(Path file, JsonParser parser) throws IOException {
        this.file = file;
        this.parser = parser;
        JsonToken first = parser.nextToken();
        if (first == null) {
            // the usual cause: 'report merge a.json b.json -o json > a.json', whose shell empties a.json before handoff starts
            throw HandoffException.usage(file + ": the file is empty",
                    "make that shard's report again (replay --shard I/N -o json); never redirect -o json to one of the reports read");
        }
        if (first != JsonToken.START_OBJECT) {
            throw notAReport(file);
        }
        readFields();
        JsonNode version = header.get("schema_version");
        if (version == null) {
            throw notAReport(file);
        }
        if (version.asInt() != ReportJson.SCHEMA_VERSION) {
            throw HandoffException.usage(file + ": schema_version " + version.asText() + " is not supported (this version reads "
                    + ReportJson.SCHEMA_VERSION + ")", "make the shard reports with the same version of handoff");
        }
        JsonNode criteria = header.get("criteria");
        if (criteria != null && !(criteria.isArray() && java.util.stream.StreamSupport.stream(criteria.spliterator(), false)
                .allMatch(c -> c.path("name").isTextual()))) {
            throw HandoffException.usage(file + ": criteria: must be a list of criteria with their names, found "
                            + OutcomeJsonCheck.kind(criteria),
                    "the report was changed or damaged after replay wrote it; run that shard again with -o json");
        }
        this.context = ReportJsonReader.readContext(header);
    }

    /**
     * @param shown the path as the user gave it: every message names the report so, and the
     *              merged report's fields too ({@link #file} is this, not where it was read from)
     */
    static ReportFile open(Path path, Path shown) {
        if (Files.isDirectory(path)) {
            throw HandoffException.usage(shown + ": is a folder, not a report", "pass the report files in it, e.g. handoff report merge "
                    + shown + "/*.json");
        }
        JsonParser p = null;
        try {
            p = Yaml.json().getFactory().createParser(Files.newInputStream(path));
            p.setCodec(Yaml.json());
            return new ReportFile(shown, p);
        } catch (NoSuchFileException e) {
            throw HandoffException.usage(shown + ": no such file", "pass the JSON reports written by 'handoff replay --shard I/N -o json'");
        } catch (IOException e) {
            throw unreadable(shown, p, e, "not a JSON report");
        }
    }

    /** file:line:column and what is wrong, in words (never the parser's own text). */
    private static HandoffException unreadable(Path file, JsonParser p, IOException e, String what) {
        if (e instanceof JsonProcessingException j) {
            ParseErrors.Problem problem = ParseErrors.of(file, 0, j, p == null ? null : p.currentTokenLocation());
            return HandoffException.usage(problem.where() + ": " + what + ": " + problem.what(),
                    problem.hintOr("pass the JSON reports written by 'handoff replay --shard I/N -o json'"));
        }
        return HandoffException.usage(file + ": cannot read: " + IoMessages.plain(e), null);
    }

    private static HandoffException notAReport(Path file) {
        return HandoffException.usage(file + ": not a replay report (no schema_version)", "pass reports written by 'handoff replay -o json'");
    }

    /** Reads fields until the transcript list starts (or the object ends). */
    private void readFields() throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken t = parser.nextToken();
            if (name.equals("transcripts")) {
                if (t != JsonToken.START_ARRAY) {
                    // else every transcript of this shard would silently be missing from the merge
                    throw HandoffException.usage(file + ": transcripts: must be a list, found "
                                    + OutcomeJsonCheck.kind(parser.readValueAsTree()),
                            "the report was changed or damaged after replay wrote it; run that shard again with -o json");
                }
                inList = true;
                return;
            }
            header.put(name, parser.readValueAsTree());
        }
    }

    JsonNode nextOutcome() {
        if (!inList) {
            return null;
        }
        try {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.START_OBJECT) {
                return parser.readValueAsTree();
            }
            if (t != JsonToken.END_ARRAY) {
                throw HandoffException.usage(file + ": transcripts: an entry is " + OutcomeJsonCheck.kind(parser.readValueAsTree())
                                + ", not a transcript",
                        "the report was changed or damaged after replay wrote it; run that shard again with -o json");
            }
            inList = false;
            return null;
        } catch (IOException e) {
            throw unreadable(file, parser, e, "malformed report");
        }
    }

    void finish() {
        try {
            while (inList) {
                nextOutcome();
            }
            readFields();
            ReportEnd.nothingAfter(parser, file.toString(),
                    "keep one report per file (a report appended with >> or a merge conflict leaves two); run that shard again with -o json");
        } catch (IOException e) {
            throw unreadable(file, parser, e, "malformed report");
        }
    }

    void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // read-only
        }
    }
}

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares a run with a saved JSON report. The baseline is streamed: only its ids and the
 * (transcript, criterion) pairs that were FP or FN are kept, never its whole transcript list.
 */
public final class Baseline {

    private final Path file;
    private final String shown;
    /** criterion -> {fp, fn, tp} */
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    /** id -> criterion -> "FP", "FN" or "FP,FN": only transcripts with errors. */
    private final Map<String, Map<String, String>> errors = new HashMap<>();
    private final Set<String> ids = new HashSet<>();
    /** Scored transcripts whose label expects a handoff without naming criteria, and which missed it: no criterion's FN. */
    private final Set<String> missedWithoutCriteria = new HashSet<>();
    private String classifierId;
    private String shard;

    private Baseline(Path file, String shown) {
        this.file = file;
        this.shown = shown;
    }

    /** @param shown how messages and reports name the file */
    public static Baseline load(Path file, String shown) {
        Baseline b = new Baseline(file, shown);
        JsonParser open = null;
        try (JsonParser p = Yaml.json().getFactory().createParser(Files.newInputStream(file))) {
            open = p;
            p.setCodec(Yaml.json());
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notAReport(shown, "it is not a JSON object");
            }
            boolean versionSeen = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "schema_version" -> {
                        versionSeen = true;
                        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                            // Jackson's own message ("Current token (VALUE_STRING) not numeric ...") says nothing to a user
                            var at = p.currentTokenLocation();
                            throw HandoffException.usage(shown + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": schema_version: must be the number "
                                    + ReportJson.SCHEMA_VERSION + ", found " + OutcomeJsonCheck.kind(p.readValueAsTree()),
                                    "a baseline is a report saved with --save-baseline or -o json; save it again: --save-baseline " + shown);
                        }
                        if (p.getIntValue() != ReportJson.SCHEMA_VERSION) {
                            throw HandoffException.usage(shown + ": schema_version " + p.getText() + " is not supported (this version reads "
                                    + ReportJson.SCHEMA_VERSION + ")", "save the baseline again with this version: --save-baseline " + shown);
                        }
                    }
                    case "criteria" -> b.readCriteria(p.readValueAsTree());
                    case "classifier" -> b.classifierId = ((JsonNode) p.readValueAsTree()).path("id").asText(null);
                    case "run" -> b.shard = ((JsonNode) p.readValueAsTree()).path("shard").asText(null);
                    case "transcripts" -> b.readTranscripts(p);
                    default -> p.skipChildren();
                }
            }
            if (!versionSeen) {
                throw notAReport(shown, "it has no schema_version");
            }
            ReportEnd.nothingAfter(p, shown, "keep one report per file (a report appended with >> or a merge conflict leaves two);"
                    + " save it again: --save-baseline " + shown);
        } catch (NoSuchFileException e) {
            throw HandoffException.usage(shown + ": no such file", "save a baseline first: handoff replay --save-baseline " + shown);
        } catch (JsonProcessingException e) {
            ParseErrors.Problem problem = ParseErrors.of(Path.of(shown), 0, e, open == null ? null : open.currentTokenLocation());
            throw HandoffException.usage(problem.where() + ": not a JSON report: " + problem.what(),
                    problem.hintOr("a baseline is a report saved with --save-baseline or -o json"));
        } catch (IOException e) {
            throw HandoffException.usage(shown + ": cannot read: " + IoMessages.plain(e),
                    "a baseline is a report saved with --save-baseline or -o json");
        }
        return b;
    }

    private void readCriteria(JsonNode rows) {
        if (!rows.isArray()) {
            throw damaged(shown, "criteria: must be a list, found " + OutcomeJsonCheck.kind(rows));
        }
        for (int i = 0; i < rows.size(); i++) {
            JsonNode r = rows.get(i);
            if (!r.path("name").isTextual()) {
                throw damaged(shown, "criteria[" + i + "].name: must be a string, found " + OutcomeJsonCheck.kind(r.path("name")));
            }
            for (String count : new String[]{"fp", "fn"}) {
                if (!r.path(count).isIntegralNumber() || r.path(count).asLong() < 0) {
                    throw damaged(shown, "criteria[" + i + "]." + count + ": must be a whole number from 0, found "
                            + OutcomeJsonCheck.kind(r.path(count)));
                }
            }
            counts.put(r.path("name").asText(), new long[]{r.path("fp").asLong(), r.path("fn").asLong(), r.path("tp").asLong(0)});
        }
    }

    private static HandoffException damaged(String file, String what) {
        return HandoffException.usage(file + ": " + what, "the baseline was changed or damaged after it was saved; save it again: --save-baseline " + file);
    }

    private static HandoffException notAReport(String file, String why) {
        return HandoffException.usage(file + ": not a replay report (" + why + ")", "a baseline is a report saved with --save-baseline or -o json");
    }

    private void readTranscripts(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw damaged(shown, "transcripts: must be a list, found " + OutcomeJsonCheck.kind(p.readValueAsTree()));
        }
        int i = 0;
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                throw damaged(shown, "transcripts[" + i + "]: must be an object, found " + OutcomeJsonCheck.kind(p.readValueAsTree()));
            }
            JsonNode t = p.readValueAsTree();
            try {
                OutcomeJsonCheck.idAndLabels(t);
            } catch (OutcomeJsonCheck.BadField e) {
                throw damaged(shown, "transcripts[" + i + "]" + (t.path("id").isTextual() ? " ('" + t.path("id").asText() + "')" : "")
                        + ": " + e.describe());
            }
            i++;
            String id = t.path("id").asText();
            ids.add(id);
            Map<String, String> e = errorsOf(t.path("labels"));
            if (!e.isEmpty()) {
                errors.put(id, e);
            }
            if (t.path("status").asText().equals(TranscriptOutcome.Status.SCORED.id()) && t.path("timing").asText().equals(Timing.MISSED.id())
                    && t.path("expect").path("criteria").isEmpty()) {
                missedWithoutCriteria.add(id);
            }
        }
    }

    private static Map<String, String> errorsOf(JsonNode labels) {
        Map<String, String> out = new TreeMap<>();
        labels.properties().forEach(e -> {
            List<String> l = new ArrayList<>();
            e.getValue().forEach(x -> {
                if (!x.asText().equals("TP")) {
                    l.add(x.asText());
                }
            });
            if (!l.isEmpty()) {
                out.put(e.getKey(), String.join(",", l));
            }
        });
        return out;
    }

    /**
     * Refuses a baseline that is one shard's report when this run is another shard or the whole run:
     * the two cover different transcripts, so every error of this run would look added, none new,
     * and the gate would pass whatever changed.
     *
     * @param shardNow this run's shard ("2/4"), or null for all transcripts
     */
    public void checkShard(String shardNow) {
        if (shard != null && !shard.equals(shardNow)) {
            throw HandoffException.usage("--baseline " + shown + ": it is the report of shard " + shard + " only, and this run "
                            + (shardNow == null ? "covers all transcripts" : "is shard " + shardNow) + ": they replay different transcripts",
                    "compare against a baseline of the whole run (merge the shard reports into a new file: handoff report merge"
                            + " shard-*.json --save-baseline baseline.json) or of this same shard");
        }
    }

    /** Streams the current outcomes (in order) against the baseline. */
    public BaselineComparison compare(Summary current, Iterable<TranscriptOutcome> outcomes) {
        List<String> warnings = new ArrayList<>();
        if (classifierId != null && !classifierId.equals(current.context().classifierId())) {
            warnings.add("the baseline was made with the '" + classifierId + "' classifier, this run with '" + current.context().classifierId() + "'");
        }
        String shardNow = current.context().run().shard();
        Shard scope = null;
        if (shard == null && shardNow != null) {
            // the whole run against one shard of it: compare this shard's transcripts only, or the others'
            // errors would all look "no longer replayed" and the counts would say nothing
            scope = Shard.parse(shardNow);
            warnings.add("the baseline covers all transcripts, this run shard " + shardNow
                    + ": only this shard's transcripts are compared (the baseline's counts recomputed from them)");
        } else {
            checkShard(shardNow);
        }
        return new BaselineDiff(shown, counts, errors, ids, missedWithoutCriteria, scope).compare(current, outcomes, warnings);
    }
}

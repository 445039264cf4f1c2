package dev.handoff.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.classify.llm.UsageText;
import dev.handoff.config.EvaluationSettings.GateLimits;
import dev.handoff.error.HandoffException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * Joins the JSON reports of the shards of one run ({@code handoff report merge}). Metrics are
 * recomputed from the per-transcript outcomes, which are merged in input order (every shard
 * records each transcript's position in the whole input), so the result equals the report of
 * an unsharded run. Streams: one outcome per shard in memory at a time, and the ids merged so
 * far (a transcript listed twice is refused, {@link ShardListCheck}).
 */
public final class ReportMerger {

    private ReportMerger() {
    }

    /**
     * The joined shards and what their runs gated with.
     *
     * @param limits     per criterion, the limits every shard report says it applied (evaluation
     *                   settings and command-line flags together)
     * @param maxInvalid the --max-invalid every shard ran with, null for none
     */
    public record Merged(Summary summary, Map<String, GateLimits> limits, Integer maxInvalid) {

        /** The merge's own gate with the shards' recorded limits under it. */
        public Gate gate(Gate flags) {
            return flags.withRecorded(limits, maxInvalid);
        }
    }

    /**
     * The merged summary; the merged outcomes go to {@code spool} when it is not null.
     *
     * @param names how the merged report names the shard reports (paths as the user gave them)
     */
    public static Merged merge(List<Path> files, List<String> names, OutcomeSpool spool) {
        return merge(files, names, spool, new Gate(GateLimits.NONE, null, 0));
    }

    /**
     * @param own the merge's own gate: where its flags (--max-fp-rate ..., --max-invalid) are set
     *            they replace what the shards recorded, so shards that ran with other limits can
     *            still be joined
     */
    public static Merged merge(List<Path> files, List<String> names, OutcomeSpool spool, Gate own) {
        GateLimits flags = own.flags();
        if (files.isEmpty()) {
            throw HandoffException.usage("no reports to merge", "pass the JSON reports of every shard: handoff report merge shard-*.json");
        }
        List<ReportFile> reports = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                reports.add(ReportFile.open(files.get(i), Path.of(names.get(i))));
            }
            ReportContext context = check(reports, names, own.maxInvalid() != null);
            Summary summary = new Summary(context);
            summary.recordCommand(recordCommand(reports.get(0)));
            // each shard paid for its own turns: the whole run's usage and cost are the sums
            Map<String, String> sums = UsageText.sum(reports.stream().map(r -> r.context.classifierDescribe()).toList());
            Map<String, String> describe = new LinkedHashMap<>(context.classifierDescribe());
            describe.putAll(sums);
            summary.classifierDescribe(describe);
            for (ReportFile r : reports) {
                Map<String, String> mine = new LinkedHashMap<>(r.context.classifierDescribe());
                mine.putAll(sums);
                if (!mine.equals(describe)) {
                    // counters and cache statistics differ between shards; the classifier id and configuration may not
                    summary.warn(r.file.getFileName() + ": the classifier describes itself differently than in "
                            + reports.get(0).file.getFileName() + "; the merged report shows the first");
                }
            }
            PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> Long.compare(a.ordinal, b.ordinal));
            for (ReportFile r : reports) {
                JsonNode n = r.nextOutcome();
                if (n != null) {
                    heads.add(new Head(n, r));
                }
            }
            long last = -1;
            ShardListCheck lists = new ShardListCheck();
            List<String> criteria = summary.context().criteria().stream().map(ReportContext.CriterionInfo::name).toList();
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                if (h.ordinal == last) {
                    throw HandoffException.usage(h.report.file + ": transcript '" + h.node.path("id").asText() + "' is also in another report",
                            "merge the reports of the shards of one run, each once");
                }
                last = h.ordinal;
                TranscriptOutcome o;
                try {
                    o = OutcomeJson.read(h.node);
                } catch (OutcomeJsonCheck.BadField e) {
                    throw HandoffException.usage(h.report.file + ": transcript '" + h.node.path("id").asText() + "': " + e.describe(),
                            ShardListCheck.DAMAGED);
                }
                lists.outcome(h.report, o);
                String edited = contradiction(o, criteria);
                if (edited != null) {
                    throw HandoffException.usage(h.report.file + ": transcript '" + o.id() + "': " + edited, ShardListCheck.DAMAGED);
                }
                summary.add(o);
                if (spool != null) {
                    spool.add(o);
                }
                JsonNode n = h.report.nextOutcome();
                if (n != null) {
                    heads.add(new Head(n, h.report));
                }
            }
            for (ReportFile r : reports) {
                r.finish();
                lists.finish(r);
                absorbRest(summary, r);
            }
            return new Merged(summary, appliedLimits(reports, flags), maxInvalid(reports.get(0)));
        } finally {
            reports.forEach(ReportFile::close);
        }
    }

    /**
     * What a scored outcome's labels and timing contradict in its own expect, trigger_turn and fired, else null: merge
     * counts the labels, and a hand-edited list ({@code [TP, TP]}, an FN where the criterion fired as expected) moved the
     * merged figures with exit 0.
     *
     * @param criteria the configuration's criteria, in report order
     */
    static String contradiction(TranscriptOutcome o, List<String> criteria) {
        // replay scores every transcript with a label and no other: a status edited to "unlabelled" dropped its TP
        if (o.status() == TranscriptOutcome.Status.UNLABELLED && o.expect() != null) {
            return "its status 'unlabelled' does not follow from its expect (replay scores a labelled transcript)";
        }
        if ((o.status() == TranscriptOutcome.Status.INVALID || o.status() == TranscriptOutcome.Status.UNRECORDED) && o.invalid() == null) {
            return "its status '" + o.status().id() + "' comes without the turn it happened at";
        }
        if (o.status() == TranscriptOutcome.Status.SCORED && o.expect() == null) {
            return "its status 'scored' does not follow from a transcript without expect";
        }
        if (o.status() != TranscriptOutcome.Status.SCORED || o.expect() == null) {
            return null;
        }
        Map<String, List<Label>> labels = Scoring.score(o.expect(), o.triggerTurn(), new java.util.LinkedHashSet<>(o.fired()), criteria);
        if (!labels.equals(o.labels())) {
            return "its labels " + o.labels() + " do not follow from its expect, trigger_turn and fired (replay gives " + labels + ")";
        }
        Timing timing = Scoring.timing(o.expect(), o.triggerTurn());
        if (timing != o.timing()) {
            return "its timing '" + (o.timing() == null ? "null" : o.timing().id()) + "' does not follow from its expect and trigger_turn"
                    + " (replay gives '" + timing.id() + "')";
        }
        return null;
    }

    /**
     * Per criterion, the limits the shards' gates applied (each report's criteria list shows them;
     * a shard lists an inactive criterion only where it came up). Shards that disagree on a
     * criterion were not one run.
     */
    private static Map<String, GateLimits> appliedLimits(List<ReportFile> reports, GateLimits flags) {
        Map<String, GateLimits> out = new LinkedHashMap<>();
        Map<String, ReportFile> from = new LinkedHashMap<>();
        for (ReportFile r : reports) {
            JsonNode criteria = r.header.get("criteria");
            if (criteria == null) {
                continue;
            }
            for (JsonNode c : criteria) {
                String name = c.path("name").asText();
                GateLimits limits = flags.orElse(ReportJsonReader.readLimits(c.path("limits")));
                GateLimits earlier = out.putIfAbsent(name, limits);
                if (earlier == null) {
                    from.put(name, r);
                } else if (!earlier.equals(limits)) {
                    throw HandoffException.usage(r.file + ": ran with other limits for " + name + " than " + from.get(name).file
                            + " (" + describe(limits) + " vs " + describe(earlier) + ")",
                            "merge only the shard reports of one run, or give the differing limit here (--max-fp-rate, --min-recall or --min-precision)");
                }
            }
        }
        return out;
    }

    private static String describe(GateLimits l) {
        List<String> parts = new ArrayList<>();
        if (l.maxFpRate() != null) {
            parts.add("max_fp_rate " + Gate.pct(l.maxFpRate()));
        }
        if (l.minRecall() != null) {
            parts.add("min_recall " + Gate.pct(l.minRecall()));
        }
        if (l.minPrecision() != null) {
            parts.add("min_precision " + Gate.pct(l.minPrecision()));
        }
        return parts.isEmpty() ? "no limits" : String.join(", ", parts);
    }

    private static Integer maxInvalid(ReportFile r) {
        JsonNode gate = r.header.get("gate");
        JsonNode n = gate == null ? null : gate.get("max_invalid");
        return n != null && n.canConvertToInt() && n.isIntegralNumber() ? n.asInt() : null;
    }

    private static String recordCommand(ReportFile r) {
        JsonNode n = r.header.get("no_recorded_verdict");
        return n == null || !n.path("record_command").isTextual() ? null : n.path("record_command").asText();
    }

    private static void absorbRest(Summary summary, ReportFile r) {
        JsonNode bad = r.header.get("bad_transcripts");
        if (bad != null) {
            summary.absorbBad(ReportJsonReader.readExamples(bad.path("examples")), bad.path("count").asLong());
        }
        JsonNode skipped = r.header.get("skipped_files");
        if (skipped != null) {
            skipped.forEach(s -> summary.skippedFile(s.asText()));
        }
        JsonNode warnings = r.header.get("warnings");
        if (warnings != null) {
            warnings.forEach(w -> {
                if (!ReportWarnings.derived(w.asText())) {
                    summary.warn(w.asText());
                }
            });
        }
        JsonNode sweep = r.header.get("sweep");
        if (sweep != null && sweep.isObject()) {
            if (summary.sweep() == null) {
                Map<String, Double> configured = new LinkedHashMap<>();
                sweep.path("criteria").forEach(c -> {
                    if (c.path("configured_threshold").isNumber()) {
                        configured.put(c.path("name").asText(), c.path("configured_threshold").asDouble());
                    }
                });
                summary.sweep(new Sweep(List.of(), sweep.path("target_fp_rate").asDouble(0.01), configured));
            }
            sweep.path("criteria").forEach(c -> {
                long[][] counts = new long[4][Sweep.STEPS + 1];
                JsonNode rows = c.path("thresholds");
                for (int i = 0; i <= Sweep.STEPS && i < rows.size(); i++) {
                    JsonNode row = rows.get(i);
                    counts[Sweep.TP][i] = row.path("tp").asLong();
                    counts[Sweep.FP][i] = row.path("fp").asLong();
                    counts[Sweep.FN][i] = row.path("fn").asLong();
                    counts[Sweep.TN][i] = row.path("tn").asLong();
                }
                summary.sweep().absorb(c.path("name").asText(), counts, c.path("has_scores").asBoolean());
            });
        }
    }

    /** The shards must be the complete set of one run: same configuration, classifier and options. */
    private static ReportContext check(List<ReportFile> reports, List<String> names, boolean maxInvalidGiven) {
        ReportFile first = reports.get(0);
        ReportContext base = first.context;
        TreeSet<Integer> indices = new TreeSet<>();
        Integer count = null;
        for (ReportFile r : reports) {
            ReportContext c = r.context;
            if (c.run().shard() == null) {
                throw HandoffException.usage(r.file + ": not a shard report (it was made without --shard)",
                        "merge the reports of 'handoff replay --shard I/N -o json', one per shard");
            }
            Shard s;
            try {
                s = Shard.parse(c.run().shard());
            } catch (HandoffException notAShard) {
                // the message names --shard, an option of replay the user of merge never gave
                throw HandoffException.usage(r.file + ": run.shard '" + c.run().shard() + "' is not I/N with 1 <= I <= N; "
                        + "the report was changed or damaged", "run that shard again: handoff replay --shard I/N -o json");
            }
            if (count == null) {
                count = s.count();
            } else if (count != s.count()) {
                throw HandoffException.usage(r.file + ": shard " + s + " is from a run split into " + s.count() + ", not " + count, null);
            }
            if (!indices.add(s.index())) {
                throw HandoffException.usage(r.file + ": shard " + s + " is given twice", "pass each shard's report once");
            }
            differs(r, first, "configuration", c.configHash(), base.configHash());
            differs(r, first, "classifier", c.classifierId(), base.classifierId());
            // one model's verdicts merged with another's would be neither model's figures
            differs(r, first, "model", c.classifierDescribe().get("model"), base.classifierDescribe().get("model"));
            differs(r, first, "evaluation settings", c.settingsHash(), base.settingsHash());
            differs(r, first, "--all-turns", c.run().allTurns(), base.run().allTurns());
            differs(r, first, "--repeat", c.run().repeat(), base.run().repeat());
            differs(r, first, "--keep-going", c.run().keepGoing(), base.run().keepGoing());
            differs(r, first, "list of transcript inputs", c.run().inputs(), base.run().inputs());
            if (!Objects.equals(c.run().inputDigest(), base.run().inputDigest())) {
                // same paths, other content: transcripts added, changed or removed between the shard runs
                throw HandoffException.usage(r.file + ": its shard read other transcripts than " + first.file + "'s (transcripts in "
                                + String.join(", ", c.run().inputs()) + " were added, changed or removed between the shard runs,"
                                + " or one shard ran with --strict-labels and the other without)",
                        "run every shard on the same version of the transcripts and with the same options, then merge");
            }
            if (!maxInvalidGiven) {
                differs(r, first, "--max-invalid", String.valueOf(maxInvalid(r)).replace("null", "none"),
                        String.valueOf(maxInvalid(first)).replace("null", "none"));
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            if (!indices.contains(i)) {
                missing.add(i + "/" + count);
            }
        }
        if (!missing.isEmpty()) {
            throw HandoffException.usage("shard" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " missing from the reports to merge",
                    "pass the report of every shard (merging part of a run would give wrong totals)");
        }
        return base.withRun(new ReportContext.RunInfo(base.run().inputs(), base.run().allTurns(), base.run().repeat(), null,
                base.run().keepGoing(), names));
    }

    private static void differs(ReportFile r, ReportFile first, String what, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            throw HandoffException.usage(r.file + ": made with another " + what + " than " + first.file + " (" + a + " vs " + b + ")",
                    "merge only the shard reports of one run");
        }
    }

    private record Head(JsonNode node, ReportFile report, long ordinal) {
        Head(JsonNode node, ReportFile report) {
            this(node, report, node.path("ordinal").asLong());
        }
    }
}

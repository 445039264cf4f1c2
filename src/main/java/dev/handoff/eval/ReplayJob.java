package dev.handoff.eval;

import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierFactory;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.Classifiers;
import dev.handoff.classify.recorded.VerdictTap;
import dev.handoff.config.CatyConfig;
import dev.handoff.config.Criterion;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.Provider;
import dev.handoff.config.RoutingProfile;
import dev.handoff.config.validate.ConfigValidator;
import dev.handoff.config.validate.Finding;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.error.HandoffException;
import dev.handoff.transcript.LabelCheck;
import dev.handoff.transcript.TranscriptProblem;
import dev.handoff.transcript.TranscriptReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * One {@code handoff replay}: loads the configuration and its evaluation settings, creates the
 * classifier, streams the transcripts through the engine and collects the summary (and, when a
 * report needs every transcript, the outcomes in a spool file).
 */
public final class ReplayJob {

    /**
     * @param configDisplay  how reports name the configuration file (relative to the working directory)
     * @param inputDisplay   how reports name the inputs
     * @param spool          keep every outcome (for -o json, --junit, --baseline, --save-baseline)
     * @param targetFpRate   for --sweep
     * @param tap            keys, shares and records verdicts (LLM and recorded classifiers), or null
     * @param recordCommand  for a recorded replay: the command that records missing verdicts, or null
     */
    public record Request(Path configFile, String configDisplay, List<Path> inputs, List<String> inputDisplay, String classifierId,
                          ClassifierOptions classifierOptions, ReplayOptions options, boolean strictLabels, boolean sweep,
                          double targetFpRate, boolean spool, VerdictTap tap, String recordCommand,
                          Path settingsFile, String settingsDisplay) {

        /** The evaluation settings beside the configuration ({@code NAME.eval.yaml}), if there are any. */
        public Request(Path configFile, String configDisplay, List<Path> inputs, List<String> inputDisplay, String classifierId,
                       ClassifierOptions classifierOptions, ReplayOptions options, boolean strictLabels, boolean sweep,
                       double targetFpRate, boolean spool, VerdictTap tap, String recordCommand) {
            this(configFile, configDisplay, inputs, inputDisplay, classifierId, classifierOptions, options, strictLabels, sweep,
                    targetFpRate, spool, tap, recordCommand, null, null);
        }

        /** The same request with the evaluation settings of {@code file}, shown as {@code display}. */
        public Request withSettings(Path file, String display) {
            return new Request(configFile, configDisplay, inputs, inputDisplay, classifierId, classifierOptions, options,
                    strictLabels, sweep, targetFpRate, spool, tap, recordCommand, file, display);
        }
    }

    /** @param spool null unless requested */
    public record Result(Summary summary, OutcomeSpool spool, Map<String, String> classifierStatistics) implements AutoCloseable {
        @Override
        public void close() {
            if (spool != null) {
                spool.close();
            }
        }
    }

    /** Characters of the first refused value's path and message quoted in the warning. */
    private static final int QUOTED = 200;

    private ReplayJob() {
    }

    /** @param progress called with the number of transcripts done so far */
    public static Result run(Request req, LongConsumer progress) {
        return run(req, progress, turns -> { });
    }

    /**
     * @param progress called with the number of transcripts done so far
     * @param turns    called after each round with the number of user turns classified so far
     */
    public static Result run(Request req, LongConsumer progress, LongConsumer turns) {
        LocalConfig local = LocalConfig.read(req.configFile(), Path.of(req.configDisplay()));
        EvaluationSettings settings = req.settingsFile() == null ? EvaluationSettings.forConfig(req.configFile())
                : EvaluationSettings.load(req.settingsFile());
        HandoffConfig config = configuration(local, settings);
        ClassifierFactory factory = Classifiers.factory(req.classifierId());
        LabelCheck labels = req.strictLabels() ? new LabelCheck(
                new LinkedHashSet<>(config.criteria().stream().map(Criterion::name).toList()),
                new LinkedHashSet<>(config.routingProfiles().stream().map(RoutingProfile::name).toList())) : null;
        OutcomeSpool spool = req.spool() ? OutcomeSpool.create() : null;
        try (TranscriptReader reader = TranscriptReader.open(req.inputs(), req.inputDisplay().stream().map(Path::of).toList(), labels);
             Classifier created = factory.create(ReplayEngine.classifierView(config), settings, req.classifierOptions())) {
            if (req.options().shard() != null) {
                reader.digestInputs();
            }
            Classifier classifier = req.tap() == null ? created : req.tap().wrap(created, ReplayEngine.classifierView(config));
            ReportContext context = context(req, local, config, settings, classifier, factory);
            Summary summary = new Summary(context);
            summary.recordCommand(req.recordCommand());
            Sweep sweep = null;
            if (req.sweep()) {
                Map<String, Double> configured = new LinkedHashMap<>();
                for (String c : ReplayEngine.askedCriteria(config)) {
                    Double t = settings.criterion(c).threshold();
                    if (t != null) {
                        configured.put(c, t);
                    }
                }
                sweep = new Sweep(new ArrayList<>(ReplayEngine.askedCriteria(config)), req.targetFpRate(), configured);
                summary.sweep(sweep);
            }
            ReplayEngine engine = new ReplayEngine(config, classifier, req.options(), sweep);
            long[] finished = {0};
            long[] bad = {0};
            engine.run(reader, new ReplayEngine.Listener() {
                @Override
                public void outcome(TranscriptOutcome outcome) {
                    summary.add(outcome);
                    if (spool != null) {
                        spool.add(outcome);
                    }
                }

                @Override
                public void bad(long ordinal, TranscriptProblem problem) {
                    summary.addBad(ordinal, problem);
                    progress.accept(finished[0] + ++bad[0]);
                }

                @Override
                public void transcriptsFinished(long total) {
                    if (total != finished[0]) {
                        finished[0] = total;
                        progress.accept(finished[0] + bad[0]);
                    }
                }

                @Override
                public void turnsClassified(long total) {
                    turns.accept(total);
                }
            });
            summary.unrecordedAfterTrigger(engine.unrecordedAfterTrigger());
            if (req.options().shard() != null) {
                summary.inputDigest(reader.inputDigest());
            }
            reader.skippedFiles().forEach(f -> summary.skippedFile(f.toString()));
            List<java.nio.file.Path> json = reader.skippedJson();
            if (!json.isEmpty()) {
                summary.warn("not read: " + json.size() + " .json transcript" + (json.size() == 1 ? "" : "s") + " in the folders ("
                        + json.stream().limit(3).map(java.nio.file.Path::toString).collect(java.util.stream.Collectors.joining(", "))
                        + (json.size() > 3 ? ", ..." : "") + "); a folder is read for .yaml, .yml, .jsonl and .ndjson files: "
                        + "name a .json transcript on the command line, or rename it");
            }
            reader.skippedLinks().forEach(link -> summary.warn("not followed: " + link));
            if (classifier.describe() != null) {
                summary.classifierDescribe(new LinkedHashMap<>(classifier.describe()));
            }
            warnings(summary, config, engine, sweep, classifier);
            if (local.provider() == Provider.CATY) {
                for (String unread : CatyConfig.unread(local.document())) {
                    summary.warn(req.configDisplay() + ": " + unread + " (handoff validate says what to write)");
                }
            }
            warnIfInvalid(summary, req);
            return new Result(summary, spool, classifier.statistics() == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(classifier.statistics())));
        } catch (RuntimeException e) {
            if (spool != null) {
                spool.close();
            }
            throw e;
        }
    }

    /**
     * The names of the criteria replay scores for this configuration with the evaluation settings
     * beside it, in order: the file's own and those the settings add ({@code failed_attempts}).
     * What {@code transcripts import --config} checks labels against, so it accepts what replay scores.
     */
    public static List<String> criterionNames(Path configFile) {
        return configuration(LocalConfig.read(configFile), EvaluationSettings.forConfig(configFile)).criteria().stream()
                .map(Criterion::name).toList();
    }

    private static HandoffConfig configuration(LocalConfig local, EvaluationSettings settings) {
        return HandoffConfig.from(local).withEvaluationSettings(settings);
    }

    /**
     * A file the documented rules refuse is measured as it reads, and a value the rules refuse may
     * read as something else (a time zone "PST" as UTC, a count out of range as no rule): the report
     * says so, or a gate could pass on a configuration the server would never take.
     */
    private static void warnIfInvalid(Summary summary, Request req) {
        List<Finding> errors;
        try {
            // a field left out is read as its default, as the author left it; a value written wrong is what can mislead
            errors = ConfigValidator.validate(req.configFile(), Path.of(req.configDisplay())).errors()
                    .stream().filter(f -> !f.message().startsWith("is missing ")).toList();
        } catch (RuntimeException unreadable) {
            return; // it was read for the replay; a second reading's trouble is not this report's
        }
        if (!errors.isEmpty()) {
            Finding first = errors.get(0);
            // the first error quotes the value it refuses, which may be a 20,000-character string: cut, the line stays readable
            summary.warn(req.configDisplay() + " has " + errors.size() + (errors.size() == 1 ? " value" : " values") + " the documented rules refuse"
                    + " (first: line " + first.location().line() + ", " + Format.cut(first.path(), QUOTED) + ": "
                    + Format.cut(first.message(), QUOTED) + "); a value the rules "
                    + "refuse may have been read as another (a time zone as UTC, a trigger as off), so these figures may not be the "
                    + "file's; 'handoff validate " + req.configDisplay() + "' lists them, and push refuses the file");
        }
    }

    private static void warnings(Summary summary, HandoffConfig config, ReplayEngine engine, Sweep sweep, Classifier classifier) {
        if (!config.handoffActive()) {
            summary.warn("handoff is switched off in the configuration (settings.is_active: false); the criteria were replayed as if it were on");
        }
        if (config.activeCriteria().isEmpty()) {
            summary.warn("the configuration has no active criteria: nothing can fire");
        }
        if (engine.invalidAfterTrigger() > 0) {
            summary.warn(engine.invalidAfterTrigger() + " invalid classifier outputs after a trigger turn (--all-turns); they do not change the scores");
        }
        if (sweep != null && !sweep.anyScores()) {
            summary.warn("--sweep: the '" + classifier.id() + "' classifier gives no scores, so there is nothing to sweep");
        }
        Map<String, String> describe = classifier.describe();
        if (describe != null && describe.get("warning") != null) {
            summary.warn(describe.get("warning"));
        }
    }

    private static ReportContext context(Request req, LocalConfig local, HandoffConfig config, EvaluationSettings settings,
                                         Classifier classifier, ClassifierFactory factory) {
        List<ReportContext.CriterionInfo> criteria = config.criteria().stream()
                .map(c -> new ReportContext.CriterionInfo(c.name(), c.kind().name().toLowerCase(java.util.Locale.ROOT), c.active(),
                        c.deterministic(), settings.gate(c.name())))
                .toList();
        List<ReportContext.ProfileInfo> profiles = config.routingProfiles().stream()
                .map(p -> new ReportContext.ProfileInfo(p.name(), p.active())).toList();
        Map<String, String> describe = new LinkedHashMap<>(classifier.describe() == null ? Map.of() : classifier.describe());
        String settingsFile = settings.file() == null ? null
                : req.settingsDisplay() != null ? req.settingsDisplay() : displaySibling(req, settings.file());
        Shard shard = req.options().shard();
        return new ReportContext(req.configDisplay(), CanonicalForm.hash(local.provider(), local.document()), local.provider().id(),
                config.handoffActive(), settingsFile, settings.file() == null ? null : sha256(settings.file()),
                criteria, profiles, config.workingHours().active(), config.workingHours().zone().getId(),
                factory.id(), describe,
                new ReportContext.RunInfo(req.inputDisplay(), req.options().allTurns(), req.options().repeat(),
                        shard == null ? null : shard.toString(), req.options().keepGoing(), List.of()));
    }

    private static String displaySibling(Request req, Path settingsFile) {
        Path parent = Path.of(req.configDisplay()).getParent();
        String name = settingsFile.getFileName().toString();
        return parent == null ? name : parent.resolve(name).toString();
    }

    static String sha256(Path file) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw HandoffException.usage(file + ": cannot read: " + e.getMessage(), null);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.handoff.cli;

import dev.handoff.classify.ApiKey;
import dev.handoff.classify.ChatServer;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.Classifiers;
import dev.handoff.classify.recorded.VerdictFile;
import dev.handoff.classify.recorded.RecordedClassifierFactory;
import dev.handoff.classify.recorded.VerdictTap;
import dev.handoff.classify.Price;
import dev.handoff.config.ProjectFile;
import dev.handoff.error.HandoffException;
import dev.handoff.eval.CompareGate;
import dev.handoff.eval.CompareJob;
import dev.handoff.eval.Gate;
import dev.handoff.eval.ReplayJob;
import dev.handoff.eval.ReplayOptions;
import dev.handoff.eval.ReportOutputs;
import dev.handoff.eval.Shard;
import dev.handoff.transcript.TranscriptReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Replay transcripts through a classifier, report per-criterion errors, gate CI.",
                "",
                "Replay recorded transcripts through a classifier, turn by turn, and report per criterion how "
                        + "often it fires when it should not (FP), misses (FN), precision, recall and false-positive rate "
                        + "with a 95%% Wilson interval; also premature and late handoffs, routing, working hours and "
                        + "invalid classifier output. With limits or a baseline it is a CI gate: exit 0 when it passes, 1 "
                        + "when it fails.",
                "",
                "Without arguments: the default target's configuration from handoff.yaml, the transcripts/ "
                        + "folder next to it and the embedded classifier. Transcripts are YAML files (one each) or .jsonl "
                        + "files (one a line); folders are read recursively. Scoring rules: docs/replay.md.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  handoff replay",
                "  handoff replay --classifier keywords transcripts/hard-negatives",
                "  handoff replay --classifier openai --model gpt-4o-mini --price 0.15/0.60",
                "  handoff replay --classifier openai --base-url http://localhost:8000/v1 \\",
                "      --model qwen2.5-7b-instruct",
                "  # save a baseline once, then gate on it (no new errors against it)",
                "  handoff replay --save-baseline baseline.json",
                "  handoff replay --max-fp-rate 2%% --baseline baseline.json --junit replay.xml",
                "  # four shards (one per CI job), then one report",
                "  for i in 1 2 3 4; do handoff replay --shard $i/4 -o json > shard-$i.json; done",
                "  handoff report merge shard-*.json",
                "  handoff replay --sweep --target-fp-rate 0.005",
                "  # record an LLM's verdicts beside the configuration, then replay them in CI",
                "  handoff replay --classifier ollama --record",
                "  handoff replay --classifier recorded --max-fp-rate 2%%",
                "  # the same transcripts against the target branch's wording, for the PR comment",
                "  git show main:guidelines/quickchat-support.yaml > /tmp/base.yaml",
                "  handoff replay --classifier recorded --compare /tmp/base.yaml --max-new-fp 0 \\",
                "      --markdown compare.md"})
final class ReplayCommand extends BaseCommand {

    /**
     * For shell completion: the classifiers built into handoff (those shipped beside this class;
     * a test's own classifier on the class path stays out of the committed scripts).
     */
    static final class ClassifierIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            var home = ReplayCommand.class.getProtectionDomain().getCodeSource();
            return dev.handoff.classify.Classifiers.available().stream()
                    .filter(f -> home == null || home.equals(f.getClass().getProtectionDomain().getCodeSource()))
                    .map(dev.handoff.classify.ClassifierFactory::id).iterator();
        }
    }

    @Parameters(paramLabel = "TRANSCRIPTS", arity = "0..*",
            description = "Transcript files (.yaml, .jsonl) or folders (default: transcripts/ next to handoff.yaml).")
    List<Path> transcripts = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "The configuration to replay against (default: the target's file in handoff.yaml).")
    Path config;

    @Option(names = "--target", paramLabel = "NAME", description = "Take the configuration of this target of the project file (default: its default target).")
    String target;

    @Option(names = "--classifier", paramLabel = "ID", defaultValue = "embedding", completionCandidates = ClassifierIds.class,
            description = "embedding (offline, default), ollama (a local model), openai (any OpenAI-compatible server), "
                    + "recorded (verdicts recorded from an LLM, offline) or keywords (the deterministic rules only).")
    String classifier;

    @Mixin
    VerdictOptions verdicts;

    @Mixin
    CompareOptions compare;

    @Mixin
    OutputMixin output;

    @Mixin
    ReportOptionsMixin report;

    @Option(names = "--keep-going", description = "Report bad transcripts and replay the others, instead of stopping at the first (exit 2).")
    boolean keepGoing;

    @Option(names = "--strict-labels", description = "Criteria and routes in 'expect' that the configuration does not have are errors, not warnings.")
    boolean strictLabels;

    @Option(names = "--all-turns", description = "Go on after the trigger turn (reports every turn that fires; scores still use the first).")
    boolean allTurns;

    @Option(names = "--sweep", description = "Per criterion, precision, recall and FP rate across score thresholds, and a suggested threshold (implies --all-turns).")
    boolean sweep;

    @Option(names = "--target-fp-rate", paramLabel = "RATE", defaultValue = "0.01", description = "With --sweep: the false-positive rate a suggested threshold keeps to (default: ${DEFAULT-VALUE}).")
    String targetFpRate;

    @Option(names = "--shard", paramLabel = "I/N", description = "Replay a stable 1/N of the transcripts (by id), I from 1 to N; join with 'handoff report merge'.")
    String shard;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "Run each transcript N times and report the unstable ones (the first run is scored; caches are not read).")
    int repeat;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4", description = "Classifier requests in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--ollama-url", paramLabel = "URL", defaultValue = "http://localhost:11434", description = "Ollama server (default: ${DEFAULT-VALUE}).")
    String ollamaUrl;

    @Option(names = "--model", paramLabel = "NAME", description = "Model name for ollama (default: llama3.1:8b) or openai (required unless the evaluation settings name one).")
    String model;

    @Option(names = "--base-url", paramLabel = "URL", description = "OpenAI-compatible server for --classifier openai (default: https://api.openai.com/v1).")
    String baseUrl;

    @Option(names = "--api-key-env", paramLabel = "NAME", description = "Environment variable holding the API key (default: OPENAI_API_KEY; a local server needs none).")
    String apiKeyEnv;

    @Option(names = "--api-key-header", paramLabel = "HEADER", description = "How the key is sent: 'Authorization: Bearer' (default) or a header name, e.g. api-key for Azure OpenAI.")
    String apiKeyHeader;

    @Option(names = "--price", paramLabel = "IN/OUT", description = "USD per million input/output tokens (IN/OUT/CACHED with a cached-input rate): the run's cost and a rerun's.")
    String price;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "120s", converter = DurationConverter.class,
            description = "Per classifier request, e.g. 120s or 2m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--no-cache", description = "Do not read classifier caches (they are still refreshed).")
    boolean noCache;

    @Option(names = "--window", paramLabel = "N", defaultValue = "" + ReplayOptions.DEFAULT_WINDOW, hidden = true,
            description = "Transcripts in flight at once (each round asks about one turn of each).")
    int window;

    @Override
    public Integer call() {
        if (repeat < 1 || concurrency < 1 || window < 1 || timeout.isZero()) {
            throw HandoffException.usage(repeat < 1 ? "--repeat " + repeat + ": must be at least 1"
                    : concurrency < 1 ? "--concurrency " + concurrency + ": must be at least 1"
                    : timeout.isZero() ? "--timeout: must be longer than 0 s" : "--window " + window + ": must be at least 1", null);
        }
        // a misspelt classifier is named before any file is looked for: it is the same mistake everywhere
        dev.handoff.classify.Classifiers.factory(classifier);
        Double target = ReportOptionsMixin.rate("--target-fp-rate", targetFpRate);
        Gate gate = report.gate();
        Path workDir = context().workDir();
        Path configFile = configFile(workDir);
        List<String> settingsWarnings = EvaluationSettingsCheck.check(workDir, configFile, classifier);
        List<Path> inputs = inputs(workDir, configFile);
        Shard sh = shard == null ? null : Shard.parse(shard);
        ReportOutputs outputs = report.outputs(this, output.json(), ReplayReads.of(workDir, configFile, inputs, transcripts, compare, classifier, verdicts),
                shard == null ? null : sh.toString());
        ReplayOptions options = new ReplayOptions(window, allTurns || sweep, repeat, sh, keepGoing);
        ClassifierOptions classifierOptions = new ClassifierOptions(context().dirs().cache(), ollamaUrl, model, concurrency,
                timeout, !noCache && repeat == 1, chatServer()).withNotices(note -> {
                    err().println("handoff: " + note);
                    err().flush();
                }).withRequestLog(verbose() ? line -> {
                    err().println("handoff: " + line);
                    err().flush();
                } : null);
        List<String> inputDisplay = inputs.stream().map(p -> display(workDir, p)).toList();
        compare.check(sweep, repeat, sh != null, report);
        Path baseFile = compare.active() ? compare.baseFile(workDir) : null;
        String baseShown = baseFile == null ? null : display(workDir, baseFile);
        if (baseFile != null) {
            EvaluationSettingsCheck.check(workDir, baseFile, classifier);
        }
        VerdictTap tap = verdicts.tap(classifier, sh, repeat, compare.active());
        verdicts.checkBeforeRun(tap, configFile, display(workDir, VerdictFile.pathFor(configFile)));
        if (baseFile != null && RecordedClassifierFactory.ID.equals(classifier)) {
            // read here, where its path can be shown as given: the classifier that reads it next knows absolute paths only
            VerdictFile.read(VerdictFile.pathFor(baseFile), display(workDir, VerdictFile.pathFor(baseFile)));
        }
        classifierOptions = classifierOptions.withVerdictFiles(baseFile == null ? List.of(VerdictFile.pathFor(configFile))
                : List.of(VerdictFile.pathFor(configFile), VerdictFile.pathFor(baseFile)));
        String recordCommand = VerdictOptions.recordCommand(classifier, configFile, display(workDir, configFile),
                transcripts.isEmpty() ? List.of() : inputDisplay, allTurns || sweep, baseShown);
        if (RecordedClassifierFactory.ID.equals(classifier) && classifierOptions.verdictFiles().stream().noneMatch(Files::isRegularFile)) {
            // else every turn counts as "no recorded verdict for the current prompt", which reads like a wording change
            throw HandoffException.usage(display(workDir, VerdictFile.pathFor(configFile)) + ": no such file; --classifier recorded replays"
                    + " the LLM verdicts recorded there, and none were recorded yet", "record them first: " + recordCommand);
        }
        ReplayJob.Request request = new ReplayJob.Request(configFile, display(workDir, configFile), inputs,
                inputDisplay, classifier, classifierOptions, options, strictLabels, sweep,
                target, outputs.needsOutcomes() || baseFile != null, tap, recordCommand);
        if (baseFile != null) {
            // each side reads its own verdict file first: where the two recordings disagree on a question, BASE is
            // scored with what was recorded for BASE, not with the current file's verdict
            ReplayJob.Request base = new ReplayJob.Request(baseFile, baseShown, inputs, inputDisplay, classifier,
                    classifierOptions.withVerdictFiles(List.of(VerdictFile.pathFor(baseFile), VerdictFile.pathFor(configFile))),
                    options, strictLabels, false, target, true, tap, recordCommand);
            base = CompareOptions.baseSettings(base, baseFile, configFile, workDir, err());
            return compare(base, request, gate, tap, configFile, display(workDir, VerdictFile.pathFor(configFile)), sh);
        }
        // progress goes to stderr, so it shows whenever stderr is a terminal: also with -o json > r.json
        StatusLine progress = context().interactive() || StatusLine.stderrIsTerminal() ? new StatusLine(progressErr()) : null;
        long total = progress == null ? 0 : TranscriptReader.estimateCount(inputs) / (sh == null ? 1 : sh.count());
        long started = System.nanoTime();
        long[] counts = {0, 0}; // transcripts done, turns classified: both move the line
        Runnable redraw = () -> {
            if (progress != null) {
                progress.show(() -> ReplayProgress.text(counts[0], total, counts[1], (System.nanoTime() - started) / 1e9));
            }
        };
        verdicts.arm(tap, display(workDir, VerdictFile.pathFor(configFile)), !noCache, err());
        try (ReplayJob.Result result = ReplayJob.run(request, done -> {
            counts[0] = done;
            redraw.run();
        }, turns -> {
            counts[1] = turns;
            redraw.run();
        })) {
            if (progress != null) {
                progress.clear();
            }
            if (!result.classifierStatistics().isEmpty()) {
                err().println("classifier " + classifier + ": " + result.classifierStatistics().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")));
            }
            if (sh == null) {
                requireTranscripts(result.summary(), inputDisplay);
            }
            verdicts.save(tap, configFile, display(workDir, VerdictFile.pathFor(configFile)), err());
            settingsWarnings.forEach(result.summary()::warn);
            // the text report colours itself and shows names with their control characters as spaces (Format)
            Gate.Result gateResult = outputs.finish(data(), err(), result.summary(), result.spool(), gate);
            return gateResult.passed() ? ExitCode.OK : ExitCode.CHECK_FAILED;
        } finally {
            verdicts.disarm();
            if (progress != null) {
                progress.clear();
            }
        }
    }

    /**
     * A replay of nothing passes every limit, so an empty folder or a path that matched nothing
     * would gate CI green. (A shard may be empty; {@code report merge} checks the whole run.)
     */
    static void requireTranscripts(dev.handoff.eval.Summary s, List<String> inputs) {
        if (s.transcripts() > 0 || s.badCount() > 0) {
            return;
        }
        String skipped = s.skippedFiles().isEmpty() ? "" : " (" + s.skippedFiles().size() + " other files skipped)";
        throw HandoffException.usage("no transcripts in " + String.join(", ", inputs) + skipped,
                "pass .yaml, .yml or .jsonl transcripts, or folders of them (searched recursively)");
    }

    private int compare(ReplayJob.Request base, ReplayJob.Request current, Gate gate, VerdictTap tap, Path configFile,
                        String verdictsShown, Shard sh) {
        StatusLine progress = context().interactive() || StatusLine.stderrIsTerminal() ? new StatusLine(progressErr()) : null;
        long total = progress == null ? 0 : 2 * TranscriptReader.estimateCount(current.inputs());
        long started = System.nanoTime();
        long[] done = {0, 0}; // transcripts of both runs, turns of both runs
        Runnable redraw = () -> {
            if (progress != null) {
                progress.show(() -> ReplayProgress.text(done[0], total, done[1], (System.nanoTime() - started) / 1e9));
            }
        };
        try {
            verdicts.arm(tap, verdictsShown, !noCache, err());
            CompareJob.Result result = CompareJob.run(base, current, n -> {
                done[0] = n;
                redraw.run();
            }, t -> {
                done[1] = t;
                redraw.run();
            });
            if (progress != null) {
                progress.clear();
            }
            if (!result.statistics().isEmpty()) {
                err().println("classifier " + classifier + ": " + result.statistics().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "))
                        + (tap == null ? "" : ", answered once for both " + tap.reused()));
            }
            verdicts.save(tap, configFile, verdictsShown, err());
            var ctx = context();
            CompareGate.Result r = compare.finish(result, compare.gate(gate), output.json(), color(),
                    ReportOptionsMixin.resolve(ctx, report.junit), ReportOptionsMixin.resolve(ctx, report.markdown), data());
            return r.passed() ? ExitCode.OK : ExitCode.CHECK_FAILED;
        } finally {
            verdicts.disarm();
            if (progress != null) {
                progress.clear();
            }
        }
    }

    /** The OpenAI-compatible server's settings; the key is read here, from the environment, and only for that classifier. */
    private ChatServer chatServer() {
        Price p = price == null ? null : Price.parse(price);
        if (!"openai".equals(classifier)) {
            return new ChatServer(baseUrl, null, null, apiKeyHeader, p);
        }
        String env = apiKeyEnv == null || apiKeyEnv.isBlank() ? "OPENAI_API_KEY" : apiKeyEnv.strip();
        // registered with the run's masking, so a server's echo of it is masked in every form
        String value = secretEnv(env);
        if ((value == null || value.isBlank()) && apiKeyEnv != null) {
            throw HandoffException.usage("--api-key-env " + env + ": the environment variable " + env
                            + (value == null ? " is not set" : " is empty"),
                    "export " + env + "=... first, or leave out --api-key-env for a server that needs no key");
        }
        ApiKey key = value == null || value.isBlank() ? null : new ApiKey(value);
        String unsendable = key == null ? null : ApiKey.unsendable(key);
        if (unsendable != null) {
            // never the key itself: the header library's own message quotes the whole value
            throw HandoffException.usage("the API key in $" + env + " holds " + unsendable + ", which cannot be sent in an HTTP header",
                    "copy the key again without it (keys are plain ASCII letters, digits and - _ .)");
        }
        return new ChatServer(baseUrl, env, key, apiKeyHeader, p);
    }



    private Path configFile(Path workDir) {
        if (config != null) {
            Path p = workDir.resolve(config).normalize();
            if (Files.isDirectory(p)) {
                throw HandoffException.usage("--config " + config + ": is a folder; name one configuration file",
                        "e.g. --config guidelines/quickchat-support.yaml (handoff validate checks a whole folder)");
            }
            if (!Files.isRegularFile(p)) {
                throw HandoffException.usage(config + ": no such file", "pass the configuration YAML, e.g. --config guidelines/quickchat-support.yaml");
            }
            return p;
        }
        Path project = ProjectFile.locate(workDir);
        if (project == null) {
            throw HandoffException.usage("no --config given and no " + ProjectFile.FILE_NAME + " in " + workDir + " or its parents",
                    "pass --config guidelines/<file>.yaml, or run in a project with a handoff.yaml");
        }
        return ProjectFile.load(project, dev.handoff.files.ShownPath.of(workDir, project)).target(target).file();
    }

    private List<Path> inputs(Path workDir, Path configFile) {
        if (!transcripts.isEmpty()) {
            return transcripts.stream().map(p -> workDir.resolve(p).normalize()).toList();
        }
        Path project = ProjectFile.locate(workDir);
        Path base = project != null ? project.toAbsolutePath().getParent() : workDir;
        Path dir = base.resolve("transcripts");
        if (!Files.isDirectory(dir)) {
            throw HandoffException.usage("no transcripts given and no folder " + display(workDir, dir),
                    "pass transcript files or folders: handoff replay --config " + display(workDir, configFile) + " TRANSCRIPTS...");
        }
        return List.of(dir);
    }

    /** Relative to the working directory when inside it: reports and baselines stay the same on every machine. */
    static String display(Path workDir, Path p) {
        return dev.handoff.files.ShownPath.text(workDir, p);
    }
}

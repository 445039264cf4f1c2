package dev.handoff.eval;

import dev.handoff.classify.Classifier;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.classify.keywords.DeterministicRules;
import dev.handoff.config.Criterion;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.RoutingProfile;
import dev.handoff.config.WorkingHours;
import dev.handoff.transcript.CriterionNames;
import dev.handoff.transcript.Expectation;
import dev.handoff.transcript.ReadResult;
import dev.handoff.transcript.Transcript;
import dev.handoff.transcript.TranscriptProblem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays transcripts turn by turn (docs/replay.md, "Scoring"). Transcripts are taken from the
 * stream into a window; each round asks the classifier, in one batch, about the next user turn
 * of every transcript in the window, so a classifier can batch or run requests concurrently.
 * A transcript leaves the window at its trigger turn (or its last turn) and is replaced by the
 * next one, so memory holds the window, never the input. Outcomes are handed on in input order.
 *
 * <p>The classifier is asked only about the active criteria no deterministic rule decides; the
 * deterministic rules ({@code keywords}, {@code media_message}) are applied here and merged.
 */
public final class ReplayEngine {

    /** Receives results in input order. */
    public interface Listener {
        void outcome(TranscriptOutcome outcome);

        void bad(long ordinal, TranscriptProblem problem);

        /**
         * How many user turns the classifier has answered so far, during a round as answers come
         * and after it. Outcomes come in input order, so one long conversation holds back every
         * later one; the turns count moves.
         */
        default void turnsClassified(long total) {
        }

        /**
         * How many transcripts are finished so far, in whatever order they finished: outcomes wait
         * for every earlier transcript of the window (256), so a count of outcomes read 0/101 for
         * the whole of a short run.
         */
        default void transcriptsFinished(long total) {
        }
    }

    /** The reason an unrecorded transcript carries. */
    public static final String UNRECORDED = "no recorded verdict for the current prompt";

    private final List<String> criteriaOrder;
    private final CriterionNames configuredNames;
    private final Set<String> asked;
    private final Set<String> activeProfiles;
    private final WorkingHours workingHours;
    private final DeterministicRules rules;
    private final Classifier classifier;
    private final ReplayOptions options;
    private final Sweep sweep;
    private long invalidAfterTrigger;
    private long unrecordedAfterTrigger;
    private long turnsClassified;
    private long turnsReported;
    private long transcriptsFinished;

    /**
     * @param config     the whole configuration (criteria order, routing, working hours)
     * @param classifier created for {@link #classifierView(HandoffConfig)} of the same configuration
     * @param sweep      collects score traces of scored transcripts, or null
     */
    public ReplayEngine(HandoffConfig config, Classifier classifier, ReplayOptions options, Sweep sweep) {
        this.criteriaOrder = config.criteria().stream().map(Criterion::name).toList();
        this.configuredNames = CriterionNames.of(criteriaOrder);
        this.asked = askedCriteria(config);
        this.activeProfiles = new LinkedHashSet<>(config.activeRoutingProfiles().stream().map(RoutingProfile::name).toList());
        this.workingHours = config.workingHours();
        this.rules = new DeterministicRules(config);
        this.classifier = classifier;
        this.options = options;
        this.sweep = sweep;
    }

    /** The criteria a classifier is asked about: active ones that no deterministic rule decides. */
    public static Set<String> askedCriteria(HandoffConfig config) {
        Set<String> s = new LinkedHashSet<>();
        config.activeCriteria().stream().filter(c -> !c.deterministic()).forEach(c -> s.add(c.name()));
        return s;
    }

    /** The configuration a classifier is created with: only the criteria it is asked about. */
    public static HandoffConfig classifierView(HandoffConfig config) {
        List<Criterion> asked = config.activeCriteria().stream().filter(c -> !c.deterministic()).toList();
        return new HandoffConfig(config.provider(), config.handoffActive(), asked, config.keywords(), config.workingHours(),
                config.routingProfiles());
    }

    /** Invalid answers after a trigger turn (only with --all-turns); they do not change the score. */
    public long invalidAfterTrigger() {
        return invalidAfterTrigger;
    }

    /** Turns after a trigger turn (only with --all-turns) that had no recorded verdict. */
    public long unrecordedAfterTrigger() {
        return unrecordedAfterTrigger;
    }

    public void run(Iterator<ReadResult> input, Listener listener) {
        List<Active> window = new ArrayList<>(options.window());
        TreeMap<Long, Object> pending = new TreeMap<>();
        while (true) {
            while (window.size() < options.window() && input.hasNext()) {
                ReadResult r = input.next();
                if (r instanceof ReadResult.Bad b) {
                    if (!options.keepGoing()) {
                        throw b.problem().toException();
                    }
                    if (options.shard() == null || options.shard().owns(shardKey(b.problem()))) {
                        pending.put(b.ordinal(), b.problem());
                    }
                } else if (r instanceof ReadResult.Read read) {
                    if (options.shard() == null || options.shard().owns(read.transcript().id())) {
                        window.add(new Active(read.ordinal(), labelledAsConfigured(read.transcript()), options.repeat()));
                    }
                }
            }
            if (window.isEmpty()) {
                emit(pending, Long.MAX_VALUE, listener);
                return;
            }
            round(window, listener);
            if (turnsReported != turnsClassified) {
                listener.turnsClassified(turnsClassified);
                turnsReported = turnsClassified;
            }
            for (Iterator<Active> it = window.iterator(); it.hasNext(); ) {
                Active a = it.next();
                if (a.done()) {
                    pending.put(a.ordinal, finish(a));
                    it.remove();
                    transcriptsFinished++;
                }
            }
            listener.transcriptsFinished(transcriptsFinished);
            emit(pending, window.isEmpty() ? Long.MAX_VALUE : window.get(0).ordinal, listener);
        }
    }

    /** Expected criteria in the configuration's spelling ({@link CriterionNames}): scored, warned about and reported as configured. */
    private Transcript labelledAsConfigured(Transcript t) {
        Expectation e = t.expect();
        if (e == null || e.criteria().isEmpty()) {
            return t;
        }
        List<String> criteria = e.criteria().stream().map(configuredNames::spelledAsConfigured).toList();
        return criteria.equals(e.criteria()) ? t : new Transcript(t.id(), t.meta(), t.startedAt(), t.messages(),
                new Expectation(e.handoff(), criteria, e.turn(), e.route()), t.source());
    }

    private static String shardKey(TranscriptProblem p) {
        return p.transcriptId() != null ? p.transcriptId() : p.location().toString();
    }

    private static void emit(TreeMap<Long, Object> pending, long before, Listener listener) {
        while (!pending.isEmpty() && pending.firstKey() < before) {
            var e = pending.pollFirstEntry();
            if (e.getValue() instanceof TranscriptOutcome o) {
                listener.outcome(o);
            } else {
                listener.bad(e.getKey(), (TranscriptProblem) e.getValue());
            }
        }
    }

    private void round(List<Active> window, Listener listener) {
        List<TurnRequest> requests = new ArrayList<>();
        List<ReplayRun> owners = new ArrayList<>();
        List<Integer> runOf = new ArrayList<>();
        for (Active a : window) {
            for (int r = 0; r < a.runs.length; r++) {
                ReplayRun run = a.runs[r];
                if (!run.done) {
                    requests.add(new TurnRequest(a.transcript, run.nextTurn));
                    owners.add(run);
                    runOf.add(r);
                }
            }
        }
        List<Verdict> verdicts;
        if (asked.isEmpty()) {
            verdicts = Collections.nCopies(requests.size(), Verdict.Decision.none());
        } else {
            long before = turnsClassified;
            verdicts = RunBatches.classify(classifier, requests, runOf, options.repeat(), n -> {
                turnsReported = before + n;
                listener.turnsClassified(turnsReported);
            });
        }
        for (int i = 0; i < requests.size(); i++) {
            apply(owners.get(i), requests.get(i), verdicts.get(i));
        }
        turnsClassified += requests.size();
    }

    private void apply(ReplayRun run, TurnRequest request, Verdict verdict) {
        int k = request.userTurn();
        String invalid = null;
        Verdict.Decision d = null;
        if (verdict instanceof Verdict.Unrecorded) {
            // never decided by anything else: the transcript stops here, in its own bucket
            if (run.trigger == null) {
                run.unrecorded = new TranscriptOutcome.InvalidTurn(k, UNRECORDED);
                run.done = true;
                return;
            }
            unrecordedAfterTrigger++;
            advance(run, request.transcript());
            return;
        }
        if (verdict == null) {
            invalid = "no verdict";
        } else if (verdict instanceof Verdict.Invalid inv) {
            invalid = inv.reason();
        } else {
            d = (Verdict.Decision) verdict;
            invalid = check(d);
        }
        if (invalid != null) {
            if (run.trigger == null) {
                run.invalid = new TranscriptOutcome.InvalidTurn(k, invalid);
                run.done = true;
                return;
            }
            invalidAfterTrigger++;
            advance(run, request.transcript());
            return;
        }
        Set<String> deterministic = rules.fired(request);
        List<String> fired = new ArrayList<>(2);
        for (String c : criteriaOrder) {
            if (deterministic.contains(c) || d.fired().contains(c)) {
                fired.add(c);
            }
        }
        if (sweep != null && run.traces != null) {
            for (String c : asked) {
                Double s = d.scores().get(c);
                if (s != null && !s.isNaN()) {
                    List<Sweep.Point> trace = run.traces.computeIfAbsent(c, x -> new ArrayList<>(2));
                    if (trace.isEmpty() || s > trace.get(trace.size() - 1).max()) {
                        trace.add(new Sweep.Point(k, s));
                    }
                }
            }
        }
        if (!fired.isEmpty()) {
            if (run.trigger == null) {
                run.trigger = k;
                run.fired = List.copyOf(fired);
                run.route = d.route();
                run.text = ReportedText.of(request.message());
            }
            if (options.allTurns()) {
                run.turns.add(new TranscriptOutcome.TurnFiring(k, List.copyOf(fired)));
            }
        }
        advance(run, request.transcript());
    }

    /** A decision naming criteria it was not asked about, or a routing profile that is not active, is invalid output. */
    private String check(Verdict.Decision d) {
        if (d.fired() == null) {
            return "the decision has no set of fired criteria";
        }
        for (String c : d.fired()) {
            if (!asked.contains(c)) {
                return "named criterion '" + c + "', which it was not asked about";
            }
        }
        if (d.route() != null && !d.fired().isEmpty() && !activeProfiles.contains(d.route())) {
            return "picked routing profile '" + d.route() + "', which is not an active routing profile";
        }
        if (d.scores() == null) {
            return "the decision has no score map";
        }
        return null;
    }

    private void advance(ReplayRun run, Transcript t) {
        run.nextTurn++;
        if ((run.trigger != null && !options.allTurns()) || run.nextTurn > run.userTurns) {
            run.done = true;
        }
    }

    private TranscriptOutcome finish(Active a) {
        Transcript t = a.transcript;
        ReplayRun r = a.runs[0];
        TranscriptOutcome.Status status = r.unrecorded != null ? TranscriptOutcome.Status.UNRECORDED
                : r.invalid != null ? TranscriptOutcome.Status.INVALID
                : t.expect() == null ? TranscriptOutcome.Status.UNLABELLED : TranscriptOutcome.Status.SCORED;
        Map<String, List<Label>> labels = Map.of();
        Timing timing = null;
        List<String> fired = r.fired == null ? List.of() : r.fired;
        if (status == TranscriptOutcome.Status.SCORED) {
            labels = Scoring.score(t.expect(), r.trigger, new LinkedHashSet<>(fired), criteriaOrder);
            timing = Scoring.timing(t.expect(), r.trigger);
            if (sweep != null) {
                sweep.add(t.expect(), r.traces);
            }
        }
        boolean placed = r.trigger != null && status != TranscriptOutcome.Status.INVALID;
        Instant at = placed ? triggerInstant(t, r.trigger) : null;
        Hours hours = placed ? hours(at) : null;
        java.time.LocalDateTime local = !placed || !workingHours.active() || at == null ? null
                : java.time.LocalDateTime.ofInstant(at, workingHours.zone()).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        TranscriptOutcome.InvalidTurn stop = r.unrecorded != null ? r.unrecorded : r.invalid;
        List<TranscriptOutcome.RunSummary> runs = List.of();
        if (a.runs.length > 1) {
            List<TranscriptOutcome.RunSummary> all = new ArrayList<>();
            for (ReplayRun run : a.runs) {
                all.add(new TranscriptOutcome.RunSummary(run.trigger, run.fired == null ? List.of() : run.fired, run.route,
                        run.invalid == null ? null : run.invalid.reason()));
            }
            if (all.stream().map(ReplayEngine::stabilityKey).distinct().count() > 1) {
                runs = List.copyOf(all);
            }
        }
        return new TranscriptOutcome(a.ordinal, t.id(), t.source().toString(), t.meta(), t.expect(), status, t.userTurns(),
                r.trigger, fired, r.fired == null ? null : r.route, r.text, labels, timing, hours, local, stop,
                List.copyOf(r.turns), runs);
    }

    private static List<Object> stabilityKey(TranscriptOutcome.RunSummary s) {
        return java.util.Arrays.asList(s.triggerTurn(), s.fired(), s.route(), s.invalid() != null);
    }

    private Hours hours(Instant at) {
        if (!workingHours.active()) {
            return Hours.INSIDE;
        }
        if (at == null) {
            return Hours.UNKNOWN;
        }
        return workingHours.isOpen(at) ? Hours.INSIDE : Hours.OUTSIDE;
    }

    /** The trigger message's time, or the conversation's start when the message has none. */
    private static Instant triggerInstant(Transcript t, int trigger) {
        Instant at = t.messages().get(t.indexOfUserTurn(trigger)).at();
        return at != null ? at : t.startedAt();
    }

    private final class Active {
        final long ordinal;
        final Transcript transcript;
        final ReplayRun[] runs;

        Active(long ordinal, Transcript transcript, int repeat) {
            this.ordinal = ordinal;
            this.transcript = transcript;
            this.runs = new ReplayRun[repeat];
            for (int i = 0; i < repeat; i++) {
                runs[i] = new ReplayRun(transcript.userTurns(), i == 0 && sweep != null);
            }
        }

        boolean done() {
            for (ReplayRun r : runs) {
                if (!r.done) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public String toString() {
        return "ReplayEngine[" + classifier.id() + ", " + Objects.toString(options) + "]";
    }
}

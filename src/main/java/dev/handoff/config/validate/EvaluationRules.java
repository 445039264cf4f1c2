package dev.handoff.config.validate;

import dev.handoff.config.CatyConfig;
import dev.handoff.config.Criterion;
import dev.handoff.config.FailedAttempts;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.Provider;
import dev.handoff.config.RoutingProfile;
import dev.handoff.text.Suggest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Local-only evaluation settings ({@code <name>.eval.yaml}, see {@code EvaluationSettings}):
 * structure, fractions in [0, 1], example phrases, and that every criterion and routing profile
 * named exists in the configuration file beside it.
 */
final class EvaluationRules {

    static final List<String> ROOT_KEYS = List.of("gate", "criteria", "routing", "classifier", "failed_attempts");
    static final List<String> FAILED_ATTEMPTS_KEYS = List.of("after", "count", "fallback_phrases");
    static final List<String> GATE_KEYS = List.of("max_fp_rate", "min_recall", "min_precision");
    static final List<String> CRITERION_KEYS = List.of("threshold", "examples", "counter_examples", "gate");
    static final List<String> ROUTING_KEYS = List.of("examples");
    static final List<String> TRAINING_KEYS = List.of("transcripts", "verdicts", "folds", "blend");

    private final Checker c;

    private EvaluationRules(Checker c) {
        this.c = c;
    }

    static boolean isEvaluationFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".eval.yaml") || name.endsWith(".eval.yml");
    }

    /** The configuration an evaluation file belongs to: {@code x.eval.yaml} -> {@code x.yaml} or {@code x.yml}. */
    static Path configFor(Path evalFile) {
        String base = evalFile.getFileName().toString().replaceFirst("\\.eval\\.ya?ml$", "");
        Path yaml = evalFile.resolveSibling(base + ".yaml");
        Path yml = evalFile.resolveSibling(base + ".yml");
        return Files.exists(yml) && !Files.exists(yaml) ? yml : yaml;
    }

    static void check(Checker c, Cursor root, Path file) {
        new EvaluationRules(c).check(root, file);
    }

    private void check(Cursor root, Path file) {
        if (!root.node().isObject()) {
            c.error(root, "expected a mapping with gate, criteria, routing or classifier, found " + Checker.describe(root.node()),
                    "see the README, 'Evaluation settings'");
            return;
        }
        c.unknownKeys(root, ROOT_KEYS);
        ClearSecrets.checkEvaluationSettings(c, root, List.of());
        HandoffConfig config = companion(file);
        gate(root.child("gate"));
        Cursor criteria = root.child("criteria");
        if (c.expect(criteria, Checker.Type.MAPPING)) {
            List<String> names = config == null ? null : criterionNames(config, root);
            criteria.node().fieldNames().forEachRemaining(name -> {
                Cursor criterion = criteria.child(name);
                if (names != null && !names.contains(name)) {
                    String suggestion = Suggest.didYouMean(name, names);
                    c.warningAtKey(criterion, "no criterion '" + name + "' in " + configFor(file).getFileName(),
                            (suggestion != null ? suggestion + " " : "") + "(criteria there: " + String.join(", ", names) + ")");
                }
                if (c.expect(criterion, Checker.Type.MAPPING)) {
                    c.unknownKeys(criterion, CRITERION_KEYS);
                    fraction(criterion.child("threshold"));
                    phrases(criterion.child("examples"));
                    phrases(criterion.child("counter_examples"));
                    gate(criterion.child("gate"));
                }
            });
        }
        Cursor routing = root.child("routing");
        if (c.expect(routing, Checker.Type.MAPPING)) {
            List<String> profiles = config == null ? null : config.routingProfiles().stream().map(RoutingProfile::name).toList();
            routing.node().fieldNames().forEachRemaining(name -> {
                Cursor profile = routing.child(name);
                if (profiles != null && !profiles.contains(name)) {
                    String suggestion = Suggest.didYouMean(name, profiles);
                    c.warningAtKey(profile, "no routing profile '" + name + "' in " + configFor(file).getFileName(),
                            (suggestion != null ? suggestion + " " : "") + "(profiles there: " + String.join(", ", profiles) + ")");
                }
                if (c.expect(profile, Checker.Type.MAPPING)) {
                    c.unknownKeys(profile, ROUTING_KEYS);
                    phrases(profile.child("examples"));
                }
            });
        }
        classifiers(root.child("classifier"), file);
        failedAttempts(root.child("failed_attempts"), config);
    }

    /** Each classifier's block, checked by that classifier as replay reads it. */
    private void classifiers(Cursor classifier, Path file) {
        if (!c.expect(classifier, Checker.Type.MAPPING)) {
            return;
        }
        Map<String, ClassifierSettingsCheck> checks = new java.util.TreeMap<>();
        ClassifierSettingsCheck.registered().forEach(check -> checks.put(check.classifier(), check));
        classifier.node().fieldNames().forEachRemaining(id -> {
            Cursor block = classifier.child(id);
            ClassifierSettingsCheck check = checks.get(id);
            if (check == null) {
                String suggestion = Suggest.didYouMean(id, List.copyOf(checks.keySet()));
                c.warningAtKey(block, "no classifier '" + id + "' reads settings; this block is ignored",
                        (suggestion != null ? suggestion + " " : "") + "(classifiers with settings: " + String.join(", ", checks.keySet()) + ")");
                return;
            }
            check.keys().forEach((where, known) -> {
                if (where.isEmpty()) {
                    c.unknownKeys(block, known);
                    return;
                }
                Cursor map = block.child(where);
                if (map.present() && map.node().isObject()) {
                    map.node().fieldNames().forEachRemaining(name -> c.unknownKeys(map.child(name), known));
                }
            });
            ClassifierSettingsCheck.Problem problem = check.check(block.node(), file);
            // the training data is checked here item by item, each at its own line (the classifier stops at the
            // first problem); the classifier's own finding is reported only when these rules found nothing
            boolean training = id.equals("embedding") && block.node().isObject() && block.child("training").present();
            int before = c.findings().size();
            if (training && (problem == null || problem.field().startsWith("training"))) {
                training(block.child("training"), file);
            }
            if (problem != null && (c.findings().size() == before || !problem.field().startsWith("training"))) {
                Cursor at = block;
                for (String part : problem.field().isEmpty() ? new String[0] : problem.field().split("\\.")) {
                    Cursor next = at.child(part);
                    if (!next.present()) {
                        break;
                    }
                    at = next;
                }
                if (problem.warning()) {
                    c.warning(at, problem.message(), problem.hint());
                } else {
                    c.error(at, problem.message(), problem.hint());
                }
            }
        });
    }

    /**
     * The embedded classifier's training data (the same rules replay applies when it loads them): transcripts
     * to learn from, verdict files that label their turns, both relative to this file and present.
     */
    private void training(Cursor training, Path file) {
        if (!c.expect(training, Checker.Type.MAPPING)) {
            return;
        }
        c.unknownKeys(training, TRAINING_KEYS);
        Path base = file.toAbsolutePath().getParent();
        Cursor transcripts = training.child("transcripts");
        if (c.require(transcripts, Checker.Type.LIST, "name the transcript files or folders to learn from, relative to this file")) {
            if (transcripts.node().isEmpty()) {
                c.error(transcripts, "names no transcripts: the turns to learn from (the verdict files hold keys, not text)",
                        "name the transcript files or folders, relative to this file: [../transcripts]");
            }
            paths(transcripts, base, false, "name a transcript file or folder, relative to this file");
        }
        Cursor verdicts = training.child("verdicts");
        if (c.expect(verdicts, Checker.Type.LIST)) {
            paths(verdicts, base, true, "record it with 'handoff replay --classifier ollama --record', or fix the name");
        }
        Cursor folds = training.child("folds");
        Long n = c.integer(folds);
        if (n != null && (n < 2 || n > 20)) {
            c.error(folds, n + " is not from 2 to 20", "5 is usual");
        }
        fraction(training.child("blend"));
    }

    private void paths(Cursor list, Path base, boolean file, String hint) {
        for (int i = 0; i < list.node().size(); i++) {
            Cursor item = list.item(i, null);
            String name = c.string(item);
            if (name == null) {
                continue;
            }
            Path p = base.resolve(name);
            if (file ? !Files.isRegularFile(p) : !Files.exists(p)) {
                c.error(item, "no " + (file ? "file" : "file or folder") + " '" + name + "' (paths are relative to this file's folder)", hint);
            }
        }
    }

    /** The configuration's criteria, and failed_attempts when this file adds that rule. */
    private static List<String> criterionNames(HandoffConfig config, Cursor root) {
        List<String> names = new java.util.ArrayList<>(config.criteria().stream().map(Criterion::name).toList());
        if (!names.contains(FailedAttempts.NAME) && root.child("failed_attempts").child("after").node().isNumber()) {
            names.add(FailedAttempts.NAME);
        }
        return names;
    }

    private void failedAttempts(Cursor rule, HandoffConfig config) {
        if (!c.expect(rule, Checker.Type.MAPPING)) {
            return;
        }
        c.unknownKeys(rule, FAILED_ATTEMPTS_KEYS);
        Cursor after = rule.child("after");
        Long n = c.integer(after);
        boolean catySetsIt = config != null && config.provider() == Provider.CATY && config.failedAttempts() != null;
        if (n != null && n < 1) {
            c.error(after, "is " + n + "; a handoff needs at least 1 failed attempt", "write a count such as 2 or 3");
        } else if (n != null && catySetsIt) {
            c.warning(after, "ignored: the configuration's triggers.failed_attempts sets the count",
                    "change it in the configuration, or remove it here");
        } else if (Checker.absent(after) && !catySetsIt) {
            c.warningAtKey(rule, "no 'after': without a count the rule is not replayed",
                    "add 'after: 3' to hand off at the third failed attempt");
        }
        Cursor count = rule.child("count");
        if (c.expect(count, Checker.Type.LIST)) {
            for (int i = 0; i < count.node().size(); i++) {
                Cursor item = count.item(i, null);
                String what = c.string(item);
                if (what != null && !CatyConfig.COUNTED.contains(what)) {
                    String suggestion = Suggest.didYouMean(what, CatyConfig.COUNTED);
                    c.error(item, "'" + what + "' is not something the rule counts",
                            suggestion != null ? suggestion : "use " + String.join(" or ", CatyConfig.COUNTED));
                }
            }
        }
        phrases(rule.child("fallback_phrases"));
    }

    private HandoffConfig companion(Path file) {
        Path config = configFor(file.toAbsolutePath());
        if (!Files.isRegularFile(config)) {
            c.warning(Cursor.root(c.tree().root()), "no configuration " + config.getFileName() + " beside it: criterion names are not checked",
                    "name the file after its configuration: guidelines/x.yaml -> guidelines/x.eval.yaml");
            return null;
        }
        try {
            return HandoffConfig.from(LocalConfig.read(config));
        } catch (RuntimeException e) {
            // the configuration's own problems are reported when it is validated
            return null;
        }
    }

    private void gate(Cursor gate) {
        if (c.expect(gate, Checker.Type.MAPPING)) {
            c.unknownKeys(gate, GATE_KEYS);
            GATE_KEYS.forEach(k -> {
                Cursor limit = gate.child(k);
                if (limit.present() && limit.node().isNull()) {
                    // "max_fp_rate:" with nothing after it switched the limit off without a word
                    c.warning(limit, "is empty, so this limit is off", "give a value (0.02 means 2%), or remove the key");
                }
                fraction(limit);
            });
        }
    }

    private void fraction(Cursor at) {
        if (c.expect(at, Checker.Type.NUMBER)) {
            double v = at.node().asDouble();
            if (v < 0 || v > 1) {
                c.error(at, v + " is not between 0 and 1", "write a fraction: 0.05 means 5%");
            }
        }
    }

    private void phrases(Cursor list) {
        if (!c.expect(list, Checker.Type.LIST)) {
            return;
        }
        Map<String, Cursor> seen = new HashMap<>();
        for (int i = 0; i < list.node().size(); i++) {
            Cursor p = list.item(i, null);
            String text = c.string(p);
            if (Checker.absent(p) || (text != null && text.isBlank())) {
                c.error(p, "an empty phrase", "remove the empty list item");
            } else if (text != null) {
                Cursor first = seen.putIfAbsent(KeywordRules.normalize(text), p);
                if (first != null) {
                    c.warning(p, "repeats the phrase at line " + c.locationOf(first).line(), "remove the repetition");
                }
            }
        }
    }
}

package dev.handoff.config.validate;

import dev.handoff.config.LocalConfig;
import dev.handoff.config.Provider;
import dev.handoff.config.SecretNames;
import dev.handoff.config.Target;
import dev.handoff.config.yaml.LocatedTree;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;
import dev.handoff.text.Suggest;

import java.nio.file.Path;
import java.time.zone.ZoneRulesProvider;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Offline validation of a configuration file against every documented rule of its provider,
 * and of a local evaluation settings file ({@code <name>.eval.yaml}). This is the API that
 * {@code validate} and {@code push} call. Every finding carries the file, line and column of
 * the offending node.
 */
public final class ConfigValidator {

    static final List<String> HEADER_KEYS = List.of("provider", "remote_version", "backup_of");

    private static final AtomicBoolean WARM_UP_STARTED = new AtomicBoolean();

    private ConfigValidator() {
    }

    /** Reads and checks a file; unreadable or malformed files throw a USAGE HandoffException. */
    public static ValidationReport validate(Path file) {
        return validate(file, file);
    }

    /**
     * Like {@link #validate(Path)}, naming the file in findings and errors as {@code shownAs}
     * (the path as the user wrote it, when {@code file} was resolved against a working directory).
     */
    public static ValidationReport validate(Path file, Path shownAs) {
        return validate(file, shownAs, List.of());
    }

    /**
     * Like {@link #validate(Path, Path)}, for the file of these handoff.yaml targets: a file of another
     * provider than a target's is an error, as diff and push refuse the pair (exit 2) and the CI step
     * should catch that offline.
     */
    public static ValidationReport validate(Path file, Path shownAs, List<Target> targets) {
        warmUp();
        if (isJsonLines(file) && java.nio.file.Files.isRegularFile(file)) {
            // read as YAML, its second line is "expected '<document start>'": say what the file is instead
            return new ValidationReport(shownAs, List.of(new Finding(Finding.Severity.ERROR, new SourceLocation(shownAs, 1, 1),
                    "(document)", "this is a transcript file (JSON lines, one transcript a line), not a handoff configuration",
                    "transcripts are checked by 'handoff replay'")));
        }
        String text = YamlFiles.readUtf8(file, shownAs, YamlFiles.MAX_BYTES);
        if (text.isBlank()) {
            throw HandoffException.usage(shownAs + ": the file is empty", "write a YAML document into it, or pass another file");
        }
        LocatedTree tree = LocatedTree.parse(shownAs, text);
        Checker c = new Checker(tree);
        Cursor root = Cursor.root(tree.root());
        for (LocatedTree.Problem p : tree.problems()) {
            c.add(Finding.Severity.ERROR, p.location(), pathOf(root, p.pointer()), p.message(), p.hint());
        }
        if (EvaluationRules.isEvaluationFile(file)) {
            EvaluationRules.check(c, root, file);
            return new ValidationReport(shownAs, c.findings());
        }
        if (!root.node().isObject()) {
            c.error(root, "expected a mapping at the top of the file, found " + Checker.describe(root.node()),
                    "a configuration file starts with keys such as 'settings:' (quickchat), 'categories:' (plugit) or 'triggers:' (caty)");
            return new ValidationReport(shownAs, c.findings());
        }
        Provider provider = provider(c, root);
        if (provider != null) {
            targetMismatch(c, root, provider, targets);
            ClearSecrets.check(c, root, provider, SecretNames.targetOf(file));
        }
        if (provider == Provider.QUICKCHAT) {
            QuickchatRules.check(c, root, new References(file));
        } else if (provider == Provider.PLUGIT) {
            PlugitRules.check(c, root, SecretNames.targetOf(file));
        } else if (provider == Provider.CATY) {
            CatyRules.check(c, root);
        } else if (root.node().has("targets")) {
            c.error(root, "this is a project file (it maps 'targets'), not a handoff configuration",
                    "run 'handoff validate' without arguments to check the files it names");
        } else if (root.node().has("messages")) {
            c.error(root, "this is a transcript (it has 'messages'), not a handoff configuration",
                    "transcripts are checked by 'handoff replay'");
        } else {
            c.error(root, "cannot tell whether this is a quickchat, plugit or caty configuration",
                    "add '" + LocalConfig.HEADER + ": {provider: quickchat}' (or plugit, or caty) at the top");
        }
        return new ValidationReport(shownAs, c.findings());
    }

    private static void targetMismatch(Checker c, Cursor root, Provider provider, List<Target> targets) {
        Cursor header = root.child(LocalConfig.HEADER).child("provider");
        Cursor at = header.node().isMissingNode() ? root : header;
        for (Target t : targets) {
            if (t.provider() != provider) {
                c.error(at, "a " + provider.id() + " configuration, but target '" + t.name() + "' in handoff.yaml is " + t.provider().id()
                                + " (diff and push refuse it)",
                        "point the target at a " + t.provider().id() + " file, or fix the target's provider in handoff.yaml");
            }
        }
    }

    /** A .jsonl or .ndjson file: transcripts, never a configuration (which is YAML). */
    private static boolean isJsonLines(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }

    /**
     * Loads the time-zone database and the keyword word lists on another thread while this one
     * reads and parses the file: validate runs once per CI step, and on two cores that hides
     * several milliseconds of start-up. Nothing depends on it finishing first.
     */
    private static void warmUp() {
        if (WARM_UP_STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                ZoneRulesProvider.getAvailableZoneIds();
                KeywordRules.load();
            }, "validate-warm-up");
            t.setDaemon(true);
            t.start();
        }
    }

    /** The provider named in the header, else guessed from the document's sections; null if neither. */
    private static Provider provider(Checker c, Cursor root) {
        Cursor header = root.child(LocalConfig.HEADER);
        if (c.expect(header, Checker.Type.MAPPING, "write '" + LocalConfig.HEADER + ": {provider: quickchat}' (or plugit, or caty)")) {
            // the header is handoff's own: fetch writes it afresh, so a key of the user's there is lost at the next fetch
            c.unknownKeys(header, HEADER_KEYS, "handoff ignores it and 'handoff fetch' does not write it back; keep notes as YAML comments");
            c.string(header.child("remote_version"));
            Cursor provider = header.child("provider");
            String name = c.string(provider);
            if (name != null) {
                try {
                    return Provider.parse(name);
                } catch (IllegalArgumentException e) {
                    List<String> ids = Arrays.stream(Provider.values()).map(Provider::id).toList();
                    String suggestion = Suggest.didYouMean(name, ids);
                    c.error(provider, "unknown provider '" + name + "'",
                            (suggestion != null ? suggestion : "use one of " + String.join(", ", ids)));
                }
            }
        }
        if (root.node().has("categories")) {
            return Provider.PLUGIT;
        }
        if (root.node().has("triggers")) {
            return Provider.CATY;
        }
        if (root.node().has("settings") || root.node().has("generic_guidelines") || root.node().has("custom_guidelines")
                || root.node().has("routing_profiles") || root.node().has("availability")) {
            return Provider.QUICKCHAT;
        }
        return null;
    }

    /**
     * A JSON pointer as the field path every other finding shows: list items by their name or title
     * when they have one ({@code /routing_profiles/0/<<} is {@code routing_profiles[name=Billing].<<}).
     */
    private static String pathOf(Cursor root, String pointer) {
        Cursor at = root;
        if (!pointer.isEmpty()) {
            for (String part : pointer.substring(1).split("/", -1)) {
                String key = part.replace("~1", "/").replace("~0", "~");
                if (at.node().isArray() && key.matches("[0-9]+")) {
                    int index = Integer.parseInt(key);
                    at = at.item(index, Cursor.labelFieldOf(at.node().path(index)));
                } else {
                    at = at.child(key);
                }
            }
        }
        return at.shownPath();
    }
}

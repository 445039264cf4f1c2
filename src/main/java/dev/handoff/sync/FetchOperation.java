package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.diff.DiffRenderer;
import dev.handoff.diff.DiffResult;
import dev.handoff.diff.DocumentDiff;
import dev.handoff.diff.SecretComparator;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.error.HandoffException;
import dev.handoff.files.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code handoff fetch}: the remote document as canonical YAML, secrets as placeholders. */
public final class FetchOperation {

    private FetchOperation() {
    }

    /**
     * @param force overwrite a file with local edits that were not pushed
     * @return the exit code
     */
    public static int run(Session session, boolean toStdout, boolean force) {
        SyncEnvironment env = session.env();
        Path file = session.target().file();
        Provider provider = session.target().provider();
        if (!session.remote().exists()) {
            throw HandoffException.usage("target '" + session.target().name() + "' has no agent_id, so there is no agent to fetch",
                    "add agent_id to targets." + session.target().name() + " in " + env.show(session.project().path())
                            + ", or write the file by hand and run 'handoff push' to create the agent");
        }
        byte[] checked = bytesOrNull(file);
        if (checked == null && !toStdout && !force && Files.isRegularFile(file)) {
            // a file there that cannot be read (another user's, mode 0200) may hold anything: it is not "no file yet"
            throw HandoffException.usage(env.show(file) + " exists but cannot be read (" + unreadable(file) + "); fetch cannot tell"
                            + " whether it holds edits that were not pushed, so nothing was fetched or written",
                    "make it readable (or move it away), or replace it with the remote: 'handoff fetch --force'");
        }
        LocalConfig previous = previousConfig(session, file, checked, toStdout, force);
        if (previous != null && previous.provider() != provider && !toStdout) {
            // --force included: it discards unpushed edits of this target's document, not another provider's whole file
            throw HandoffException.usage(env.show(file) + ": a " + previous.provider().id() + " configuration, but target '"
                            + session.target().name() + "' is " + provider.id() + "; nothing was fetched or written",
                    "pick the matching target with --target (or fix its file: in " + env.show(session.project().path())
                            + "); to replace the file anyway, move it away first");
        }
        RemoteSnapshot remote = RemoteSnapshot.read(session.remote(), session.target().name(),
                previous == null ? null : previous.document(), env.redactor()).requireWordsYamlHolds();
        if (!toStdout && !force && previous != null) {
            refuseUnpushedEdits(session, previous, remote);
        }
        // a secret's value standing in a remote text is never written in clear either
        LocalConfig fetched = new LocalConfig(file, provider, MaskedText.mask(remote.masked().document(), env.redactor()), remote.version());
        String yaml = canonicalYaml(fetched);
        // the variables already set need no word: a re-fetch asked for them on every run
        List<String> unset = remote.masked().variables().stream().filter(v -> env.env().get(v) == null).toList();
        if (!unset.isEmpty()) {
            env.err().println("handoff: secrets written as placeholders; set these variables before 'handoff push': "
                    + String.join(", ", unset));
            List<String> json = remote.masked().secrets().stream().filter(s -> !s.value().isTextual() && unset.contains(s.variable()))
                    .map(s -> s.variable() + " (" + kind(s.value()) + ")").distinct().toList();
            if (!json.isEmpty()) {
                env.err().println("handoff: the remote holds these as JSON, not text; set each to its JSON text (e.g. 42, [\"a\"], {\"k\": \"v\"}) "
                        + "and push sends that type back: " + String.join(", ", json));
            }
        }
        warnStaleVariables(env, remote);
        List<String> inText = MaskedText.holdingSecrets(remote.masked().document(), env.redactor());
        if (!inText.isEmpty()) {
            env.err().println("handoff: warning: " + MaskedText.list(inText) + (inText.size() == 1 ? " holds" : " hold")
                    + " a secret's value in its text on the remote, written as " + dev.handoff.secret.Redactor.MASK
                    + "; push refuses the file until you rewrite that text without the secret (pushing it takes the secret off"
                    + " the remote), and rotate the secret");
        }
        if (toStdout) {
            env.data().print(yaml);
            env.data().flush();
            int errors = brokenRules(file, yaml);
            if (errors > 0) {
                env.err().println("handoff: warning: the remote as printed breaks " + errors + (errors == 1 ? " documented rule" : " documented rules")
                        + " (the remote holds those values); save it and run 'handoff validate' on it to list them; push refuses such a file");
            }
            return 0;
        }
        refuseIfChangedMeanwhile(env, file, checked);
        // the bytes checked above are the file's now (refuseIfChangedMeanwhile): no third read
        boolean same = checked != null && java.util.Arrays.equals(checked, yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            if (!same && previous != null && previous.provider() == provider && (yaml.equals(canonicalYaml(new LocalConfig(file,
                    provider, previous.document(), remote.version()))) || sameButSetOrder(provider, previous.document(), fetched.document()))) {
                // the same document (keywords in another order are the same set): only the header line may change, so the
                // file keeps its comments and layout
                if (remote.version().equals(previous.remoteVersion())) {
                    same = true; // nothing to write: a read-only file with comments is no error
                } else if (!RemoteVersionStamp.update(previous, remote.version())) {
                    warnCommentsDropped(env, file, commentsDropped(checked, new String(Files.readAllBytes(file),
                            java.nio.charset.StandardCharsets.UTF_8)), "its remote_version line could not be changed in place, so it was"
                            + " written in canonical form");
                }
            } else if (!same) {
                long dropped = commentsDropped(checked, yaml);
                AtomicFiles.write(file, yaml);
                warnCommentsDropped(env, file, dropped, "fetch writes the remote's changed document in canonical form");
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            IOException io = e instanceof IOException i ? i : ((java.io.UncheckedIOException) e).getCause();
            throw new HandoffException(HandoffException.Kind.USAGE, env.show(file) + ": " + dev.handoff.files.IoMessages.reason(io)
                    + "; nothing was written (the remote was only read)", "fix that (the file, its folder, the path), then fetch again", io);
        }
        session.state().rememberVersion(session.stateKey(), remote.masked(), remote.version());
        env.out().println((same ? "unchanged " : "wrote ") + env.show(file) + " from " + session.remote().location()
                + " (remote_version " + shortVersion(remote.version()) + ")");
        // the remote may hold what the documented rules refuse (emails: null, a time "8:00"): said now, not at push
        int errors = dev.handoff.config.validate.ConfigValidator.validate(file, Path.of(env.show(file))).errors().size();
        if (errors > 0) {
            env.err().println("handoff: warning: " + env.show(file) + " as fetched breaks " + errors + (errors == 1 ? " documented rule" : " documented rules")
                    + " (the remote holds those values); 'handoff validate " + env.show(file) + "' lists them, and push refuses"
                    + " the file until they are fixed");
        }
        return 0;
    }

    /**
     * The errors validate finds in a fetched document that is printed, not written: checked in a private temporary
     * folder under the target file's name (the name tells the rules which target's variables a placeholder uses).
     */
    private static int brokenRules(Path file, String yaml) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("handoff-fetch");
            Path copy = dir.resolve(file.getFileName());
            Files.writeString(copy, yaml);
            return dev.handoff.config.validate.ConfigValidator.validate(copy, file.getFileName()).errors().size();
        } catch (IOException | RuntimeException e) {
            return 0; // the document was printed; a check that cannot run is no reason to fail the fetch
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temporary folder left behind holds the remote's document with secrets masked only
                }
            }
        }
    }

    /** Equal but for the order of values compared as sets (a server answering keywords in another order on each read). */
    private static boolean sameButSetOrder(Provider provider, JsonNode local, JsonNode remote) {
        ObjectNode l = CanonicalForm.withSetsSorted(provider, local);
        ObjectNode r = CanonicalForm.withSetsSorted(provider, remote);
        l.remove("x-handoff");
        r.remove("x-handoff");
        return l.equals(r);
    }

    /** The YAML fetch writes, checked to read back as exactly the same document. */
    static String canonicalYaml(LocalConfig config) {
        String yaml = CanonicalForm.toYaml(config.provider(), config.withHeader());
        if (yaml.length() > dev.handoff.config.yaml.Yaml.MAX_CODE_POINTS) {
            // read back, it was blamed on a line of the local file, which it never was
            throw HandoffException.remote("the remote's configuration is " + yaml.length() / (1024 * 1024) + " million characters once"
                            + " written as YAML, more than handoff reads back (" + dev.handoff.config.yaml.Yaml.MAX_CODE_POINTS / (1024 * 1024)
                            + " million); nothing was written",
                    "check the target's url (or --api-url) and the remote's lists in the vendor's app", null);
        }
        // a value just under the limit grows past it once escaped (\x01 for a control character): still the remote's text
        dev.handoff.config.yaml.Words.firstTooLong(yaml).ifPresent(w -> {
            String line = yaml.lines().skip(w.line() - 1L).findFirst().orElse("");
            int colon = line.indexOf(':');
            String key = colon > 0 ? line.substring(0, colon).strip().replaceFirst("^- ", "") : "";
            throw HandoffException.remote("the remote's " + (key.isEmpty() || key.length() > 40 ? "text" : "'" + key + "'")
                            + " at line " + w.line() + " of the file fetch would write holds " + dev.handoff.config.yaml.Words.MESSAGE.replaceFirst("; .*", "")
                            + " once written as YAML, escapes included (the local YAML could not hold it; nothing was written)",
                    "shorten or break up that text on the remote (in the vendor's app), then run this again", null);
        });
        JsonNode back = YamlFiles.parse(config.file(), yaml);
        if (!dev.handoff.diff.DocumentDiff.same(back, CanonicalForm.canonicalize(config.provider(), config.withHeader()))) {
            // a text no YAML file can hold as it is (a lone surrogate, half of a character): nothing is written rather than another text
            throw HandoffException.remote("the remote holds a text that does not read back the same once written as YAML (a character"
                            + " YAML cannot hold, such as half of a surrogate pair); nothing was written",
                    "find and fix that text on the remote (in the vendor's app), then run this again; 'handoff -v' shows where it failed", null);
        }
        return yaml;
    }

    private static String kind(JsonNode value) {
        return value.isNumber() ? "a number" : value.isArray() ? "a list" : value.isObject() ? "an object" : "a boolean";
    }

    static String shortVersion(String version) {
        return version == null ? "none" : version.length() > 19 ? version.substring(0, 19) + "…" : version;
    }

    /**
     * A file whose content is no longer what its {@code remote_version} says was fetched has edits
     * that were not pushed; overwriting it would lose them, unless the remote already has them.
     */
    private static void refuseUnpushedEdits(Session session, LocalConfig local, RemoteSnapshot remote) {
        SyncEnvironment env = session.env();
        Provider provider = local.provider();
        String base = local.remoteVersion();
        // the hash masks every secret, so a secret's value written into the file in clear is an edit it cannot see
        boolean edited = base == null || !base.equals(Secrets.remoteVersion(provider, local.document()))
                || Secrets.holdsClearSecret(provider, local.document());
        if (!edited) {
            return;
        }
        // against the remote as fetch writes it: a text masked where it names a secret is no edit
        DiffResult lost = DocumentDiff.compare(provider, MaskedText.mask(remote.masked().document(), env.redactor()), local.document(),
                remote.masked().comparator(env.env()));
        if (!lost.hasChanges()) {
            return; // the remote already has the file's content: nothing is lost
        }
        String file = env.show(local.file());
        Optional<ObjectNode> fetched = base == null ? Optional.empty()
                : session.state().version(session.stateKey(), base);
        if (fetched.isPresent()) {
            env.out().println("Edits in " + file + " since it was fetched (remote_version " + shortVersion(base) + "):");
            env.out().print(DiffRenderer.text(DocumentDiff.compare(provider, fetched.get(), local.document(), SecretComparator.NONE),
                    env.color(), false));
        } else {
            env.out().println("How the remote differs from " + file + ":");
            env.out().print(DiffRenderer.text(lost, env.color()));
        }
        env.out().flush();
        throw HandoffException.conflict(file + (base == null ? " was not written by 'handoff fetch' and differs from the remote"
                        : " has edits that were not pushed (its content is not what remote_version " + shortVersion(base) + " was)")
                        + "; fetch would overwrite them, so nothing was written",
                base != null && !base.equals(remote.version())
                        // the remote moved too, so 'handoff push' would refuse: the way out is a merge, with git
                        ? "the remote changed too, so push would refuse them: commit your edits, run 'handoff fetch --force', bring "
                        + "your edits back with 'git checkout -p HEAD -- " + dev.handoff.text.ShellWords.quote(String.valueOf(file)) + "' (keep the new remote_version) and push; "
                        + "see the remote without writing: 'handoff fetch --stdout'"
                        : "keep them: 'handoff push' (review with 'handoff diff'); discard them: 'handoff fetch --force'; "
                        + "see the remote without writing: 'handoff fetch --stdout'");
    }

    /**
     * A variable that is set but holds another value than the remote's secret (typically: a
     * colleague rotated it on the remote) would put the old value back on the next push, and after
     * this fetch nothing can tell that apart from a rotation meant here. So it is said now, by
     * name and place, never by value.
     */
    private static void warnStaleVariables(SyncEnvironment env, RemoteSnapshot remote) {
        for (Secrets.Secret s : remote.masked().secrets()) {
            String text = env.env().get(s.variable());
            if (text != null && !DocumentDiff.same(Secrets.typed(text, s.value()), s.value())) {
                env.err().println("handoff: warning: " + s.variable() + " holds another value than the remote's " + s.path()
                        + " (rotated on the remote?); the next push would put that value back: set " + s.variable()
                        + " to the remote's value first, unless replacing it is what you mean");
            }
        }
    }

    /**
     * The current local file, for its placeholder names and edits. A file that cannot be read as a
     * configuration may hold edits nobody can see, so it is only replaced with --force (and the
     * project file never is); an empty one holds nothing to lose.
     */
    private static LocalConfig previousConfig(Session session, Path file, byte[] bytes, boolean toStdout, boolean force) {
        if (bytes == null) {
            return null;
        }
        try {
            LocalConfig local = LocalConfig.read(file, Path.of(session.env().show(file)));
            Secrets.placeholderValues(local.document(), session.env().env()).forEach(session.env().redactor()::add);
            return local;
        } catch (HandoffException e) {
            SyncEnvironment env = session.env();
            if (toStdout || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replace("\uFEFF", "").isBlank()) {
                return null;
            }
            if (isProjectFile(session, file)) {
                throw HandoffException.usage(env.show(file) + " is the project file (it maps the targets); target '" + session.target().name()
                                + "' names it as its file, so fetch would replace it: nothing was fetched or written",
                        "point targets." + session.target().name() + ".file in " + env.show(session.project().path())
                                + " at the target's own YAML file");
            }
            if (!force) {
                throw HandoffException.usage(e.getMessage() + "; fetch cannot tell whether the file holds edits that were not pushed,"
                                + " so nothing was written",
                        "fix the file ('handoff validate " + dev.handoff.text.ShellWords.quote(env.show(file)) + "' shows what is wrong), or replace it"
                                + " with the remote: 'handoff fetch --force' (see the remote first: 'handoff fetch --stdout')");
            }
            env.err().println("handoff: warning: " + e.getMessage() + " (--force: the remote's document will replace it, "
                    + "and secret placeholder names are derived afresh)");
            return null;
        }
    }

    private static boolean isProjectFile(Session session, Path file) {
        try {
            return Files.isSameFile(file, session.project().path());
        } catch (IOException e) {
            return file.toAbsolutePath().normalize().equals(session.project().path().toAbsolutePath().normalize());
        }
    }

    private static String unreadable(Path file) {
        try {
            Files.readAllBytes(file);
            return "it changed meanwhile";
        } catch (IOException e) {
            return dev.handoff.files.IoMessages.reason(e);
        }
    }

    private static byte[] bytesOrNull(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * An editor may save the file while the remote is read (a slow server): what fetch checked for
     * unpushed edits is then not what it would replace, so it writes nothing.
     */
    private static void refuseIfChangedMeanwhile(SyncEnvironment env, Path file, byte[] checked) {
        byte[] now = bytesOrNull(file);
        if (!java.util.Arrays.equals(now, checked)) {
            throw HandoffException.conflict(env.show(file) + (now == null ? " was moved or deleted" : " changed")
                            + " while fetch read the remote; nothing was written, so whatever was saved there is kept",
                    "run 'handoff fetch' again (it refuses a file with edits that were not pushed; 'handoff diff' shows them)");
        }
    }

    private static void warnCommentsDropped(SyncEnvironment env, Path file, long dropped, String why) {
        if (dropped > 0) {
            env.err().println("handoff: warning: " + dropped + (dropped == 1 ? " comment" : " comments") + " of "
                    + env.show(file) + " not kept: " + why + " (a committed comment is still in git: 'git diff "
                    + dev.handoff.text.ShellWords.quote(env.show(file)) + "')");
        }
    }

    /** Comments of the old text (whole-line and end-of-line) that the new one does not have. */
    private static long commentsDropped(byte[] old, String yaml) {
        if (old == null) {
            return 0;
        }
        java.util.Set<String> kept = new java.util.HashSet<>(dev.handoff.config.yaml.YamlComments.of(yaml));
        return dev.handoff.config.yaml.YamlComments.of(new String(old, java.nio.charset.StandardCharsets.UTF_8)).stream()
                .filter(c -> !kept.contains(c)).count();
    }
}

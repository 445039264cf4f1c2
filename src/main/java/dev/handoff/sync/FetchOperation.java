package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.error.HandoffException;
import dev.handoff.files.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code handoff fetch}: the remote document as canonical YAML, secrets as placeholders. */
public final class FetchOperation {

    private FetchOperation() {
    }

    /** @return the exit code */
    public static int run(Session session, boolean toStdout) {
        SyncEnvironment env = session.env();
        Path file = session.target().file();
        Provider provider = session.target().provider();
        if (!session.remote().exists()) {
            throw HandoffException.usage("target '" + session.target().name() + "' has no agent_id, so there is no agent to fetch",
                    "add agent_id to targets." + session.target().name() + " in " + env.show(session.project().path())
                            + ", or write the file by hand and run 'handoff push' to create the agent");
        }
        JsonNode previous = previousDocument(session, file);
        RemoteSnapshot remote = RemoteSnapshot.read(session.remote(), session.target().name(), previous);
        LocalConfig fetched = new LocalConfig(file, provider, remote.masked().document(), remote.version());
        String yaml = canonicalYaml(fetched);
        if (!remote.masked().variables().isEmpty()) {
            env.err().println("handoff: secrets written as placeholders; set these variables before 'handoff push': "
                    + String.join(", ", remote.masked().variables()));
        }
        if (toStdout) {
            env.out().print(yaml);
            env.out().flush();
            return 0;
        }
        boolean same = sameBytes(file, yaml);
        try {
            AtomicFiles.write(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new StateFiles(env.dirs().state()).rememberVersion(session.target().name(), provider, remote.masked().document(), remote.version());
        env.out().println((same ? "unchanged " : "wrote ") + env.show(file) + " from " + session.remote().location()
                + " (remote_version " + shortVersion(remote.version()) + ")");
        return 0;
    }

    /** The YAML fetch writes, checked to read back as exactly the same document. */
    static String canonicalYaml(LocalConfig config) {
        String yaml = CanonicalForm.toYaml(config.provider(), config.withHeader());
        JsonNode back = YamlFiles.parse(config.file(), yaml);
        if (!dev.handoff.diff.DocumentDiff.same(back, CanonicalForm.canonicalize(config.provider(), config.withHeader()))) {
            throw new IllegalStateException("canonical YAML of " + config.file() + " does not read back as the same document");
        }
        return yaml;
    }

    static String shortVersion(String version) {
        return version == null ? "none" : version.length() > 19 ? version.substring(0, 19) + "…" : version;
    }

    /** The current local document, for its placeholder names; a broken file only costs the names. */
    private static JsonNode previousDocument(Session session, Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return LocalConfig.read(file).document();
        } catch (HandoffException e) {
            session.env().err().println("handoff: warning: " + e.getMessage() + " (ignored; the file is replaced, "
                    + "and secret placeholder names are derived afresh)");
            return null;
        }
    }

    private static boolean sameBytes(Path file, String yaml) {
        try {
            return Files.isRegularFile(file) && new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8).equals(yaml);
        } catch (IOException e) {
            return false;
        }
    }
}

package dev.handoff.sync;

import dev.handoff.config.LocalConfig;
import dev.handoff.config.ProjectFile;
import dev.handoff.config.Target;
import dev.handoff.error.HandoffException;
import dev.handoff.remote.ConfigRemote;
import dev.handoff.remote.Credentials;
import dev.handoff.remote.Remotes;
import dev.handoff.remote.Token;

import java.nio.file.Files;
import java.nio.file.Path;

/** One command's view of a target: the project file entry (with overrides) and, on demand, its remote. */
public final class Session {

    private final SyncEnvironment env;
    private final ProjectFile project;
    private final Target target;
    private final String tokenEnvOverride;
    private ConfigRemote remote;

    private Session(SyncEnvironment env, ProjectFile project, Target target, String tokenEnvOverride) {
        this.env = env;
        this.project = project;
        this.target = target;
        this.tokenEnvOverride = tokenEnvOverride;
    }

    public static Session open(TargetChoice choice, SyncEnvironment env) {
        Path projectPath = choice.project() != null ? env.workDir().resolve(choice.project()) : ProjectFile.locate(env.workDir());
        if (projectPath == null) {
            throw HandoffException.usage("no " + ProjectFile.FILE_NAME + " in " + env.workDir() + " or its parents",
                    "run from the repository that holds " + ProjectFile.FILE_NAME + ", or pass --project FILE");
        }
        if (!Files.isRegularFile(projectPath)) {
            throw HandoffException.usage(env.show(projectPath) + ": no such project file", "check the --project path");
        }
        ProjectFile project = ProjectFile.load(projectPath, dev.handoff.files.ShownPath.of(env.workDir(), projectPath));
        Target t = project.target(choice.name());
        if (!t.provider().hasRemote()) {
            throw Remotes.noApi(t.name());
        }
        if (choice.apiUrl() != null && !choice.apiUrl().isBlank()) {
            String url = choice.apiUrl().endsWith("/") ? choice.apiUrl().substring(0, choice.apiUrl().length() - 1) : choice.apiUrl();
            t = new Target(t.name(), t.provider(), url, t.file(), t.tokenEnv(), t.agentId());
        }
        Session session = new Session(env, project, t, choice.tokenEnv());
        session.learnSecrets();
        return session;
    }

    /**
     * Tells the redactor every secret this run can know before any request is made: the token of
     * every target of the project (a server may echo another one) and the values the environment
     * gives the placeholders of the target's file (a restore never reads that file otherwise).
     */
    private void learnSecrets() {
        for (Target other : project.targets().values()) {
            env.redactor().add(env.env().get(other.tokenEnv()));
        }
        env.redactor().add(tokenEnvOverride == null ? null : env.env().get(tokenEnvOverride));
        if (Files.isRegularFile(target.file())) {
            try {
                Secrets.placeholderValues(LocalConfig.read(target.file()).document(), env.env()).forEach(env.redactor()::add);
            } catch (HandoffException e) {
                // an unreadable file is reported by the command that needs it
            }
        }
    }

    public SyncEnvironment env() {
        return env;
    }

    public ProjectFile project() {
        return project;
    }

    public Target target() {
        return target;
    }

    /** The remote, opened on first use (that is when a missing token is reported). */
    public ConfigRemote remote() {
        if (remote == null) {
            Remotes.requireUrl(target);
            Token token = Credentials.resolve(target, tokenEnvOverride, env.env(), env.dirs().config());
            remote = Remotes.open(effectiveTarget(), token, env.http(), env.userAgent(), env.redactor());
        }
        return remote;
    }

    /** The target as the remote is opened: a Plugit target without agent_id takes the agent id its file holds. */
    private Target effectiveTarget() {
        Target t = target;
        if (t.provider() == dev.handoff.config.Provider.PLUGIT && t.agentId() == null) {
            // a push that created the agent wrote its id into the file: the next push updates that agent
            String id = agentIdInFile();
            if (id != null) {
                t = new Target(t.name(), t.provider(), t.baseUrl(), t.file(), t.tokenEnv(), id);
            }
        }
        return t;
    }

    /** Whose state (backups, version copies, fingerprints) this session reads and writes: the target and its remote. */
    public StateKey stateKey() {
        return StateKey.of(effectiveTarget());
    }

    /** The run's state files. */
    StateFiles state() {
        return new StateFiles(env.dirs().state(), env.redactor());
    }

    /** The top-level {@code id} of the target's file (a Plugit agent), or null when there is none or the file is unreadable. */
    private String agentIdInFile() {
        if (!Files.isRegularFile(target.file())) {
            return null;
        }
        try {
            LocalConfig local = LocalConfig.read(target.file());
            return local.document().hasNonNull("id") ? local.document().get("id").asText() : null;
        } catch (HandoffException e) {
            return null; // reading it for the push reports the problem properly
        }
    }

    /** The target's local file, read with clear errors; a missing file says how to create it. */
    public LocalConfig readLocal() {
        return readConfig(target.file(), "run 'handoff fetch --target " + target.name() + "' to create it from the remote");
    }

    /** Reads a configuration file (the target's or a backup) and checks it is for this target's provider. */
    public LocalConfig readConfig(Path file, String missingHint) {
        if (!Files.exists(file)) {
            throw HandoffException.usage(env.show(file) + ": no such file", missingHint);
        }
        LocalConfig local = LocalConfig.read(file, Path.of(env.show(file)));
        Secrets.placeholderValues(local.document(), env.env()).forEach(env.redactor()::add);
        if (local.provider() != target.provider()) {
            throw HandoffException.usage(env.show(file) + ": a " + local.provider().id() + " configuration, but target '"
                            + target.name() + "' is " + target.provider().id(),
                    "pick the matching target with --target, or fix " + LocalConfig.HEADER + ".provider in the file");
        }
        return local;
    }
}

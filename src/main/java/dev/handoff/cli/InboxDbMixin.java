package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import dev.handoff.queue.store.InboxStore;
import dev.handoff.queue.store.PostgresStore;
import dev.handoff.queue.store.PostgresTarget;
import dev.handoff.queue.store.SqliteStore;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;

/** Where the inbox keeps its queue: what {@code inbox serve} writes and {@code inbox stats} reads. */
public final class InboxDbMixin {

    @Option(names = "--db", paramLabel = "PATH|URL",
            description = {"SQLite database file (default: inbox.db in the state folder, ~/.local/state/handoff/ "
                    + "unless XDG_STATE_HOME is set), or a PostgreSQL URL to share one queue between several inbox "
                    + "processes, e.g. postgres://user@host:port/database."})
    String dbGiven;

    @Option(names = "--db-password-env", paramLabel = "VAR", defaultValue = "PGPASSWORD",
            description = "Environment variable holding the PostgreSQL password (default: ${DEFAULT-VALUE}; "
                    + "unset means none, e.g. trust or ~/.pgpass).")
    String dbPasswordEnv;

    /** --db as given, without surrounding blanks: a URL pasted with a blank in front was taken for a path and echoed whole. */
    private String db() {
        return dbGiven == null ? null : dbGiven.strip();
    }

    /** Opens the store for {@code inbox serve}: creating and migrating it when needed, for this process alone. */
    InboxStore openForServing(CliContext context, UnaryOperator<String> secrets, java.util.function.Consumer<String> warn) {
        PostgresTarget target = postgres();
        if (target != null) {
            return withPasswordHint(() -> PostgresStore.open(target, password(secrets), Clock.systemUTC()), "starting");
        }
        Path file = file(context);
        Path folder = file.toAbsolutePath().normalize().getParent();
        if (db() != null && folder != null && !Files.isDirectory(folder)) {
            // a typo in --db made a new, empty queue in a folder nobody looks at (the state folder's default is created)
            throw HandoffException.usage("--db " + db() + ": the folder " + folder + " does not exist; nothing was created",
                    "check the path, or create the folder first (mkdir -p " + dev.handoff.text.ShellWords.quote(folder.toString()) + ")");
        }
        InboxStore store = InboxStore.open(file, Clock.systemUTC());
        String mode = dev.handoff.files.PrivatePaths.readableByOthers(file);
        if (mode != null) {
            // made before the inbox made its files 0600, or by hand: changing it is the owner's choice, not ours
            String shown = dev.handoff.files.ShownPath.text(context.workDir(), file);
            warn.accept(shown + " can be read by other users of this machine (" + mode + "), and it holds customers'"
                    + " messages and phone numbers\n    to keep them private, run: chmod 600 " + dev.handoff.text.ShellWords.quote(shown));
        }
        return store;
    }

    /**
     * Opens an existing store for reports ({@code inbox stats}): a SQLite file or a PostgreSQL
     * database is opened read-only and must hold the inbox's schema; nothing is created or changed.
     */
    InboxStore openForReading(CliContext context, UnaryOperator<String> secrets) {
        PostgresTarget target = postgres();
        if (target != null) {
            return withPasswordHint(() -> PostgresStore.openReadOnly(target, password(secrets), Clock.systemUTC()),
                    "running this again");
        }
        Path file = file(context);
        if (!Files.isRegularFile(file)) {
            throw HandoffException.usage(file + ": no inbox database there",
                    "pass --db with the database 'handoff inbox serve' uses (its --db, or <state dir>/inbox.db)");
        }
        return SqliteStore.openReadOnly(file, Clock.systemUTC());
    }

    private PostgresTarget postgres() {
        if (db() == null) {
            return null;
        }
        if (db().isBlank()) {
            // resolved as a path, '' is the current folder: "is a folder, not a database file" hid the cause
            throw HandoffException.usage("--db is empty",
                    "give a SQLite file's path or a PostgreSQL URL, or leave out --db for <state dir>/inbox.db");
        }
        if (PostgresTarget.malformed(db())) {
            // taken as a SQLite path, it was echoed whole (password and all) in "the folder ... does not exist"
            throw HandoffException.usage("--db " + PostgresTarget.masked(db()) + ": a malformed PostgreSQL URL",
                    "write it as postgres://USER@HOST:PORT/DB, the password in " + dbPasswordEnv
                            + " (--db-password-env names another variable), never in the URL");
        }
        String scheme = PostgresTarget.foreignScheme(db());
        if (scheme != null) {
            // only the scheme is repeated: the rest may hold a password
            String shown = db().substring(scheme.length()).startsWith("://") ? scheme + "://" : scheme + ":";
            throw HandoffException.usage("--db: " + (scheme.length() <= 20 ? shown : "this URL")
                            + " is not a database the inbox can use",
                    scheme.equalsIgnoreCase("sqlite") || scheme.equalsIgnoreCase("file")
                            ? "give the SQLite file's path itself, e.g. --db /var/lib/handoff/inbox.db"
                            : "give a SQLite file's path, or a PostgreSQL URL: postgres://user@host:port/database");
        }
        if (!PostgresTarget.looksLikeOne(db())) {
            if (db().contains("?") || db().regionMatches(true, 0, "file:", 0, 5) || db().regionMatches(true, 0, "sqlite:", 0, 7)) {
                // the SQLite driver reads "?key=value" (and a file: URI) as settings and opens another file than the one
                // handoff locks and makes private: a password landed in a file name and the log, two inboxes shared a file.
                // Nothing after the '?' is shown: any of it may be a key (SQLCipher's key=)
                String shown = db().contains("?") ? db().substring(0, db().indexOf('?')) + "?…" : PostgresTarget.masked(db());
                throw HandoffException.usage("--db " + shown + ": a SQLite path with '?' or a file: URI;"
                                + " the inbox takes the database file's path alone",
                        "give the path itself, e.g. --db /var/lib/handoff/inbox.db (a password never belongs in --db)");
            }
            return null;
        }
        try {
            return PostgresTarget.parse(db());
        } catch (IllegalArgumentException e) {
            // the message never repeats the URL: it might hold the password being complained about
            throw HandoffException.usage("--db: " + e.getMessage(), null);
        }
    }

    /** The store's "no password" refusal, its hint naming the variable this run reads (--db-password-env). */
    private InboxStore withPasswordHint(java.util.function.Supplier<InboxStore> open, String when) {
        try {
            return open.get();
        } catch (HandoffException e) {
            if (e.getMessage() != null && e.getMessage().endsWith(PostgresStore.NO_PASSWORD)) {
                throw HandoffException.usage(e.getMessage(), "export " + dbPasswordEnv + "=<password> before " + when
                        + " (--db-password-env names another variable; never put the password in the URL)");
            }
            throw e;
        }
    }

    /** The database as messages name it: the file's path, or the PostgreSQL URL without its parameters. */
    String shown(CliContext context) {
        PostgresTarget target = postgres();
        return target != null ? target.display() : file(context).toString();
    }

    /** @param secrets reads a variable and registers its value with the output masking */
    private String password(UnaryOperator<String> secrets) {
        String password = secrets.apply(dbPasswordEnv);
        return password == null || password.isEmpty() ? null : password;
    }

    private Path file(CliContext context) {
        return db() != null ? context.workDir().resolve(db()) : context.dirs().state().resolve("inbox.db");
    }
}

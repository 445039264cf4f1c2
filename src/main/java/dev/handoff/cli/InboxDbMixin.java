package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import dev.handoff.queue.store.InboxStore;
import dev.handoff.queue.store.PostgresStore;
import dev.handoff.queue.store.PostgresTarget;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Where the inbox keeps its queue: what {@code inbox serve} writes and {@code inbox stats} reads. */
public final class InboxDbMixin {

    @Option(names = "--db", paramLabel = "PATH|URL",
            description = "SQLite database file (default: <state dir>/inbox.db, e.g. ~/.local/state/handoff/inbox.db), "
                    + "or postgres://user@host:port/database to share one queue between several inbox processes.")
    String db;

    @Option(names = "--db-password-env", paramLabel = "VAR", defaultValue = "PGPASSWORD",
            description = "Environment variable holding the PostgreSQL password (default: ${DEFAULT-VALUE}; "
                    + "unset means none, e.g. trust or ~/.pgpass).")
    String dbPasswordEnv;

    /**
     * Opens the store (creating and migrating it when needed).
     *
     * @param mustExist refuse a SQLite file that does not exist yet, instead of creating it
     */
    InboxStore open(CliContext context, boolean mustExist) {
        if (db != null && PostgresTarget.looksLikeOne(db)) {
            PostgresTarget target;
            try {
                target = PostgresTarget.parse(db);
            } catch (IllegalArgumentException e) {
                // the message never repeats the URL: it might hold the password being complained about
                throw HandoffException.usage("--db: " + e.getMessage(), null);
            }
            String password = context.env(dbPasswordEnv);
            return PostgresStore.open(target, password == null || password.isEmpty() ? null : password, Clock.systemUTC());
        }
        Path file = db != null ? context.workDir().resolve(db) : context.dirs().state().resolve("inbox.db");
        if (mustExist && !Files.isRegularFile(file)) {
            throw HandoffException.usage(file + ": no inbox database there",
                    "pass --db with the database 'handoff inbox serve' uses (its --db, or <state dir>/inbox.db)");
        }
        return InboxStore.open(file, Clock.systemUTC());
    }
}

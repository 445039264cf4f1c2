package dev.handoff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL URL typed wrong ({@code postgres:/u:pw@host/db}, no scheme at all) was taken as a
 * SQLite path and echoed whole, password included, in "the folder ... does not exist"; an outside
 * tester found it. It is refused as a malformed URL, its password masked, for every command with --db.
 */
class InboxDbMistypedUrlTest {

    private static final String PASSWORD = "PGPASS_Xq2Wz8Rt";

    @TempDir
    Path home;

    private CliHarness cli() {
        return new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", "whsec-Zq8v3RkT1pLm").env("HANDOFF_INBOX_TOKEN", "optok-K4dJ6fVb0Ui");
    }

    @Test
    void servingRefusesItWithTheUserInfoMaskedAndTheRightForm() {
        String[][] cases = {
                {"postgres:/u:" + PASSWORD + "@127.0.0.1:1/db", "--db postgres:/u:***@127.0.0.1:1/db: a malformed PostgreSQL URL"},
                {"postgres:u:" + PASSWORD + "@127.0.0.1/db", "--db postgres:u:***@127.0.0.1/db: a malformed PostgreSQL URL"},
                {"u:" + PASSWORD + "@127.0.0.1:1/db", "--db u:***@127.0.0.1:1/db: a malformed PostgreSQL URL"},
                {"PostgreSQL:/u:" + PASSWORD + "@db.example.com/db", "--db PostgreSQL:/u:***@db.example.com/db"},
                {"jdbc:postgresql:u:" + PASSWORD + "@h/db", "--db jdbc:postgresql:u:***@h/db"},
                // a password holding ':' or '/': none of it is shown
                {"postgres:/u:" + PASSWORD + ":x/y@h/db", "--db postgres:/u:***@h/db"},
                {"postgres:/" + PASSWORD + "@h/db", "--db postgres:/***@h/db"},
                // libpq's keyword/value form, which the inbox does not read: taken as a path, the password named a file
                {"host=db1 dbname=handoff password=" + PASSWORD, "--db host=db1 dbname=handoff password=***: a malformed PostgreSQL URL"},
                {"host=db1 password='" + PASSWORD + " x' user=u", "--db host=db1 password=*** user=u"}};
        for (String[] c : cases) {
            var r = cli().run("inbox", "serve", "--listen", "127.0.0.1:0", "--db", c[0]);

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(c[0]).startsWith("handoff: " + c[1])
                    .contains("postgres://USER@HOST:PORT/DB, the password in PGPASSWORD")
                    .doesNotContain("does not exist");
            assertThat(r.out() + r.err()).doesNotContain(PASSWORD).doesNotContain("Xq2Wz8Rt");
        }
        assertThat(home.resolve("postgres:")).doesNotExist();
    }

    /** Found by an outside tester: connection strings of other drivers, a blank in front, ';' inside a parameter's value. */
    @Test
    void connectionStringsOfOtherDriversAndParametersJoinedWithSemicolonsNeverEchoThePassword() throws Exception {
        String[] values = {
                "Server=db1;Port=5432;Database=handoff;User Id=inbox;Password=" + PASSWORD + ";",
                "Database=handoff;Username=inbox;Password=" + PASSWORD + ";Host=db1",
                "Username=inbox;Password=" + PASSWORD,
                " postgres://inbox:" + PASSWORD + "@127.0.0.1:1/db",
                "postgres://inbox@127.0.0.1:1/db?sslmode=disable;password=" + PASSWORD,
                "postgres://inbox@127.0.0.1:1/db?loginTimeout=5,password=" + PASSWORD,
                "postgres://inbox@127.0.0.1:1/db?connectTimeout=5;sslmode=require",
                // SQLite's driver reads these as settings and opens plain inbox.db, which handoff neither locked nor made private
                "inbox.db?password=" + PASSWORD,
                "file:inbox.db?password=" + PASSWORD,
                "inbox.db?journal_mode=DELETE",
                "inbox.db?cipher=sqlcipher&key=" + PASSWORD,
                "sqlite:inbox.db"};
        for (String value : values) {
            for (String[] command : new String[][] {{"inbox", "serve", "--listen", "127.0.0.1:0"}, {"inbox", "stats"}}) {
                String[] args = java.util.Arrays.copyOf(command, command.length + 2);
                args[command.length] = "--db";
                args[command.length + 1] = value;
                var r = cli().run(args);
                assertThat(r.exitCode()).as(value + ": " + r).isEqualTo(ExitCode.USAGE);
                assertThat(r.out() + r.err()).as(value).doesNotContain(PASSWORD).doesNotContain("Xq2Wz8Rt");
            }
        }
        try (var files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no file named with a password").noneMatch(n -> n.contains("Password"));
        }
    }

    @Test
    void statsRefusesItTooNamingTheVariableItReads() {
        var r = cli().run("inbox", "stats", "--db", "postgres:/u:" + PASSWORD + "@127.0.0.1:1/db", "--db-password-env", "INBOX_PG");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("a malformed PostgreSQL URL").contains("the password in INBOX_PG");
        assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
    }

    @Test
    void aFileNamedAfterPostgresIsStillAPath() throws Exception {
        Files.createDirectories(home.resolve("postgres-data"));
        for (String path : new String[]{"postgres.db", "postgres_queue.db", "postgres-data/inbox.db"}) {
            var r = cli().run("inbox", "stats", "--db", home.resolve(path).toString());

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(path).contains("no inbox database there").doesNotContain("malformed");
        }
        // a folder named with a blank before "user=" is still a folder (libpq's keyword form starts with a keyword)
        Files.createDirectories(home.resolve("my user=bob"));
        var blank = cli().run("inbox", "stats", "--db", home.resolve("my user=bob/inbox.db").toString());
        assertThat(blank.err()).contains("no inbox database there").doesNotContain("malformed");
        var relative = cli().run("inbox", "stats", "--db", "postgres.db");
        assertThat(relative.err()).contains("no inbox database there").doesNotContain("malformed");
    }

    @Test
    void anotherDatabasesUrlStillNamesItsScheme() {
        var r = cli().run("inbox", "serve", "--listen", "127.0.0.1:0", "--db", "mysql://u:" + PASSWORD + "@h/db");

        assertThat(r.err()).startsWith("handoff: --db: mysql:// is not a database the inbox can use");
        assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
    }
}

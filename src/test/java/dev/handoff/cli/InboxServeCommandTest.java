package dev.handoff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up refusals of {@code handoff inbox serve}; the running server is tested in dev.handoff.queue.server. */
class InboxServeCommandTest {

    private static final String SECRET = "whsec-Zq8v3RkT1pLm";
    private static final String TOKEN = "optok-K4dJ6fVb0Ui";

    @TempDir
    Path home;

    @Test
    void helpTeachesWithAnExample() {
        var r = new CliHarness(home).run("inbox", "serve", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--listen", "--db", "--webhook-header", "--hmac-secret-env", "--api-token-env",
                "--default-region", "--db-password-env", "--notify", "Examples:", "handoff inbox serve --listen 127.0.0.1:8787",
                "--db postgres://inbox@db1:5432/handoff", "Exit codes:");
    }

    @Test
    void missingWebhookSecretIsAnAuthErrorNamingTheVariable() {
        var r = new CliHarness(home).env("HANDOFF_INBOX_TOKEN", TOKEN).run("inbox", "serve");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.AUTH);
        assertThat(r.err()).startsWith("handoff: HANDOFF_WEBHOOK_SECRET is not set");
        assertThat(r.err().lines().count()).isEqualTo(2);
    }

    @Test
    void missingOperatorTokenIsAnAuthErrorNamingTheChosenVariable() {
        var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET)
                .run("inbox", "serve", "--api-token-env", "MY_INBOX_TOKEN");
        assertThat(r.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(r.err()).startsWith("handoff: MY_INBOX_TOKEN is not set");
    }

    @Test
    void missingHmacKeyIsAnAuthError() {
        var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN)
                .run("inbox", "serve", "--hmac-secret-env", "HANDOFF_HMAC");
        assertThat(r.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(r.err()).startsWith("handoff: HANDOFF_HMAC is not set");
    }

    @Test
    void aHeaderSecretNoRequestCouldMatchIsRefusedAtStartWithoutPrintingIt() {
        // HTTP drops white space at a header value's ends and carries ASCII only: every webhook would be 401
        for (String bad : new String[] {SECRET + "\n", " " + SECRET, "p\u00e4ss-" + SECRET}) {
            var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", bad).env("HANDOFF_INBOX_TOKEN", TOKEN)
                    .run("inbox", "serve", "--listen", "127.0.0.1:0", "--db", home.resolve("inbox.db").toString());
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).startsWith("handoff: HANDOFF_WEBHOOK_SECRET ").doesNotContain(SECRET);
            assertThat(r.err().lines().count()).isEqualTo(2);
        }
        var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN + " ")
                .run("inbox", "serve", "--listen", "127.0.0.1:0", "--db", home.resolve("inbox.db").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: HANDOFF_INBOX_TOKEN starts or ends with white space").doesNotContain(TOKEN);
        assertThat(home.resolve("inbox.db")).doesNotExist();
    }

    @Test
    void operatorTokenEqualToTheWebhookSecretIsRefusedWithoutPrintingIt() {
        var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", SECRET)
                .run("inbox", "serve");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("equals a webhook secret").doesNotContain(SECRET);
    }

    @Test
    void aNotificationSecretMissingFromTheEnvironmentStopsTheStartWithOneLineAndNothingStarted() throws Exception {
        Files.copy(Path.of("src/test/resources/notify/notify-email-and-chat.yaml"), home.resolve("notify.yaml"));
        Path db = home.resolve("inbox.db");
        var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN)
                .env("SMTP_PASSWORD", "pw-Jq7Ls0Xe")
                .run("inbox", "serve", "--listen", "127.0.0.1:0", "--db", db.toString(), "--notify", "notify.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: notify.yaml:16:14: channels[1].url_env: SLACK_WEBHOOK_URL is not set")
                .doesNotContain("pw-Jq7Ls0Xe");
        assertThat(r.err().lines().count()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(db).as("no store opened, no server started").doesNotExist();
    }

    @Test
    void badOptionsAreUsageErrors() {
        var h = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN);
        var region = h.run("inbox", "serve", "--default-region", "XX");
        var listen = h.run("inbox", "serve", "--listen", "localhost");
        var skew = h.run("inbox", "serve", "--max-skew", "soon");
        var negative = h.run("inbox", "serve", "--max-skew", "-5s");

        assertThat(region.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(region.err()).contains("--default-region XX");
        assertThat(listen.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(listen.err()).contains("--listen localhost: expected HOST:PORT");
        assertThat(skew.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(skew.err()).contains("'soon' is not a duration");
        assertThat(negative.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aListenHostThatDoesNotResolveIsSaidToBeUnknown() {
        var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN)
                .run("inbox", "serve", "--listen", "nosuchhost.invalid:18706", "--db", home.resolve("a.db").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: --listen nosuchhost.invalid:18706: unknown host nosuchhost.invalid")
                .doesNotContain("bind", "free space", "permissions");
        assertThat(home.resolve("a.db")).as("refused before the database is opened").doesNotExist();
    }

    @Test
    void aFolderAsDatabaseIsRefusedWithoutLeavingALockFileBesideIt() throws Exception {
        Path folder = Files.createDirectory(home.resolve("state"));
        var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN)
                .run("inbox", "serve", "--db", folder.toString(), "--listen", "127.0.0.1:0");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: " + folder + ": is a folder, not a database file")
                .contains("--db " + folder.resolve("inbox.db"));
        assertThat(home.resolve("state.lock")).doesNotExist();
    }

    @Test
    void aPostgresServerThatAsksForAPasswordNoneWasGivenForNamesTheVariable() throws Exception {
        try (FakePostgres pg = new FakePostgres()) {
            var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN)
                    .run("inbox", "serve", "--db", "postgres://inbox@127.0.0.1:" + pg.port() + "/handoff",
                            "--listen", "127.0.0.1:0");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).startsWith("handoff: postgres://inbox@127.0.0.1:" + pg.port()
                            + "/handoff: the server asked for a password and none was given")
                    .contains("PGPASSWORD", "--db-password-env").doesNotContain("plugin");
            var stats = new CliHarness(home).run("inbox", "stats", "--db", "postgres://inbox@127.0.0.1:" + pg.port() + "/handoff");
            assertThat(stats.err()).contains("the server asked for a password and none was given").doesNotContain("plugin");
        }
    }

    /**
     * Answers a PostgreSQL client's start-up with a request for a clear-text password, as a server
     * with password authentication does, then waits for it to leave.
     */
    private static final class FakePostgres implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
        private final Thread thread = new Thread(this::serve, "fake-postgres");

        FakePostgres() throws java.io.IOException {
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (var c = socket.accept(); var in = new java.io.DataInputStream(c.getInputStream())) {
                    var out = new java.io.DataOutputStream(c.getOutputStream());
                    while (true) {
                        int length = in.readInt();
                        int code = in.readInt();
                        in.skipNBytes(length - 8);
                        if (code == 80877103 || code == 80877104) { // SSLRequest, GSSENCRequest: not here
                            out.writeByte('N');
                        } else { // StartupMessage: AuthenticationCleartextPassword
                            out.writeByte('R');
                            out.writeInt(8);
                            out.writeInt(3);
                        }
                        out.flush();
                    }
                } catch (java.io.IOException e) {
                    // the client left; take the next one
                }
            }
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    @Test
    void aPortInUseIsAUsageErrorAndLeavesNoServerBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN)
                    .run("inbox", "serve", "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("--listen 127.0.0.1:" + taken.getLocalPort());
        }
        // the default database went to the isolated state directory
        assertThat(Files.exists(home.resolve(".local/state/handoff/inbox.db"))).isTrue();
    }

    @Test
    void anExistingDatabaseOthersCanReadIsAWarningWithTheCommandThatFixesIt() throws Exception {
        Path db = home.resolve("inbox.db");
        Files.createFile(db);
        Files.setPosixFilePermissions(db, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN)
                    .run("inbox", "serve", "--db", db.toString(), "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertThat(r.err()).startsWith("handoff: warning: inbox.db can be read by other users of this machine (rw-r--r--),"
                    + " and it holds customers' messages and phone numbers\n    to keep them private, run: chmod 600 inbox.db\n");
        }
        // its mode is the owner's choice: warned about, not changed
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-r--r--");
        Files.setPosixFilePermissions(db, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN)
                    .run("inbox", "serve", "--db", db.toString(), "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertThat(r.err()).doesNotContain("warning");
        }
    }

    @Test
    void aDatabaseFromTheFutureIsAUsageError() throws Exception {
        Path db = home.resolve("future.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
            s.executeUpdate("PRAGMA user_version = 42");
        }
        var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN)
                .run("inbox", "serve", "--db", db.toString(), "--listen", "127.0.0.1:0");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("schema version 42 is newer");
    }

    @Test
    void anotherApplicationsSqliteDatabaseIsRefusedAndLeftUntouched() throws Exception {
        Path app = home.resolve("app.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + app); var s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE customers (id INTEGER, name TEXT)");
            s.executeUpdate("INSERT INTO customers VALUES (1, 'Ada')");
        }
        byte[] before = Files.readAllBytes(app);
        var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN)
                .run("inbox", "serve", "--db", app.toString(), "--listen", "127.0.0.1:0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: " + app + ": not an inbox database").contains("nothing was changed")
                .doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(2);
        assertThat(Files.readAllBytes(app)).isEqualTo(before);
        try (var files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no -wal, -shm or lock file beside it")
                    .containsExactly("app.db");
        }
        // an empty file is a new database, as SQLite has it
        Path empty = Files.createFile(home.resolve("empty.db"));
        try (var store = dev.handoff.queue.store.InboxStore.open(empty, java.time.Clock.systemUTC())) {
            assertThat(store.healthy()).isTrue();
        }
    }

    @Test
    void aPostgresUrlCarryingAPasswordIsRefusedWithoutPrintingIt() {
        var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN)
                .run("inbox", "serve", "--db", "postgres://inbox:pw-Hq73xLmz@127.0.0.1:5432/handoff");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--db: the URL carries a password", "--db-password-env");
        assertThat(r.out() + r.err()).doesNotContain("pw-Hq73xLmz");
    }

    @Test
    void aPostgresPasswordInAQueryParameterOrEncodedInTheUserIsRefusedWithoutPrintingIt() {
        var h = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN);
        for (String url : new String[]{"postgres://inbox@127.0.0.1:1/handoff?password=pgpw-Kx81Lq",
                "postgres://inbox@127.0.0.1:1/handoff?sslpassword=pgpw-Kx81Lq",
                "postgres://inbox%3Apgpw-Kx81Lq@127.0.0.1:1/handoff"}) {
            var r = h.run("inbox", "serve", "--db", url, "--listen", "127.0.0.1:0");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).startsWith("handoff: --db: the URL carries a password").contains("--db-password-env");
            assertThat(r.out() + r.err()).doesNotContain("pgpw-Kx81Lq");
        }
    }

    @Test
    void aDatabaseUrlOfAnotherKindIsRefusedNamingItsSchemeAndNeverBecomesAFile() throws Exception {
        var h = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN);
        java.util.Set<Path> before;
        try (var files = Files.list(home)) {
            before = files.collect(java.util.stream.Collectors.toSet());
        }
        for (String[] c : new String[][]{{"mysql://u:pgpw-Wd93Ls@h/db", "--db: mysql:// is not a database the inbox can use"},
                {"jdbc:mysql://h/db?password=pgpw-Wd93Ls", "--db: jdbc:mysql:// is not"},
                {"sqlite:///tmp/pgpw-Wd93Ls.db", "give the SQLite file's path itself"}}) {
            var r = h.run("inbox", "serve", "--db", c[0], "--listen", "127.0.0.1:0");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).startsWith("handoff: --db: ").contains(c[1]);
            assertThat(r.out() + r.err()).doesNotContain("pgpw-Wd93Ls");
        }
        // almost a PostgreSQL URL: read as one (this one is refused for its password), never as a path
        var jdbc = h.run("inbox", "serve", "--db", "jdbc:postgresql://h/db?password=pgpw-Wd93Ls", "--listen", "127.0.0.1:0");
        assertThat(jdbc.err()).startsWith("handoff: --db: the URL carries a password").doesNotContain("pgpw-Wd93Ls");
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        for (String url : new String[]{"POSTGRES://inbox@127.0.0.1:" + closed + "/h", "Postgresql://inbox@127.0.0.1:" + closed + "/h"}) {
            var r = h.run("inbox", "serve", "--db", url, "--listen", "127.0.0.1:0");
            assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(url).contains("postgres://inbox@127.0.0.1:" + closed + "/h: cannot open the inbox database");
        }
        try (var files = Files.list(home)) {
            assertThat(files.collect(java.util.stream.Collectors.toSet())).as("no file or folder made from a URL")
                    .isEqualTo(before);
        }
    }

    @Test
    void messagesAboutAPostgresUrlLeaveItsParametersOut() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN)
                .run("inbox", "serve", "--db", "postgres://inbox@127.0.0.1:" + closed + "/handoff?application_name=q-Zt5",
                        "--listen", "127.0.0.1:0");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("postgres://inbox@127.0.0.1:" + closed + "/handoff: cannot open").doesNotContain("q-Zt5");
    }

    @Test
    void anUnreachablePostgresIsAUsageErrorThatNeverShowsThePassword() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN)
                .env("INBOX_DB_PASSWORD", "pw-Vb82kQwe")
                .run("inbox", "serve", "--db", "postgres://inbox@127.0.0.1:" + closed + "/handoff",
                        "--db-password-env", "INBOX_DB_PASSWORD", "--listen", "127.0.0.1:0");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("postgres://inbox@127.0.0.1:" + closed + "/handoff: cannot open the inbox database");
        assertThat(r.out() + r.err()).doesNotContain("pw-Vb82kQwe");
    }

    @Test
    void aSecondInboxOnTheSameSqliteFileIsAUsageErrorPointingAtPostgres() throws Exception {
        Path db = home.resolve("inbox.db");
        // the first inbox's store holds the file's lock for its whole life
        try (var first = dev.handoff.queue.store.InboxStore.open(db, java.time.Clock.systemUTC())) {
            var r = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN)
                    .run("inbox", "serve", "--db", db.toString(), "--listen", "127.0.0.1:0");
            assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains(db + ": another 'handoff inbox serve' is using this database")
                    .contains("docs/inbox-postgres.md").doesNotContain("\tat ");
            assertThat(first.healthy()).isTrue();
        }
    }
}

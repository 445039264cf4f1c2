package dev.handoff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up refusals of {@code inbox serve} that named the wrong cause (an empty --db, the port for a host, a variable). */
class InboxServeMessagesTest {

    private static final String SECRET = "whsec-Zq8v3RkT1pLm";
    private static final String TOKEN = "optok-K4dJ6fVb0Ui";

    @TempDir
    Path home;

    private CliHarness cli() {
        return new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", SECRET).env("HANDOFF_INBOX_TOKEN", TOKEN);
    }

    @Test
    void anEmptyDbSaysSoInsteadOfCallingTheCurrentFolderADatabase() {
        var r = cli().run("inbox", "serve", "--listen", "127.0.0.1:0", "--db", "");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: --db is empty\n").doesNotContain("folder");
        var stats = new CliHarness(home).run("inbox", "stats", "--db", " ");
        assertThat(stats.err()).startsWith("handoff: --db is empty\n");
    }

    @Test
    void aDbInAFolderThatDoesNotExistIsATypoNotANewQueue() {
        Path typo = home.resolve("no-such-dir/deeper/inbox.db");
        var r = cli().run("inbox", "serve", "--listen", "127.0.0.1:0", "--db", typo.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("does not exist; nothing was created").contains("mkdir -p");
        assertThat(home.resolve("no-such-dir")).doesNotExist();
    }

    @Test
    void anEmptySecretIsSaidToBeEmptyAndAShortOneIsWarnedOf() {
        var empty = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", "").env("HANDOFF_INBOX_TOKEN", TOKEN)
                .run("inbox", "serve", "--listen", "127.0.0.1:0", "--db", home.resolve("a.db").toString());
        assertThat(empty.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(empty.err()).startsWith("handoff: HANDOFF_WEBHOOK_SECRET is set but empty:");

        // refused afterwards (one value for both), so no server starts; the warnings come first
        var shortOnes = new CliHarness(home).env("HANDOFF_WEBHOOK_SECRET", "abc").env("HANDOFF_INBOX_TOKEN", "abc")
                .run("inbox", "serve", "--listen", "127.0.0.1:0", "--db", home.resolve("b.db").toString());
        assertThat(shortOnes.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(shortOnes.err()).contains("warning: HANDOFF_INBOX_TOKEN has 3 characters; use at least 16")
                .contains("warning: HANDOFF_WEBHOOK_SECRET has 3 characters").doesNotContain("abc");
    }

    @Test
    void aNotifyFileThatIsAFolderIsSaidToBeOneWithWhatToDo() throws Exception {
        java.nio.file.Files.createDirectories(home.resolve("ndir"));
        var r = cli().run("inbox", "serve", "--listen", "127.0.0.1:0", "--db", home.resolve("a.db").toString(),
                "--notify", home.resolve("ndir").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("ndir: is a folder, not a file\n  name the file itself");
    }

    @Test
    void aPortOutOfRangeIsSaidToBe() {
        var r = cli().run("inbox", "serve", "--listen", "127.0.0.1:99999", "--db", home.resolve("a.db").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: --listen 127.0.0.1:99999: port 99999 is out of range (0 to 65535)");
    }

    @Test
    void anAddressThisMachineDoesNotHaveIsNamedNotThePort() {
        // 192.0.2.0/24 is for documentation (RFC 5737): no machine has it
        var r = cli().run("inbox", "serve", "--listen", "192.0.2.1:18707", "--db", home.resolve("a.db").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: --listen 192.0.2.1:18707: 192.0.2.1 is not an address of this machine\n")
                .doesNotContain("another port");
    }

    @Test
    void aMissingPasswordNamesTheVariableGivenToDbPasswordEnv() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> askForAPassword(server), "fake-postgres");
            t.setDaemon(true);
            t.start();
            String url = "postgres://inbox@127.0.0.1:" + server.getLocalPort() + "/handoff";
            var r = cli().run("inbox", "serve", "--listen", "127.0.0.1:0", "--db", url, "--db-password-env", "MY_PG_PW");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("the server asked for a password and none was given")
                    .contains("export MY_PG_PW=<password> before starting").doesNotContain("PGPASSWORD");
            var stats = new CliHarness(home).run("inbox", "stats", "--db", url, "--db-password-env", "MY_PG_PW");
            assertThat(stats.err()).contains("export MY_PG_PW=<password> before running this again");
        }
    }

    /** Enough of PostgreSQL's protocol to ask each client for a clear-text password. */
    private static void askForAPassword(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                while (true) {
                    int length = in.readInt();
                    int code = in.readInt();
                    in.readNBytes(length - 8);
                    if (code == 80877103 || code == 80877104) {
                        out.write('N'); // no TLS, no GSS encryption: the client goes on in the clear
                        out.flush();
                        continue;
                    }
                    out.write(new byte[] {'R', 0, 0, 0, 8, 0, 0, 0, 3}); // AuthenticationCleartextPassword
                    out.flush();
                    in.read();
                    break;
                }
            } catch (Exception e) {
                // the next client, or the test is over
            }
        }
    }
}

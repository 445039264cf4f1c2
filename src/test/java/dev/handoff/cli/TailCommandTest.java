package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.queue.Handoff;
import dev.handoff.queue.QueueJson;
import dev.handoff.queue.Status;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code handoff tail} end to end through the real command line, against a fake inbox on 127.0.0.1. */
class TailCommandTest {

    static final String TOKEN = "op-token-5b1e7f";

    @TempDir
    Path home;

    MockWebServer inbox;
    volatile int listStatus = 200;

    @BeforeEach
    void startInbox() throws IOException {
        inbox = new MockWebServer();
        inbox.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                if (!("Bearer " + TOKEN).equals(r.getHeaders().get("Authorization"))) {
                    return json(401, "{\"error\":\"unauthorized\"}");
                }
                String path = r.getUrl().encodedPath();
                if (path.equals("/api/handoffs")) {
                    if (listStatus != 200) {
                        return json(listStatus, "{\"error\":\"down\"}");
                    }
                    // one request for both statuses: two would not be one view of the queue
                    return "pending,in_progress".equals(r.getUrl().queryParameter("status"))
                            ? json(200, page(12, handoff(1, "Jane Doe", "+15551234567", Status.PENDING, null, 1),
                            handoff(2, "Omar \u001b[31mHaddad", "+4915112345678", Status.PENDING, null, 1),
                            handoff(3, "Li Wei", "+8613800138000", Status.IN_PROGRESS, "bob", 2)))
                            : json(400, "{\"error\":\"unexpected status\"}");
                }
                if (path.equals("/api/stream")) {
                    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
                            .body(": ping\n\n"
                                    + event(13, handoff(4, "Sam Lee", "+447700900123", Status.PENDING, null, 1))
                                    + event(14, handoff(1, "Jane Doe", "+15551234567", Status.IN_PROGRESS, "alice", 2)))
                            .build();
                }
                return json(404, "{}");
            }
        });
        inbox.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stopInbox() {
        inbox.close();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    static ObjectNode handoff(long id, String name, String phone, Status status, String claimedBy, long version) {
        Instant at = Instant.parse("2025-09-19T12:34:56Z").plusSeconds(id * 60);
        Handoff h = new Handoff(id, "agt_123", "crm-42", name, phone, "User asked to speak with a human.",
                "criteria_matched: user_requested_human", at, at, status, claimedBy, at, version);
        ObjectNode node = QueueJson.mapper().valueToTree(h);
        node.put("whatsapp_url", "https://api.whatsapp.com/send?phone=" + phone.substring(1) + "&text=Hi");
        return node;
    }

    static String page(long seq, ObjectNode... items) {
        ObjectNode page = QueueJson.mapper().createObjectNode();
        var list = page.putArray("items");
        for (ObjectNode i : items) {
            list.add(i);
        }
        page.putNull("next_cursor");
        page.put("seq", seq);
        return page.toString();
    }

    static String event(long id, ObjectNode handoff) {
        return "id: " + id + "\nevent: handoff\ndata: " + handoff + "\n\n";
    }

    private CliHarness cli() {
        return new CliHarness(home).env("HANDOFF_INBOX_TOKEN", TOKEN).env("USER", "alice");
    }

    private String url() {
        return inbox.url("/").toString();
    }

    private static List<JsonNode> jsonLines(String out) throws IOException {
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(QueueJson.mapper().readTree(line));
            }
        }
        return lines;
    }

    @Test
    void onceInAPipePrintsOneJsonLinePerQueuedHandoff() throws Exception {
        var r = cli().run("tail", "--inbox", url(), "--once");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> lines = jsonLines(r.out());
        assertThat(lines).hasSize(3).allSatisfy(l -> {
            assertThat(l.path("type").asText()).isEqualTo("snapshot");
            assertThat(l.path("seq").asLong()).isEqualTo(12);
        });
        JsonNode jane = lines.get(0).path("handoff");
        assertThat(jane.path("id").asLong()).isEqualTo(1);
        assertThat(jane.path("name").asText()).isEqualTo("Jane Doe");
        assertThat(jane.path("phone_number").asText()).isEqualTo("+15551234567");
        assertThat(jane.path("status").asText()).isEqualTo("pending");
        assertThat(jane.path("created_at").asText()).isEqualTo("2025-09-19T12:35:56Z");
        assertThat(jane.path("whatsapp_url").asText()).startsWith("https://api.whatsapp.com/send?phone=15551234567");
        assertThat(lines.get(2).path("handoff").path("claimed_by").asText()).isEqualTo("bob");
        assertThat(r.out() + r.err()).doesNotContain(TOKEN);
    }

    @Test
    void followingInAPipePrintsTheSnapshotThenOneLinePerChange() throws Exception {
        var r = cli().run("tail", "--inbox", url(), "--count", "2");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> lines = jsonLines(r.out());
        assertThat(lines).extracting(l -> l.path("type").asText() + " " + l.path("seq").asLong() + " #"
                        + l.path("handoff").path("id").asLong() + " " + l.path("handoff").path("status").asText())
                .containsExactly(
                        "snapshot 12 #1 pending", "snapshot 12 #2 pending", "snapshot 12 #3 in_progress",
                        "change 13 #4 pending", "change 14 #1 in_progress");
        assertThat(r.err()).contains("live");
    }

    @Test
    void verboseLogsEachRequestAndAnswerWithoutTheToken() throws Exception {
        var r = cli().run("-v", "tail", "--inbox", url(), "--once");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(jsonLines(r.out())).hasSize(3);
        assertThat(r.err()).contains("> GET " + url().replaceAll("/$", "") + "/api/handoffs?status=pending,in_progress&limit=500").containsPattern("< 200 GET " + java.util.regex.Pattern.quote(url().replaceAll("/$", "") + "/api/handoffs") + "\\S* \\(\\d+ ms\\)");
        assertThat(r.err()).doesNotContain(TOKEN).doesNotContain("Authorization");
        assertThat(cli().run("tail", "--inbox", url(), "--once").err()).doesNotContain("> GET");
    }

    @Test
    void jsonIsAlsoAvailableOnATerminal() throws Exception {
        var r = cli().interactive(true, "").run("tail", "--inbox", url(), "--once", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(jsonLines(r.out())).hasSize(3);
        var o = cli().interactive(true, "").run("tail", "--inbox", url(), "--once", "-o", "json");
        assertThat(jsonLines(o.out())).hasSize(3);
    }

    @Test
    void anExplicitTextOutputGivesTheTableInAPipe() {
        var r = cli().env("COLUMNS", "120").run("tail", "--inbox", url(), "--once", "-o", "text");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).contains("STATUS", "WAITING", "NAME");
        assertThat(lines.get(4)).isEqualTo("3 handoffs (inbox " + url() + ")");
        assertThat(r.out()).doesNotContain("{\"type\"");
    }

    @Test
    void textWithoutOnceInAPipeIsRefusedNotIgnored() {
        var r = cli().run("tail", "--inbox", url(), "-o", "text");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("-o text without --once needs a terminal").contains("add --once");
        assertThat(r.out()).isEmpty();
        var both = cli().run("tail", "--inbox", url(), "--once", "--json", "-o", "text");
        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err()).contains("--json and -o text contradict each other");
    }

    @Test
    void helpSaysTheDefaultFollowsTheTerminal() {
        String help = cli().run("tail", "--help").out().replaceAll("\\s+", " ");
        assertThat(help).contains("Default: text on a terminal").contains("json (JSON lines) when stdout is not a terminal")
                .doesNotContain("(default: text)");
    }

    @Test
    void aDumbTerminalGetsJsonLinesAndOneLineSayingWhy() throws Exception {
        for (String term : new String[]{"dumb", "dumb-color"}) {
            var r = cli().env("TERM", term).interactive(true, "").run("tail", "--inbox", url(), "--count", "2");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(jsonLines(r.out())).hasSize(5);
            assertThat(r.err()).contains("TERM=" + term + " cannot show the full-screen view", "--once");
        }
        assertThat(dev.handoff.tui.Tail.whyNoFullScreen("xterm-256color")).isNull();
        assertThat(dev.handoff.tui.Tail.whyNoFullScreen("screen-256color")).as("JLine knows it without terminfo").isNull();
        assertThat(dev.handoff.tui.Tail.whyNoFullScreen("no-such-term-xyz")).as("no terminfo entry: rows ran together")
                .contains("TERM=no-such-term-xyz has no terminfo entry on this machine").contains("--once");
        assertThat(dev.handoff.tui.Tail.whyNoFullScreen(null)).isNull();
    }

    @Test
    void aTerminalWithoutATerminalStdinGetsJsonLinesAndOneLineSayingWhyUnlessJsonWasAskedFor() throws Exception {
        var r = cli().terminalOutputOnly().run("tail", "--inbox", url(), "--count", "2");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(jsonLines(r.out())).hasSize(5);
        assertThat(r.err().lines().limit(2).toList()).containsExactly(
                "handoff: stdin is not a terminal, and the full-screen view reads its keys there; following as JSON lines instead",
                "  run it with the terminal as stdin for the full screen, or pass -o json for JSON lines without this note");
        for (String[] asked : new String[][]{{"-o", "json"}, {"--json"}}) {
            var quiet = cli().terminalOutputOnly().run(concat(new String[]{"tail", "--inbox", url(), "--count", "2"}, asked));
            assertThat(quiet.err()).as(String.join(" ", asked)).doesNotContain("stdin is not a terminal");
        }
        assertThat(cli().run("tail", "--inbox", url(), "--count", "2").err()).as("a pipe").doesNotContain("stdin is not a terminal");
        // --once reads no keys: the table, as on any terminal
        var once = cli().env("COLUMNS", "120").terminalOutputOnly().run("tail", "--inbox", url(), "--once");
        assertThat(once.out().lines().findFirst()).get().asString().contains("STATUS", "WAITING");
        assertThat(once.err()).isEmpty();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void onceOnATerminalPrintsAPlainTable() {
        var r = cli().env("COLUMNS", "120").interactive(true, "").run("tail", "--inbox", url(), "--once", "--mask");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).contains("STATUS", "WAITING", "NAME", "PHONE", "REASON", "SUMMARY", "OPERATOR");
        assertThat(lines.get(1)).contains("Pending", "Jane Doe", "+*******4567", "User asked to speak");
        assertThat(lines.get(3)).contains("In progress", "Li Wei", "bob");
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
        assertThat(lines.get(4)).isEqualTo("3 handoffs (inbox " + url() + ")");
        assertThat(r.out()).doesNotContain("+15551234567").doesNotContain("\u001b");
        // the escape sequence in a name sent to the inbox never reaches the terminal
        assertThat(lines.get(2)).contains("Omar [31mHaddad");
    }

    @Test
    void onceOnANarrowTerminalFitsEveryLineFooterIncludedAsTheLiveViewDoes() {
        for (int columns : new int[]{1, 10, 19, 30}) {
            var r = cli().env("COLUMNS", Integer.toString(columns)).interactive(true, "").run("tail", "--inbox", url(), "--once");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            List<String> lines = r.out().lines().toList();
            assertThat(lines).as("at %d columns", columns).hasSize(5)
                    .allSatisfy(l -> assertThat(l.codePointCount(0, l.length())).isLessThanOrEqualTo(columns));
            assertThat(lines.get(4)).as("the footer, cut").startsWith(columns == 1 ? "\u2026" : "3").endsWith("\u2026");
        }
        assertThat(dev.handoff.tui.Tail.tableWidth("0")).as("no width: the terminal's, else 120").isPositive();
    }

    @Test
    void anUnreachableInboxExits3NamingTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        var r = cli().run("tail", "--inbox", "http://127.0.0.1:" + port, "--once");
        assertThat(r.exitCode()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err()).startsWith("handoff: cannot reach http://127.0.0.1:" + port + "/api/handoffs");
        assertThat(r.err().lines().count()).isLessThanOrEqualTo(2);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aServerErrorExits3() {
        listStatus = 500;
        var r = cli().run("tail", "--inbox", url(), "--once");
        assertThat(r.exitCode()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err()).contains("answered HTTP 500");
    }

    @Test
    void aRefusedTokenExits4WithoutPrintingIt() {
        var r = new CliHarness(home).env("HANDOFF_INBOX_TOKEN", "wrong-token-99").run("tail", "--inbox", url(), "--once");
        assertThat(r.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(r.err()).contains("refused the token (HTTP 401)", "HANDOFF_INBOX_TOKEN").doesNotContain("wrong-token-99");
    }

    @Test
    void aRefusedTokenAlsoEndsTheLiveMode() {
        listStatus = 403;
        var r = cli().run("tail", "--inbox", url());
        assertThat(r.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(r.err()).contains("HTTP 403")
                .contains("handoff tail: inbox " + url() + ": the inbox refused the token (403); check HANDOFF_INBOX_TOKEN")
                .doesNotContain("stale since", "credentials refused");
    }

    @Test
    void aMissingTokenExits4NamingTheVariable() {
        var r = new CliHarness(home).run("tail", "--inbox", url(), "--once");
        assertThat(r.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(r.err()).contains("HANDOFF_INBOX_TOKEN is not set");
    }

    @Test
    void tokenEnvNamesAnotherVariable() {
        var r = new CliHarness(home).env("MY_INBOX", TOKEN).run("tail", "--inbox", url(), "--once", "--token-env", "MY_INBOX");
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void exactlyOneSourceIsRequired() {
        var none = cli().run("tail", "--once");
        assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).contains("--inbox", "--chatwoot");
        var both = cli().run("tail", "--inbox", url(), "--chatwoot", url(), "--once");
        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err()).contains("mutually exclusive");
        var twice = cli().run("tail", "--inbox=" + url(), "--inbox=http://127.0.0.1:1", "--once");
        assertThat(twice.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(twice.err()).isEqualTo("handoff: --inbox given more than once: pass one --inbox URL\n"
                + "  try 'handoff tail --help'\n");
        var chatwootTwice = cli().run("tail", "--chatwoot", url(), "--chatwoot", url(), "--account", "3", "--once");
        assertThat(chatwootTwice.err()).startsWith("handoff: --chatwoot given more than once: pass one --chatwoot URL")
                .doesNotContain("expected only one match");
    }

    @Test
    void chatwootNeedsAnAccount() {
        var r = cli().env("CHATWOOT_API_TOKEN", "x").run("tail", "--chatwoot", url(), "--once");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--chatwoot needs --account N");
    }

    @Test
    void badDurationsAndMasksAreUsageErrors() {
        assertThat(cli().run("tail", "--inbox", url(), "--poll", "soon").err()).contains("--poll: 'soon' is not a duration");
        assertThat(cli().run("tail", "--inbox", url(), "--poll", "soon").exitCode()).isEqualTo(ExitCode.USAGE);
        var mask = cli().run("tail", "--inbox", url(), "--mask", "9", "--once");
        assertThat(mask.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(mask.err()).contains("--mask keeps 2 to 4 digits");
        var order = cli().run("tail", "--inbox", url(), "--warn-after", "10m", "--alert-after", "5m", "--once");
        assertThat(order.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void anInvalidUrlIsAUsageError() {
        var r = cli().run("tail", "--inbox", "127.0.0.1:8080", "--once");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--inbox '127.0.0.1:8080' is not an http(s) URL");
    }

    @Test
    void helpTeachesWithExamplesAndListsTheExitCodes() {
        var r = cli().run("tail", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--inbox", "--chatwoot", "--account", "--once", "--json", "--mask", "--bell",
                "--operator", "--poll", "Examples:", "| jq", "Exit codes:");
    }
}

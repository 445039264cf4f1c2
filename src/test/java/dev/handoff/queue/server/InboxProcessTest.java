package dev.handoff.queue.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.queue.QueueJson;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import dev.handoff.queue.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code handoff inbox serve} as a real separate JVM: SIGKILL in the middle of a load run loses
 * no acknowledged event and duplicates none; SIGTERM stops it gracefully. Against both stores; on
 * PostgreSQL a second inbox process shares the database and takes load the whole time.
 */
class InboxProcessTest {

    private static final String SECRET = "whsec-proc-Rt5uVw9z";
    private static final String TOKEN = "optok-proc-Lm3nBq7c";
    private static final Pattern URL = Pattern.compile("\"event\":\"listening\",\"url\":\"(http://[^\"]+)\"");

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final OkHttpClient http = new OkHttpClient.Builder()
            .connectTimeout(2, TimeUnit.SECONDS)
            .readTimeout(10, TimeUnit.SECONDS)
            .retryOnConnectionFailure(false)
            .build();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    private record Running(Process process, String url, Path log) {
    }

    private String dbArgument;

    private Running start(String name) throws Exception {
        Path log = dir.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.handoff.cli.Main",
                "inbox", "serve", "--listen", "127.0.0.1:0", "--db", dbArgument);
        pb.environment().put("HANDOFF_WEBHOOK_SECRET", SECRET);
        pb.environment().put("HANDOFF_INBOX_TOKEN", TOKEN);
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        pb.redirectErrorStream(false);
        pb.redirectOutput(dir.resolve(name + ".out").toFile());
        pb.redirectError(log.toFile());
        Process p = pb.start();
        processes.add(p);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = URL.matcher(Files.readString(log));
            if (m.find()) {
                return new Running(p, m.group(1), log);
            }
            assertThat(p.isAlive()).as("server died: %s", Files.readString(log)).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("server did not start: " + Files.readString(log));
    }

    private static String body(String key) {
        return "{\"agent\":{\"id\":\"agt_1\"},\"name\":\"Load\",\"phone_number\":\"+15551234567\",\"summary\":\"" + key
                + "\",\"reason\":\"load\",\"created_at\":\"2025-09-19T12:34:56Z\"}";
    }

    private int deliver(String url, String key) throws IOException {
        Request request = new Request.Builder().url(url + "/webhooks/handoff")
                .header("x-api-key", SECRET)
                .header("Idempotency-Key", key)
                .post(RequestBody.create(body(key), InboxFixture.JSON))
                .build();
        try (Response r = http.newCall(request).execute()) {
            return r.code();
        }
    }

    /** summary -> ids, over every page of the queue. */
    private Map<String, List<Long>> everything(String url) throws IOException {
        Map<String, List<Long>> bySummary = new HashMap<>();
        String cursor = null;
        do {
            Request request = new Request.Builder()
                    .url(url + "/api/handoffs?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor))
                    .header("Authorization", "Bearer " + TOKEN).build();
            try (Response r = http.newCall(request).execute()) {
                assertThat(r.code()).isEqualTo(200);
                JsonNode page = QueueJson.mapper().readTree(r.body().string());
                page.get("items").forEach(h ->
                        bySummary.computeIfAbsent(h.get("summary").asText(), k -> new ArrayList<>()).add(h.get("id").asLong()));
                cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            }
        } while (cursor != null);
        return bySummary;
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void sigkillDuringLoadLosesNoAcknowledgedEventAndDuplicatesNone(TestDatabases.Kind kind) throws Exception {
        dbArgument = TestDatabases.fresh(kind, dir).dbArgument();
        Running first = start("first");
        // SQLite: one process per file. PostgreSQL: a second process on the same database, half the senders on it
        Running other = kind == TestDatabases.Kind.POSTGRES ? start("other") : first;
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int sender = t;
            String url = (t % 2 == 0 ? first : other).url();
            Thread thread = new Thread(() -> {
                for (int n = 0; !stop.get(); n++) {
                    String key = "s" + sender + "-" + n;
                    attempted.add(key);
                    try {
                        int status = deliver(url, key);
                        if (status == 201 || status == 200) {
                            acked.add(key);
                        }
                    } catch (IOException e) {
                        return; // the server is gone
                    }
                }
            });
            thread.start();
            senders.add(thread);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (acked.size() < 300 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        first.process().destroyForcibly();
        first.process().waitFor(10, TimeUnit.SECONDS);
        int ackedAtKill = acked.size();
        stop.set(true);
        for (Thread thread : senders) {
            thread.join(15_000);
        }
        assertThat(ackedAtKill).as("load was running when the server was killed").isGreaterThanOrEqualTo(300);
        assertThat(acked.size()).as("senders were still being answered").isLessThan(attempted.size());
        assertThat(Files.readString(first.log())).doesNotContain("\"event\":\"stopped\"");

        Running second = start("second");
        Map<String, List<Long>> stored = everything(second.url());
        Running live = other == first ? second : other;
        assertThat(everything(live.url())).as("both live processes show the same queue").isEqualTo(stored);

        for (String key : acked) {
            assertThat(stored.get(key)).as("acknowledged event %s", key).hasSize(1);
        }
        assertThat(stored.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(attempted).containsAll(stored.keySet());

        // the sender retries what it never saw acknowledged: stored once, whether it had landed or not
        for (String key : attempted) {
            int status = deliver((key.hashCode() % 2 == 0 ? second : live).url(), key);
            assertThat(status).isEqualTo(stored.containsKey(key) ? 200 : 201);
        }
        assertThat(everything(second.url())).hasSize(attempted.size())
                .allSatisfy((k, ids) -> assertThat(ids).hasSize(1));

        for (Path log : List.of(first.log(), second.log(), other.log())) {
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain(SECRET, TOKEN);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void sigtermStopsGracefullyAndKeepsWhatWasAcknowledged(TestDatabases.Kind kind) throws Exception {
        dbArgument = TestDatabases.fresh(kind, dir).dbArgument();
        Running server = start("graceful");
        for (int i = 0; i < 20; i++) {
            assertThat(deliver(server.url(), "g-" + i)).isEqualTo(201);
        }
        // a client that puts a secret in the path: the request log must not repeat it
        for (String path : new String[]{"/webhooks/" + SECRET, "/api/handoffs/" + TOKEN}) {
            try (Response r = http.newCall(new Request.Builder().url(server.url() + path).build()).execute()) {
                assertThat(r.code()).isGreaterThanOrEqualTo(400);
            }
        }
        server.process().destroy(); // SIGTERM
        assertThat(server.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(server.log());
        assertThat(log).contains("\"path\":\"/webhooks/<redacted>\"").doesNotContain(SECRET).doesNotContain(TOKEN);
        assertThat(log).contains("\"event\":\"stopping\"", "\"event\":\"stopped\"");
        assertThat(log.indexOf("\"event\":\"stopping\"")).isLessThan(log.indexOf("\"event\":\"stopped\""));

        Running again = start("after-term");
        assertThat(everything(again.url())).hasSize(20);
    }
}

import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingestion benchmark for `handoff inbox serve` (run by bench/ingest.sh, which starts the server).
 * 16 senders post events over loopback as fast as the answers come; every answer counted is a 2xx,
 * and a 2xx means committed with synchronous=FULL. Then, in the same run, the rate of plain SQLite
 * inserts (one transaction per event, same row shape, same WAL + FULL settings) for comparison.
 *
 * Usage: java -cp 'target/handoff.jar:target/lib/*' bench/IngestBench.java URL SECRET TOKEN PLAIN_DB
 */
public class IngestBench {

    static final MediaType JSON = MediaType.get("application/json");
    static final int SENDERS = 16;
    /**
     * Enough for the server's JIT to finish: after 3,000 events the Jetty server (more code than
     * the JDK's) was still compiling, and the run measured warm-up (2,261/s, against 4,611/s after
     * 20,000 on the same machine, 2026-12-06).
     */
    static final int WARMUP = 20_000;
    static final int EVENTS = 30_000;
    static final int PLAIN = 3_000;
    static final int STREAMED = 3_000;

    public static void main(String[] args) throws Exception {
        String url = args[0], secret = args[1], token = args[2];
        Path plainDb = Path.of(args[3]);
        OkHttpClient http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(SENDERS * 2, 1, TimeUnit.MINUTES))
                .readTimeout(30, TimeUnit.SECONDS)
                .build();

        run(http, url, secret, "warmup", WARMUP, null);
        long[] latencies = new long[EVENTS];
        long start = System.nanoTime();
        run(http, url, secret, "run", EVENTS, latencies);
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = EVENTS / seconds;
        Arrays.sort(latencies);
        double p50 = latencies[EVENTS / 2] / 1e6;
        double p99 = latencies[(int) (EVENTS * 0.99)] / 1e6;
        double max = latencies[EVENTS - 1] / 1e6;

        double[] streamDelays = streamDelays(http, url, secret, token);

        long stored = count(http, url, token);
        double plainRate = plainInserts(plainDb);

        String cpu = Runtime.getRuntime().availableProcessors() + " cores";
        System.out.println("| measure | value | target |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| events/s acknowledged (16 senders, every 2xx committed with synchronous=FULL) | %.0f | >= 1000 |%n", rate);
        System.out.printf(Locale.ROOT, "| acknowledgement latency p50 | %.1f ms | |%n", p50);
        System.out.printf(Locale.ROOT, "| acknowledgement latency p99 | %.1f ms | <= 50 ms |%n", p99);
        System.out.printf(Locale.ROOT, "| acknowledgement latency max | %.1f ms | |%n", max);
        System.out.printf(Locale.ROOT, "| plain SQLite inserts/s (1 thread, one transaction per event, WAL + FULL) | %.0f | (comparison) |%n", plainRate);
        System.out.printf(Locale.ROOT, "| inbox rate / plain insert rate | %.1fx | |%n", rate / plainRate);
        System.out.printf(Locale.ROOT, "| webhook 2xx to the event on a connected stream, p50 / p95 (same 16 senders, %d events) | %.1f ms / %.1f ms | (part of tail's 250 ms; an event seen before its 2xx counts as 0) |%n",
                STREAMED, streamDelays[0], streamDelays[1]);
        System.out.printf(Locale.ROOT, "| events in the store after the run (warm-up + run + stream phase) | %d of %d | all |%n", stored, WARMUP + EVENTS + STREAMED);
        System.out.println();
        System.out.printf(Locale.ROOT, "%d events after %d warm-up events, %d senders over loopback, client and server on the same %s machine.%n",
                EVENTS, WARMUP, SENDERS, cpu);
        if (stored != WARMUP + EVENTS + STREAMED) {
            System.exit(1);
        }
    }

    static void run(OkHttpClient http, String url, String secret, String prefix, int events, long[] latencies)
            throws InterruptedException {
        run(http, url, secret, prefix, events, latencies, null);
    }

    /**
     * A stream is open while the 16 senders post; for each event, the time from its 2xx at the
     * sender to its arrival on the stream (negative when the stream was first: both wait for the
     * same commit). Returns p50 and p95 in ms.
     */
    static double[] streamDelays(OkHttpClient http, String url, String secret, String token) throws Exception {
        long[] acked = new long[STREAMED];
        long[] arrived = new long[STREAMED];
        java.util.regex.Pattern key = java.util.regex.Pattern.compile("\\(stream-(\\d+)\\)");
        OkHttpClient streaming = http.newBuilder().readTimeout(60, TimeUnit.SECONDS).build();
        okhttp3.Call call = streaming.newCall(new Request.Builder().url(url + "/api/stream")
                .header("Authorization", "Bearer " + token).build());
        Response stream = call.execute();
        CountDownLatch all = new CountDownLatch(STREAMED);
        Thread reader = new Thread(() -> {
            try {
                var source = stream.body().source();
                String line;
                while ((line = source.readUtf8Line()) != null) {
                    if (line.startsWith("data: ")) {
                        var m = key.matcher(line);
                        if (m.find()) {
                            int i = Integer.parseInt(m.group(1));
                            if (arrived[i] == 0) {
                                arrived[i] = System.nanoTime();
                                all.countDown();
                            }
                        }
                    }
                }
            } catch (Exception e) {
                // the stream is closed at the end
            }
        });
        reader.start();
        run(http, url, secret, "stream", STREAMED, null, acked);
        if (!all.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(all.getCount() + " events never arrived on the stream");
        }
        call.cancel();
        reader.join(5_000);
        long[] delays = new long[STREAMED];
        for (int i = 0; i < STREAMED; i++) {
            // the stream may deliver the event before the sender has read its 2xx: that counts as 0
            delays[i] = Math.max(0, arrived[i] - acked[i]);
        }
        Arrays.sort(delays);
        return new double[]{delays[STREAMED / 2] / 1e6, delays[(int) (STREAMED * 0.95)] / 1e6};
    }

    static void run(OkHttpClient http, String url, String secret, String prefix, int events, long[] latencies,
                    long[] ackedAt) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(SENDERS);
        for (int s = 0; s < SENDERS; s++) {
            Thread t = new Thread(() -> {
                try {
                    int i;
                    while ((i = next.getAndIncrement()) < events) {
                        String key = prefix + "-" + i;
                        String body = "{\"agent\":{\"id\":\"agt_123\",\"external_id\":\"crm-42\"},\"name\":\"Jane Doe\","
                                + "\"phone_number\":\"+15551234567\",\"summary\":\"User asked to speak with a human (" + key + ").\","
                                + "\"reason\":\"criteria_matched: user_requested_human\",\"created_at\":\"2025-09-19T12:34:56Z\"}";
                        Request request = new Request.Builder().url(url + "/webhooks/handoff")
                                .header("x-api-key", secret).header("Idempotency-Key", key)
                                .post(RequestBody.create(body, JSON)).build();
                        long t0 = System.nanoTime();
                        try (Response r = http.newCall(request).execute()) {
                            r.body().bytes();
                            if (r.code() != 201) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        long t1 = System.nanoTime();
                        if (latencies != null) {
                            latencies[i] = t1 - t0;
                        }
                        if (ackedAt != null) {
                            ackedAt[i] = t1;
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        done.await();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " requests were not answered 201");
        }
    }

    static long count(OkHttpClient http, String url, String token) throws Exception {
        long n = 0;
        String cursor = null;
        do {
            Request request = new Request.Builder()
                    .url(url + "/api/handoffs?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor))
                    .header("Authorization", "Bearer " + token).build();
            try (Response r = http.newCall(request).execute()) {
                var page = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body().string());
                n += page.get("items").size();
                cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            }
        } while (cursor != null);
        return n;
    }

    /** The same rows (handoff + change entry) as the inbox writes, one transaction each, same pragmas. */
    static double plainInserts(Path db) throws Exception {
        // create the real schema through the store, then write to it directly
        dev.handoff.queue.store.InboxStore.open(db, java.time.Clock.systemUTC()).close();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
                rs.next();
                if (rs.getInt(1) != 2) {
                    throw new IllegalStateException("synchronous is not FULL");
                }
            }
            c.setAutoCommit(false);
            PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO handoffs (dedup_key, agent_id, agent_external_id, name, phone_raw, phone_number, summary,
                                          reason, created_ms, received_ms, status, claimed_by, updated_ms, version, raw_event)
                    VALUES (?, 'agt_123', 'crm-42', 'Jane Doe', '+15551234567', '+15551234567', ?, 'r', 1758285296000, ?,
                            'pending', NULL, ?, 1, ?) RETURNING id""");
            PreparedStatement change = c.prepareStatement("INSERT INTO changes (handoff_id, at_ms, snapshot) VALUES (?, ?, ?)");
            String raw = "{\"agent\":{\"id\":\"agt_123\",\"external_id\":\"crm-42\"},\"name\":\"Jane Doe\",\"phone_number\":\"+15551234567\","
                    + "\"summary\":\"User asked to speak with a human.\",\"reason\":\"criteria_matched: user_requested_human\","
                    + "\"created_at\":\"2025-09-19T12:34:56Z\"}";
            long start = System.nanoTime();
            for (int i = 0; i < PLAIN; i++) {
                long now = System.currentTimeMillis();
                insert.setString(1, "plain-" + i);
                insert.setString(2, "summary " + i);
                insert.setLong(3, now);
                insert.setLong(4, now);
                insert.setBytes(5, raw.getBytes());
                long id;
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                change.setLong(1, id);
                change.setLong(2, now);
                change.setString(3, raw);
                change.executeUpdate();
                c.commit();
            }
            return PLAIN / ((System.nanoTime() - start) / 1e9);
        }
    }
}

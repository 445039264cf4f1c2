import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingestion into inbox processes sharing one PostgreSQL (run by bench/ingest-postgres.sh, which
 * starts them). 16 senders post events over loopback as fast as the answers come, sender i to
 * process i mod N; every answer counted is a 2xx, and a 2xx means committed. Prints a Markdown table.
 *
 * Usage: java -cp 'target/handoff.jar:target/lib/*' bench/IngestPostgresBench.java LABEL SECRET TOKEN URL...
 */
public class IngestPostgresBench {

    static final MediaType JSON = MediaType.get("application/json");
    static final int SENDERS = 16;
    // 20,000 as in IngestBench: after a few thousand events the server is still being JIT-compiled
    static final int WARMUP = 20_000;
    static final int EVENTS = 20_000;

    public static void main(String[] args) throws Exception {
        String label = args[0], secret = args[1], token = args[2];
        String[] urls = Arrays.copyOfRange(args, 3, args.length);
        OkHttpClient http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(SENDERS * 2, 1, TimeUnit.MINUTES))
                .readTimeout(30, TimeUnit.SECONDS)
                .build();
        String prefix = "p" + urls.length; // delivery keys: no spaces
        run(http, urls, secret, prefix + "-warmup", WARMUP, null);
        long[] latencies = new long[EVENTS];
        long start = System.nanoTime();
        run(http, urls, secret, prefix + "-run", EVENTS, latencies);
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        long stored = count(http, urls[urls.length - 1], token);
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f ms | %.1f ms | %.1f ms | %d |%n", label,
                Math.round(EVENTS / seconds), latencies[EVENTS / 2] / 1e6, latencies[(int) (EVENTS * 0.99)] / 1e6,
                latencies[EVENTS - 1] / 1e6, stored);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    static void run(OkHttpClient http, String[] urls, String secret, String prefix, int events, long[] latencies)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(SENDERS);
        for (int s = 0; s < SENDERS; s++) {
            String url = urls[s % urls.length];
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
                        if (latencies != null) {
                            latencies[i] = System.nanoTime() - t0;
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

    /** Every handoff in the shared queue, read through one process. */
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
}

import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slowloris benchmark for `handoff inbox serve` (run by bench/slowloris.sh, which starts the
 * server). Opens SLOW connections that each send one byte per second: half never finish their
 * headers, half send complete headers and then their body a byte at a time. Each comes from one
 * of the loopback addresses 127.0.1.1-125 (8 per address, under the per-address cap), so that
 * the figure is about request handling, not the cap. A connection the server cuts (header or
 * body deadline) is opened again at once, so SLOW stay open the whole run. Meanwhile 16 normal
 * senders post EVENTS webhooks from 127.0.0.1 as fast as the answers come.
 *
 * The same senders first run once with no slow connection open, as a control on a shared machine.
 *
 * Usage: java -cp 'target/handoff.jar:target/lib/*' bench/SlowlorisBench.java URL SECRET
 */
public class SlowlorisBench {

    static final MediaType JSON = MediaType.get("application/json");
    static final int SLOW = 1_000;
    static final int PER_ADDRESS = 8;
    static final int SENDERS = 16;
    // 20,000 as in IngestBench: after a few thousand events the server is still being JIT-compiled, and the control run measured that
    static final int WARMUP = 20_000;
    static final int EVENTS = 20_000;

    public static void main(String[] args) throws Exception {
        String url = args[0], secret = args[1];
        int port = java.net.URI.create(url).getPort();
        OkHttpClient http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(SENDERS * 2, 1, TimeUnit.MINUTES))
                .readTimeout(30, TimeUnit.SECONDS)
                .build();

        // control: the same senders with no slow connection, in the same run (the machine is shared)
        run(http, url, secret, "warmup", WARMUP, null);
        long[] control = new long[EVENTS];
        long controlStart = System.nanoTime();
        run(http, url, secret, "control", EVENTS, control);
        double controlRate = EVENTS / ((System.nanoTime() - controlStart) / 1e9);
        Arrays.sort(control);

        Slow slow = new Slow(port, secret);
        slow.openAll();
        Thread trickle = new Thread(slow::trickle, "trickle");
        trickle.setDaemon(true);
        trickle.start();
        Thread.sleep(2_000); // every slow connection open and mid-request

        long[] latencies = new long[EVENTS];
        int openAtStart = slow.open();
        long start = System.nanoTime();
        run(http, url, secret, "run", EVENTS, latencies);
        double seconds = (System.nanoTime() - start) / 1e9;
        int openAtEnd = slow.open();
        slow.stop.set(true);
        Arrays.sort(latencies);
        double rate = EVENTS / seconds;
        double p50 = latencies[EVENTS / 2] / 1e6;
        double p99 = latencies[(int) (EVENTS * 0.99)] / 1e6;
        double max = latencies[EVENTS - 1] / 1e6;

        System.out.println("| measure | value | target |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| control, no slow connection: events/s, p50, p99 | %.0f, %.1f ms, %.1f ms | (same run) |%n",
                controlRate, control[EVENTS / 2] / 1e6, control[(int) (EVENTS * 0.99)] / 1e6);
        System.out.printf(Locale.ROOT, "| slow connections open at start / end of the run | %d / %d | %d |%n", openAtStart, openAtEnd, SLOW);
        System.out.printf(Locale.ROOT, "| events/s acknowledged (16 senders, every 2xx committed) | %.0f | >= 1000 |%n", rate);
        System.out.printf(Locale.ROOT, "| acknowledgement latency p50 | %.1f ms | |%n", p50);
        System.out.printf(Locale.ROOT, "| acknowledgement latency p99 | %.1f ms | <= 50 ms |%n", p99);
        System.out.printf(Locale.ROOT, "| acknowledgement latency max | %.1f ms | |%n", max);
        System.out.printf(Locale.ROOT, "| slow connections cut by the server and reopened during the run | %d | |%n", slow.reopened.get());
        System.out.println();
        System.out.printf(Locale.ROOT, "%d events (control) then %d events with the slow connections open, after %d warm-up events, %d senders; %d slow connections (half unfinished headers, half a body at 1 byte/s) from %d loopback addresses; client and server on the same %d-core machine.%n",
                EVENTS, EVENTS, WARMUP, SENDERS, SLOW, SLOW / PER_ADDRESS, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "Load average at the end: %s.%n",
                new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim());
    }

    /** The slow connections: one thread writes one byte to each per second. */
    static final class Slow {
        final int port;
        final String secret;
        final SocketChannel[] channels = new SocketChannel[SLOW];
        final int[] sent = new int[SLOW];
        final AtomicLong reopened = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();

        Slow(int port, String secret) {
            this.port = port;
            this.secret = secret;
        }

        byte[] request(int i) {
            String body = "{\"agent\":{\"id\":\"slow\"},\"phone_number\":\"+15551234567\",\"created_at\":\"2025-09-19T12:34:56Z\"}";
            String head = "POST /webhooks/handoff HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + secret
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n";
            // even: headers one byte at a time; odd: headers at once, then the body one byte at a time
            return (head + body).getBytes(StandardCharsets.US_ASCII);
        }

        void openAll() throws Exception {
            for (int i = 0; i < SLOW; i++) {
                open(i);
            }
        }

        void open(int i) throws Exception {
            SocketChannel c = SocketChannel.open();
            c.bind(new InetSocketAddress("127.0.1." + (1 + i / PER_ADDRESS), 0));
            c.connect(new InetSocketAddress("127.0.0.1", port));
            c.configureBlocking(false);
            channels[i] = c;
            sent[i] = 0;
            if (i % 2 == 1) {
                byte[] r = request(i);
                int headEnd = new String(r, StandardCharsets.US_ASCII).indexOf("\r\n\r\n") + 4;
                c.write(ByteBuffer.wrap(r, 0, headEnd));
                sent[i] = headEnd;
            }
        }

        int open() {
            int n = 0;
            for (SocketChannel c : channels) {
                if (c != null && c.isOpen()) {
                    n++;
                }
            }
            return n;
        }

        void trickle() {
            ByteBuffer sink = ByteBuffer.allocate(4096);
            while (!stop.get()) {
                for (int i = 0; i < SLOW; i++) {
                    try {
                        SocketChannel c = channels[i];
                        sink.clear();
                        int read = c.read(sink);
                        byte[] r = request(i);
                        // keep it unfinished: never send the last byte
                        if (read < 0 || sent[i] >= r.length - 1) {
                            c.close();
                            reopened.incrementAndGet();
                            open(i);
                            continue;
                        }
                        c.write(ByteBuffer.wrap(r, sent[i], 1));
                        sent[i]++;
                    } catch (Exception e) {
                        try {
                            channels[i].close();
                            reopened.incrementAndGet();
                            open(i);
                        } catch (Exception again) {
                            // try again next round
                        }
                    }
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    static void run(OkHttpClient http, String url, String secret, String prefix, int events, long[] latencies)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(SENDERS);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            Thread t = new Thread(() -> {
                try {
                    int i;
                    while ((i = next.getAndIncrement()) < events) {
                        String key = prefix + "-" + i;
                        String body = "{\"agent\":{\"id\":\"agt_123\"},\"name\":\"Jane Doe\",\"phone_number\":\"+15551234567\","
                                + "\"summary\":\"bench " + key + "\",\"created_at\":\"2025-09-19T12:34:56Z\"}";
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
            threads.add(t);
            t.start();
        }
        done.await();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " requests were not answered 201");
        }
    }
}

package dev.handoff.classify.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.handoff.config.yaml.Yaml;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny OpenAI-compatible Chat Completions server on 127.0.0.1, for trying
 * {@code --classifier openai} from the shell and for bench/openai.sh. It answers
 * {@code POST /v1/chat/completions} after a fixed latency with {@link FakeReplies}.
 *
 * {@code src/test/shell/test-server.sh openai --help} starts it and lists its options.
 */
public final class OpenAiTestServer implements AutoCloseable {

    public final AtomicLong chats = new AtomicLong();
    public final AtomicLong rateLimited = new AtomicLong();
    private final HttpServer http;
    private final ExecutorService pool;
    private final FakeReplies replies = new FakeReplies();
    private final long latencyMs;
    private final int rateLimitEvery;
    private final boolean jsonSchema;
    private final String key;
    private final AtomicLong received = new AtomicLong();

    public OpenAiTestServer(int port, long latencyMs, int rateLimitEvery, boolean jsonSchema, String key) throws IOException {
        this.latencyMs = latencyMs;
        this.rateLimitEvery = rateLimitEvery;
        this.jsonSchema = jsonSchema;
        this.key = key;
        // without TCP_NODELAY the server's separate header and body writes meet the client's delayed ACK:
        // ~40 ms of test-server artefact on every reply
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // the JDK's own server, not the Jetty provider the inbox puts on the class path (jetty-http-spi):
        // the figures were taken with it, and the nodelay switch above is its option
        System.setProperty("com.sun.net.httpserver.HttpServerProvider", "sun.net.httpserver.DefaultHttpServerProvider");
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "openai-test-server");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        http.createContext("/v1/chat/completions", this::chat);
        http.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
    }

    /** Answers 429 to one request in {@code every} from now on (0: never). */
    public void rateLimitEvery(int every) {
        rateLimitEveryNow = every;
    }

    private volatile int rateLimitEveryNow = -1;

    private void chat(HttpExchange ex) throws IOException {
        try (ex) {
            long arrived = System.nanoTime();
            byte[] in = ex.getRequestBody().readAllBytes();
            if (key != null && !("Bearer " + key).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                waitUntil(arrived);
                send(ex, 401, "{\"error\":{\"message\":\"Incorrect API key provided.\",\"code\":\"invalid_api_key\"}}");
                return;
            }
            int every = rateLimitEveryNow >= 0 ? rateLimitEveryNow : rateLimitEvery;
            if (every > 0 && received.incrementAndGet() % every == 0) {
                rateLimited.incrementAndGet();
                waitUntil(arrived);
                ex.getResponseHeaders().add("x-ratelimit-remaining-requests", "0");
                ex.getResponseHeaders().add("x-ratelimit-reset-requests", "20ms");
                send(ex, 429, FakeReplies.rateLimited());
                return;
            }
            JsonNode request = Yaml.json().readTree(in);
            waitUntil(arrived);
            if (!jsonSchema && "json_schema".equals(request.path("response_format").path("type").asText())) {
                send(ex, 400, FakeReplies.refusesJsonSchema());
                return;
            }
            chats.incrementAndGet();
            send(ex, 200, replies.completion(request));
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(out);
        }
    }

    /** Every answer, a 429 included, leaves the latency after its request arrived, whatever the parsing took. */
    private void waitUntil(long arrived) {
        long left = latencyMs * 1_000_000L - (System.nanoTime() - arrived);
        if (left > 0) {
            try {
                Thread.sleep(left / 1_000_000L, (int) (left % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }

    static final String USAGE = """
            usage: test-server.sh openai [--port N] [--latency-ms MS] [--rate-limit-every N] [--no-json-schema]
                                         [--key-env NAME] [--url-file FILE]
              --port N               listen on 127.0.0.1:N (default 8089; 0 picks a free port)
              --latency-ms MS        answer each request this long after it arrived (default 50)
              --rate-limit-every N   answer 429 with Retry-After to one request in N
              --no-json-schema       refuse response_format json_schema, as some servers do
              --key-env NAME         answer 401 unless the Bearer token is this variable's value
              --url-file FILE        also write the base URL (http://127.0.0.1:PORT/v1) to FILE
            Answers asks_for_human when the latest user message says "person" or "human", Refund
            requests when it says "refund" or "money back", nothing otherwise. Stops on SIGTERM or Ctrl-C.
            """;

    public static void main(String[] args) throws Exception {
        int port = 8089;
        long latency = 50;
        int every = 0;
        boolean schema = true;
        String key = null;
        java.nio.file.Path urlFile = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--latency-ms" -> latency = Long.parseLong(args[++i]);
                    case "--rate-limit-every" -> every = Integer.parseInt(args[++i]);
                    case "--no-json-schema" -> schema = false;
                    case "--key-env" -> key = System.getenv(args[++i]);
                    case "--url-file" -> urlFile = java.nio.file.Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            System.err.println("test-server.sh openai: an option lacks its value or it is not a number (" + e.getMessage() + ")\n" + USAGE);
            System.exit(2);
        } catch (IllegalArgumentException e) {
            System.err.println("test-server.sh openai: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
        OpenAiTestServer server = new OpenAiTestServer(port, latency, every, schema, key);
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        if (urlFile != null) {
            java.nio.file.Files.writeString(urlFile, server.baseUrl() + "\n");
        }
        System.out.println("OpenAI-compatible test server at " + server.baseUrl() + " (Ctrl-C to stop)");
        System.out.flush();
        stopped.await();
    }
}

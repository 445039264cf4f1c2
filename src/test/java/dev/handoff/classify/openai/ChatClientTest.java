package dev.handoff.classify.openai;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ChatClientTest {

    private static final String ANSWER = "{\"choices\":[]}";

    /** Reads one request (headers, then a Content-Length body); false when the connection closed first. */
    private static boolean readRequest(BufferedReader in) throws IOException {
        String line = in.readLine();
        if (line == null) {
            return false;
        }
        int length = 0;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        for (int i = 0; i < length; i++) {
            in.read();
        }
        return true;
    }

    private static void answer(OutputStream out) throws IOException {
        byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    @Test
    void aServerThatClosesTheConnectionAfterEachAnswerIsAnsweredOnANewConnectionNotCountedAsAFailure() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> {
                try {
                    // the first connection answers once, then closes as the next request arrives on it (an HTTP/1.0
                    // server closing after each answer, its close racing the client's reuse of the pooled connection)
                    try (Socket first = server.accept()) {
                        connections.incrementAndGet();
                        BufferedReader in = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.ISO_8859_1));
                        readRequest(in);
                        answer(first.getOutputStream());
                        in.readLine(); // the reused connection's next request line
                    }
                    try (Socket second = server.accept()) {
                        connections.incrementAndGet();
                        BufferedReader in = new BufferedReader(new InputStreamReader(second.getInputStream(), StandardCharsets.ISO_8859_1));
                        if (readRequest(in)) {
                            answer(second.getOutputStream());
                        }
                    }
                } catch (IOException ignored) {
                    // the test's assertions say what went wrong
                }
            });
            serving.setDaemon(true);
            serving.start();
            String base = "http://127.0.0.1:" + server.getLocalPort() + "/v1";
            try (ChatClient client = new ChatClient(base, null, null, Duration.ofSeconds(5), 1, line -> { })) {
                assertThat(client.post("{}").status()).isEqualTo(200);

                ChatClient.Reply again = client.post("{}");

                assertThat(again.status()).isEqualTo(200);
                assertThat(again.body()).isEqualTo(ANSWER);
            }
            serving.join(5_000);
            assertThat(connections.get()).isEqualTo(2);
        }
    }
}

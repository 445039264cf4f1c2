package dev.handoff.queue.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;

/**
 * SMTP servers that misbehave on purpose, on 127.0.0.1: one that accepts the connection and
 * never greets (a hung server), one that answers AUTH by echoing the password it was sent (also
 * after a long filler, where a message cut at a few hundred characters would go through it).
 */
final class FakeSmtp implements AutoCloseable {

    enum Mode { HANG, ECHO_PASSWORD_ON_AUTH, ECHO_PASSWORD_AFTER_PADDING }

    /** ECHO_PASSWORD_AFTER_PADDING: characters of filler before the echoed password in the 535 reply. */
    private final int padding;

    private final ServerSocket socket;
    private final Mode mode;
    private final Thread thread;
    /** Counted down when a client is connected (HANG: and left waiting for the greeting). */
    final CountDownLatch connected = new CountDownLatch(1);
    private volatile Socket client;

    FakeSmtp(Mode mode) {
        this(mode, 0);
    }

    FakeSmtp(Mode mode, int padding) {
        this.mode = mode;
        this.padding = padding;
        try {
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.thread = new Thread(this::serve, "fake-smtp");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** True while the hung client's connection is open and got nothing. */
    boolean holdingAClient() {
        Socket c = client;
        return c != null && !c.isClosed();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket c = socket.accept()) {
                client = c;
                connected.countDown();
                if (mode == Mode.HANG) {
                    // read until the client gives up; never answer
                    while (c.getInputStream().read() >= 0) {
                        // swallow
                    }
                    continue;
                }
                converse(c);
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void converse(Socket c) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = c.getOutputStream();
        say(out, "220 fake ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String upper = line.toUpperCase(java.util.Locale.ROOT);
            if (upper.startsWith("EHLO")) {
                say(out, "250-fake\r\n250 AUTH PLAIN LOGIN");
            } else if (upper.startsWith("AUTH PLAIN")) {
                String response = line.length() > 11 ? line.substring(11).strip() : in.readLine();
                String[] parts = new String(Base64.getDecoder().decode(response), StandardCharsets.UTF_8).split("\0");
                say(out, mode == Mode.ECHO_PASSWORD_AFTER_PADDING ? "535 " + "x".repeat(padding) + " " + parts[2] + " end"
                        : "535 5.7.8 authentication failed for " + parts[1] + " with password " + parts[2]);
            } else if (upper.startsWith("AUTH LOGIN")) {
                say(out, "334 VXNlcm5hbWU6");
                String user = new String(Base64.getDecoder().decode(in.readLine().strip()), StandardCharsets.UTF_8);
                say(out, "334 UGFzc3dvcmQ6");
                String password = new String(Base64.getDecoder().decode(in.readLine().strip()), StandardCharsets.UTF_8);
                say(out, mode == Mode.ECHO_PASSWORD_AFTER_PADDING ? "535 " + "x".repeat(padding) + " " + password + " end"
                        : "535 5.7.8 authentication failed for " + user + " with password " + password);
            } else if (upper.startsWith("QUIT")) {
                say(out, "221 bye");
                return;
            } else {
                say(out, "502 not here");
            }
        }
    }

    private static void say(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
            Socket c = client;
            if (c != null) {
                c.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}

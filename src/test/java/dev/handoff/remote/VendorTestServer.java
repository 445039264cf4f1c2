package dev.handoff.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.testing.Golden;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link FakeVendorServer} as a process, for trying the tool from a shell:
 * {@code src/test/shell/vendor-test-server.sh} starts it, {@code src/test/shell/lost-update.sh}
 * runs push against it while a "colleague" edits the remote. It serves Quickchat's handoff
 * configuration and one Plugit agent, with the tokens read from the environment (never from
 * the command line, where {@code ps} would show them).
 */
public final class VendorTestServer {

    /** The address a dashboard edit adds to {@code settings.emails}. */
    public static final String COLLEAGUE = "night-shift@northwind-outfitters.example";

    record Options(List<String> tokenEnvs, Path quickchat, Path urlFile, boolean etags, boolean echoOnWrite,
                   int editBeforeGet, boolean editBeforePut) {

        static Options parse(String[] args) {
            List<String> tokenEnvs = new ArrayList<>();
            Path quickchat = null;
            Path urlFile = null;
            boolean etags = false;
            boolean echo = false;
            int editBeforeGet = 0;
            boolean editBeforePut = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--token-env" -> tokenEnvs.add(value(args, ++i));
                    case "--quickchat" -> quickchat = Path.of(value(args, ++i));
                    case "--url-file" -> urlFile = Path.of(value(args, ++i));
                    case "--etags" -> etags = true;
                    case "--echo-on-write" -> echo = true;
                    case "--dashboard-edit-before-get" -> editBeforeGet = count(args, ++i);
                    case "--dashboard-edit-before-put" -> editBeforePut = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
                }
            }
            if (tokenEnvs.isEmpty()) {
                tokenEnvs = List.of("HANDOFF_QUICKCHAT_TOKEN", "HANDOFF_PLUGIT_TOKEN");
            }
            return new Options(tokenEnvs, quickchat, urlFile, etags, echo, editBeforeGet, editBeforePut);
        }

        private static int count(String[] args, int i) {
            try {
                return Integer.parseInt(value(args, i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(args[i - 1] + " needs a whole number, found '" + args[i] + "'\n" + USAGE);
            }
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
            }
            return args[i];
        }
    }

    static final String USAGE = """
            usage: test-server.sh vendor [--token-env NAME]... [--quickchat FILE.json] [--url-file FILE]
                                        [--etags] [--echo-on-write]
                                        [--dashboard-edit-before-get N] [--dashboard-edit-before-put]
              --token-env NAME               accept the token in this environment variable
                                             (default: HANDOFF_QUICKCHAT_TOKEN and HANDOFF_PLUGIT_TOKEN)
              --etags                        answer with ETag, refuse a stale If-Match with 412
              --echo-on-write                refuse every write with 400 echoing the Authorization
                                             header and the body sent (secrets included)
              --dashboard-edit-before-get N  a colleague adds %s to settings.emails
                                             just before the N-th GET of the Quickchat configuration
              --dashboard-edit-before-put    the same edit just before a PUT is answered
            Quickchat: GET/PUT /v1/api/human_handoff/configuration; Plugit: /v2/agents (agent agt_123).
            Prints the URL on stdout; logs one line per request on stderr; stops on SIGTERM or Ctrl-C.
            """.formatted(COLLEAGUE);

    private VendorTestServer() {
    }

    /** Starts the server as the options say; the caller closes it. */
    static FakeVendorServer start(Options options, Map<String, String> env, PrintStream log) throws IOException {
        List<String> tokens = new ArrayList<>();
        for (String name : options.tokenEnvs()) {
            String token = env.get(name);
            if (token != null && !token.isEmpty()) {
                tokens.add(token);
            }
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("no token: set " + String.join(" or ", options.tokenEnvs())
                    + " (the clients must send the same value)");
        }
        JsonNode quickchat = options.quickchat() == null
                ? Yaml.json().readTree(Golden.read("remote/quickchat-configuration.json"))
                : Yaml.json().readTree(Files.readString(options.quickchat()));
        FakeVendorServer server = new FakeVendorServer(tokens.toArray(String[]::new))
                .quickchat(quickchat)
                .agent(Yaml.json().readTree(Golden.read("remote/plugit-agent.json")))
                .etags(options.etags())
                .echoOnWrite(options.echoOnWrite());
        AtomicInteger gets = new AtomicInteger();
        server.beforeAnswer(request -> {
            String path = request.getUrl().encodedPath();
            log.println(request.getMethod() + " " + path);
            if (!path.equals(FakeVendorServer.QUICKCHAT_PATH)) {
                return;
            }
            boolean get = request.getMethod().equals("GET");
            if ((get && gets.incrementAndGet() == options.editBeforeGet())
                    || (!get && options.editBeforePut())) {
                ((ArrayNode) server.quickchat().with("settings").withArray("emails")).add(COLLEAGUE);
                log.println("  (a colleague added " + COLLEAGUE + " to settings.emails on the dashboard)");
            }
        });
        return server;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.print(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("test-server.sh vendor: " + e.getMessage());
            System.exit(2);
            return;
        }
        FakeVendorServer server;
        try {
            server = start(options, System.getenv(), System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("test-server.sh vendor: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        if (options.urlFile() != null) {
            Files.writeString(options.urlFile(), server.url() + "\n");
        }
        System.out.println(server.url());
        System.out.flush();
        stopped.await();
    }
}

package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.remote.FakeVendorServer;
import dev.handoff.testing.Golden;
import dev.handoff.testing.SecretScan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A project with three targets (Quickchat "support", Plugit "sales" with agent agt_123, Plugit
 * "newbot" without an agent yet) against a {@link FakeVendorServer} on 127.0.0.1, and a home
 * directory of its own. Every test ends by scanning all output and files for the secrets.
 */
abstract class RemoteCliFixture {

    static final String QC_TOKEN = "qc_live_TOKEN_8c2f1d9e";
    static final String PLUGIT_TOKEN = "plg_live_TOKEN_41aa07";
    static final String LARGE_ORDER_KEY = "whk_live_LARGEORDER_7c1f9e";
    static final String HANDOFF_KEY = "whk_live_HANDOFF_2b8d41";
    static final String TENANT = "tenant-northwind-5521";
    static final List<String> SECRETS = List.of(QC_TOKEN, PLUGIT_TOKEN, LARGE_ORDER_KEY, HANDOFF_KEY, TENANT);
    /** The file of target "newbot": a Plugit agent that does not exist yet, so push creates it. */
    static final String RETURNS_BOT = """
            # returns bot
            x-handoff: {provider: plugit}
            title: Returns bot
            categories:
              - title: human_handoff
                criteria: The user asks for a person.
            """;

    @TempDir
    Path tmp;
    Path home;
    Path project;
    FakeVendorServer server;
    private final List<String> outputs = new ArrayList<>();

    @BeforeEach
    void setUpProject() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        project = Files.createDirectories(tmp.resolve("repo"));
        server = new FakeVendorServer(QC_TOKEN, PLUGIT_TOKEN)
                .quickchat(resource("remote/quickchat-configuration.json"))
                .agent(resource("remote/plugit-agent.json"));
        Files.writeString(project.resolve("handoff.yaml"), """
                default_target: support
                targets:
                  support:
                    provider: quickchat
                    url: %1$s
                    file: guidelines/support.yaml
                    token_env: QC_TOKEN
                  sales:
                    provider: plugit
                    url: %1$s
                    agent_id: agt_123
                    file: guidelines/sales.yaml
                    token_env: PLUGIT_TOKEN
                  newbot:
                    provider: plugit
                    url: %1$s
                    file: guidelines/newbot.yaml
                    token_env: PLUGIT_TOKEN
                """.formatted(server.url()));
    }

    @AfterEach
    void noSecretAnywhere() {
        server.close();
        SecretScan.assertAbsent(SECRETS, tmp, outputs.toArray(String[]::new));
    }

    /** A harness with both API tokens set and the webhook secrets exported as the files name them. */
    CliHarness cli() {
        return new CliHarness(home).workDir(project)
                .env("QC_TOKEN", QC_TOKEN)
                .env("PLUGIT_TOKEN", PLUGIT_TOKEN)
                .env("PLUGIT_SALES_LARGE_ORDER_X_API_KEY", LARGE_ORDER_KEY)
                .env("PLUGIT_SALES_HUMAN_HANDOFF_X_API_KEY", HANDOFF_KEY)
                .env("PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT", TENANT);
    }

    CliHarness.Result run(CliHarness harness, String... args) {
        CliHarness.Result r = harness.run(args);
        outputs.add(r.out());
        outputs.add(r.err());
        return r;
    }

    /** Output made elsewhere (a separate process), scanned for the secrets with the rest. */
    void outputs(String... texts) {
        outputs.addAll(List.of(texts));
    }

    CliHarness.Result run(String... args) {
        return run(cli(), args);
    }

    /**
     * A target's folder under the state directory's {@code backups} or {@code versions}: its name
     * and a hash of its remote ({@code support-3f2a9c1b04de}); where none exists yet, a path that
     * does not exist.
     */
    Path stateDir(String kind, String target) {
        Path root = home.resolve(".local/state/handoff").resolve(kind);
        java.util.regex.Pattern name = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(target) + "-[0-9a-f]{12}");
        if (!Files.isDirectory(root)) {
            return root.resolve(target + "-none");
        }
        try (var s = Files.list(root)) {
            List<Path> found = s.filter(d -> name.matcher(d.getFileName().toString()).matches()).toList();
            if (found.size() > 1) {
                throw new AssertionError("more than one " + kind + " folder for target " + target + ": " + found);
            }
            return found.isEmpty() ? root.resolve(target + "-none") : found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file(String name) {
        return project.resolve("guidelines").resolve(name);
    }

    String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The usual Plugit edit: the sales file fetched, one category's criteria widened. */
    void fetchAndEditSales() {
        run("fetch", "--target", "sales");
        edit(file("sales.yaml"), "custom branding", "custom branding or embroidery");
    }

    /** Replaces text in a file, failing when the text is not there. */
    void edit(Path file, String from, String to) {
        String text = read(file);
        if (!text.contains(from)) {
            throw new AssertionError(file + " does not contain: " + from);
        }
        write(file, text.replace(from, to));
    }

    static ObjectNode resource(String name) {
        try {
            return (ObjectNode) Yaml.json().readTree(Golden.read(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return Yaml.json().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

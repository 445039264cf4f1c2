package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import dev.handoff.queue.HandoffJson;
import dev.handoff.queue.PhoneNumbers;
import dev.handoff.queue.WhatsAppLink;
import dev.handoff.queue.notify.NotifyConfig;
import dev.handoff.queue.notify.NotifyFile;
import dev.handoff.queue.notify.NotifySecrets;
import dev.handoff.queue.server.InboxServer;
import dev.handoff.queue.server.InboxSettings;
import dev.handoff.queue.server.RequestLog;
import dev.handoff.queue.server.Secret;
import dev.handoff.queue.store.InboxStore;
import dev.handoff.queue.store.PostgresStore;
import dev.handoff.queue.store.PostgresTarget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Receive handoff webhooks, keep them durably, serve the queue to operators.",
                "",
                "POST /webhooks/handoff takes the bot platform's event (Plugit's category webhook) and answers "
                        + "201 (200 for a redelivery) only after it is committed to disk. Operators' terminals read "
                        + "/api/handoffs and the live /api/stream with their own bearer token. One JSON line per request "
                        + "goes to stderr. Ctrl-C or SIGTERM finishes the requests in flight, then stops."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  # the value of x-api-key in the category's webhook.headers",
                "  export HANDOFF_WEBHOOK_SECRET=...",
                "  export HANDOFF_INBOX_TOKEN=...      # what operators pass to 'handoff tail'",
                "  handoff inbox serve --listen 127.0.0.1:8787 --default-region DE",
                "  # several inbox processes, one queue in PostgreSQL (password: PGPASSWORD)",
                "  # (:8787, no host: every interface, for the load balancer)",
                "  handoff inbox serve --listen :8787 --db postgres://inbox@db1:5432/handoff",
                "  # alert the team by e-mail and chat; notify.yaml names the secrets' variables",
                "  export SMTP_PASSWORD=... SLACK_WEBHOOK_URL=...",
                "  handoff inbox serve --notify notify.yaml"})
final class InboxServeCommand extends BaseCommand {

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8787",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; port 0 picks a free one; with no host, as in :8787, it listens on every interface).")
    String listen;

    @Mixin
    InboxDbMixin database;

    @Option(names = "--webhook-header", paramLabel = "NAME", defaultValue = "x-api-key",
            description = "Header carrying the webhook secret (default: ${DEFAULT-VALUE}).")
    String webhookHeader;

    @Option(names = "--webhook-secret-env", paramLabel = "VAR", defaultValue = "HANDOFF_WEBHOOK_SECRET",
            description = "Environment variable holding the webhook header's value (default: ${DEFAULT-VALUE}).")
    String webhookSecretEnv;

    @Option(names = "--hmac-secret-env", paramLabel = "VAR",
            description = "Also require X-Handoff-Signature: sha256=HEX, the HMAC-SHA256 of timestamp + \".\" + body "
                    + "with the key in VAR.")
    String hmacSecretEnv;

    @Option(names = "--max-skew", paramLabel = "DURATION", defaultValue = "300s", converter = DurationConverter.class,
            description = "How far X-Handoff-Timestamp may be from this clock (default: ${DEFAULT-VALUE}).")
    Duration maxSkew;

    @Option(names = "--api-token-env", paramLabel = "VAR", defaultValue = "HANDOFF_INBOX_TOKEN",
            description = "Environment variable holding the operators' bearer token (default: ${DEFAULT-VALUE}).")
    String apiTokenEnv;

    @Option(names = "--greeting", paramLabel = "TEXT", defaultValue = WhatsAppLink.DEFAULT_GREETING,
            description = "Message prefilled by the WhatsApp link (default: \"${DEFAULT-VALUE}\").")
    String greeting;

    @Option(names = "--default-region", paramLabel = "CC",
            description = "Country (ISO 3166, e.g. DE) for phone numbers sent without +country code; "
                    + "without it such numbers are kept as sent and get no WhatsApp link.")
    String defaultRegion;

    @Option(names = "--notify", paramLabel = "FILE",
            description = "Alert the team about each new handoff by e-mail and chat webhook, as this YAML file says "
                    + "(docs/inbox-notifications.md); its secrets come from the environment variables it names.")
    Path notifyFile;

    @Override
    public Integer call() throws Exception {
        InboxSettings settings = settings();
        NotifyConfig notify = notifications();
        InboxStore store = openStore();
        InboxServer server;
        try {
            server = InboxServer.start(settings, store, new RequestLog(err(), Clock.systemUTC(), root().redactor()::redact), notify);
        } catch (BindException e) {
            store.close();
            if (!ofThisMachine(settings.listen().getAddress())) {
                // EADDRNOTAVAIL: the port is not the problem, and "choose another port" sent people the wrong way
                throw HandoffException.usage("--listen " + listen + ": " + settings.listen().getAddress().getHostAddress()
                                + " is not an address of this machine",
                        "use one of its addresses (ip addr lists them), 127.0.0.1, or :PORT for all of them");
            }
            throw HandoffException.usage("--listen " + listen + ": " + e.getMessage(),
                    "choose another port, or stop what is listening there");
        } catch (IOException e) {
            store.close();
            throw e;
        }
        Thread hook = new Thread(server::close, "inbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        server.awaitStopped();
        return ExitCode.OK;
    }

    /** Read and checked before anything starts: a missing variable stops here with one line. */
    private NotifyConfig notifications() {
        if (notifyFile == null) {
            return null;
        }
        NotifyConfig config = NotifyFile.load(context().workDir().resolve(notifyFile), notifyFile, context()::env);
        // the command's own output masks them in every form the inbox log does
        NotifySecrets.of(config).forEach(root().redactor()::add);
        NotifySecrets.publicNames(config, root().redactor());
        return config;
    }

    private InboxStore openStore() {
        return database.openForServing(context(), this::secretEnv, warning -> {
            err().println("handoff: warning: " + warning);
            err().flush();
        });
    }

    private InboxSettings settings() {
        boolean explicitHeaderSecret = spec.commandLine().getParseResult().hasMatchedOption("--webhook-secret-env");
        Secret webhookSecret = headerSecret(webhookSecretEnv);
        Secret hmacSecret = null;
        if (hmacSecretEnv != null) {
            hmacSecret = secret(hmacSecretEnv);
            if (hmacSecret == null) {
                throw missing(hmacSecretEnv, "the HMAC key for webhook signatures (--hmac-secret-env)");
            }
        }
        if (webhookSecret == null && (explicitHeaderSecret || hmacSecret == null)) {
            throw missing(webhookSecretEnv, "the value the bot platform sends in the " + webhookHeader
                    + " header (--webhook-secret-env)");
        }
        Secret apiToken = headerSecret(apiTokenEnv);
        if (apiToken == null) {
            throw missing(apiTokenEnv, "the operators' bearer token (--api-token-env)");
        }
        weak(apiTokenEnv, apiToken);
        weak(webhookSecretEnv, webhookSecret);
        weak(hmacSecretEnv, hmacSecret);
        if (apiToken.sameAs(webhookSecret) || apiToken.sameAs(hmacSecret)) {
            throw HandoffException.usage("the operator token in " + apiTokenEnv + " equals a webhook secret",
                    "give operators a token of their own, so the bot platform cannot act on the queue");
        }
        if (defaultRegion != null && !PhoneNumbers.isSupportedRegion(defaultRegion)) {
            throw HandoffException.usage("--default-region " + defaultRegion + ": not a region libphonenumber knows",
                    "use a two-letter ISO 3166 code such as US, DE or GB");
        }
        if (webhookHeader.isBlank() || !webhookHeader.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
            throw HandoffException.usage("--webhook-header '" + webhookHeader + "' is not a header name", null);
        }
        PhoneNumbers phones = new PhoneNumbers(defaultRegion == null ? null : defaultRegion.toUpperCase(Locale.ROOT));
        return InboxSettings.defaults(address(listen), webhookHeader, webhookSecret, hmacSecret, maxSkew, apiToken,
                new HandoffJson(phones, greeting));
    }

    /**
     * A secret that arrives in a header. HTTP drops white space at either end of a header value and
     * carries only ASCII safely, so a secret with either could never match: every webhook would get
     * 401 and be dropped by the platform, with nothing said at start.
     */
    private Secret headerSecret(String variable) {
        String value = secretEnv(variable);
        if (value != null && !value.isEmpty()) {
            if (!value.equals(value.strip())) {
                throw HandoffException.usage(variable + " starts or ends with white space (a space, tab or line break), which HTTP "
                        + "drops from a header value, so no request could match it",
                        "remove it from the value (a secret read from a file often ends in a line break; $(cat FILE) drops it)");
            }
            if (!value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
                throw HandoffException.usage(variable + " holds a character that is not printable ASCII, which a header does not "
                        + "carry as written, so no request could match it",
                        "use letters, digits and ASCII punctuation (e.g. a value from 'openssl rand -hex 32')");
            }
        }
        return secret(variable);
    }

    /** Shorter secrets are guessed: said at start, not refused (a test setup may want "a"). */
    static final int STRONG_LENGTH = 16;

    private void weak(String variable, Secret secret) {
        if (secret != null && secret.length() < STRONG_LENGTH) {
            // few words of our own: a secret that is a word of this line would be masked in it, and the mask would show where
            err().println("handoff: warning: " + variable + " has " + secret.length() + (secret.length() == 1 ? " character" : " characters")
                    + "; use at least " + STRONG_LENGTH + " (e.g. 'openssl rand -hex 32'), or it may be guessed");
            err().flush();
        }
    }

    private Secret secret(String variable) {
        String value = secretEnv(variable);
        return value == null || value.isEmpty() ? null : new Secret(value);
    }

    private HandoffException missing(String variable, String what) {
        String value = secretEnv(variable);
        return HandoffException.auth(variable + (value == null ? " is not set" : " is set but empty") + ": it holds " + what,
                "export " + variable + "=<value> before starting the inbox (never put it in a committed file)");
    }

    /** True for the wildcard address and for an address one of this machine's interfaces has. */
    static boolean ofThisMachine(java.net.InetAddress address) {
        try {
            return address == null || address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || java.net.NetworkInterface.getByInetAddress(address) != null;
        } catch (java.net.SocketException e) {
            return true; // cannot tell: keep the system's own words
        }
    }

    static InetSocketAddress address(String listen) {
        try {
            URI uri = URI.create("http://" + (listen.startsWith(":") ? "0.0.0.0" + listen : listen));
            if (uri.getHost() == null || uri.getPort() < 0 || uri.getPath() != null && !uri.getPath().isEmpty()) {
                throw new IllegalArgumentException();
            }
            if (uri.getPort() > 65535) {
                throw HandoffException.usage("--listen " + listen + ": port " + uri.getPort() + " is out of range (0 to 65535)",
                        "e.g. 127.0.0.1:8787");
            }
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            InetSocketAddress address = new InetSocketAddress(host, uri.getPort());
            if (address.isUnresolved()) {
                // Jetty would say "failed to bind", which sounds like a port or permission problem
                throw HandoffException.usage("--listen " + listen + ": unknown host " + host,
                        "use an address of this machine: 127.0.0.1:8787, a name that resolves to it, or :8787 for all");
            }
            return address;
        } catch (IllegalArgumentException e) {
            throw HandoffException.usage("--listen " + listen + ": expected HOST:PORT, e.g. 127.0.0.1:8787", null);
        }
    }
}

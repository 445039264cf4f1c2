package dev.handoff.queue.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.Durations;
import dev.handoff.config.yaml.LocatedTree;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.error.HandoffException;
import dev.handoff.text.Suggest;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads the notifications file of {@code inbox serve --notify} (docs/inbox-notifications.md).
 * The first problem stops the reading with {@code file:line:column}, the key's path and what to
 * do; a secret never stands in the file, only the name of the environment variable holding it,
 * and a variable that is not set is reported before anything starts.
 */
public final class NotifyFile {

    public static final int DEFAULT_LAST_MESSAGES = 5;
    static final int MAX_LAST_MESSAGES = 20;
    private static final long MAX_BYTES = 256 * 1024;

    private static final Set<String> TOP = Set.of("channels", "link", "last_messages", "retry");
    private static final Set<String> RETRY = Set.of("max_attempts", "first_delay", "max_delay", "lease", "timeout");
    private static final Set<String> EMAIL = Set.of("name", "type", "host", "port", "tls", "username", "password_env",
            "from", "to");
    private static final Set<String> WEBHOOK = Set.of("name", "type", "url_env", "blocks");

    private final LocatedTree tree;
    private final UnaryOperator<String> env;

    private NotifyFile(LocatedTree tree, UnaryOperator<String> env) {
        this.tree = tree;
        this.env = env;
    }

    /**
     * @param file    where the file is
     * @param shownAs the file as the user named it, for messages
     * @param env     the environment (variable name to value, null when unset)
     */
    public static NotifyConfig load(Path file, Path shownAs, UnaryOperator<String> env) {
        String text = YamlFiles.readUtf8(file, shownAs, MAX_BYTES);
        if (text.isBlank()) {
            throw HandoffException.usage(shownAs + ": the file is empty", "write the notification channels into it "
                    + "(docs/inbox-notifications.md shows one)");
        }
        return parse(shownAs, text, env);
    }

    static NotifyConfig parse(Path file, String text, UnaryOperator<String> env) {
        LocatedTree tree = LocatedTree.parse(file, text);
        if (!tree.problems().isEmpty()) {
            LocatedTree.Problem p = tree.problems().get(0);
            throw HandoffException.usage(p.location() + ": " + p.message(), p.hint());
        }
        return new NotifyFile(tree, env).read();
    }

    private NotifyConfig read() {
        JsonNode root = tree.root();
        if (!root.isObject()) {
            throw fail("", "expected a mapping with 'channels'", null);
        }
        keys("", root, TOP);
        JsonNode channels = root.get("channels");
        if (channels == null || !channels.isArray() || channels.isEmpty()) {
            throw fail("/channels", "channels: expected a list of at least one channel",
                    "add '- {name: team-chat, type: webhook, url_env: SLACK_WEBHOOK_URL}' or an email channel");
        }
        List<NotifyConfig.Channel> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < channels.size(); i++) {
            NotifyConfig.Channel channel = channel(LocatedTree.pointer("/channels", i), channels.get(i));
            if (!names.add(channel.name())) {
                throw fail(LocatedTree.pointer(LocatedTree.pointer("/channels", i), "name"),
                        "channels[" + i + "].name: '" + channel.name() + "' is used by an earlier channel",
                        "give every channel its own name: the outbox keeps one row per handoff and channel name");
            }
            out.add(channel);
        }
        String link = optionalText("/link", root.get("link"));
        if (link != null && !link.startsWith("https://") && !link.startsWith("http://")) {
            throw fail("/link", "link: expected an http(s) URL such as https://inbox.example.com/handoffs/{id}", null);
        }
        int lastMessages = integer("/last_messages", root.get("last_messages"), DEFAULT_LAST_MESSAGES, 0, MAX_LAST_MESSAGES);
        return new NotifyConfig(out, link, lastMessages, retry(root.get("retry")));
    }

    private NotifyConfig.Retry retry(JsonNode node) {
        NotifyConfig.Retry d = NotifyConfig.Retry.DEFAULTS;
        if (node == null || node.isNull()) {
            return d;
        }
        if (!node.isObject()) {
            throw fail("/retry", "retry: expected a mapping (max_attempts, first_delay, max_delay, lease, timeout)", null);
        }
        keys("/retry", node, RETRY);
        int attempts = integer("/retry/max_attempts", node.get("max_attempts"), d.maxAttempts(), 1, 100);
        Duration first = duration("/retry/first_delay", node.get("first_delay"), d.firstDelay());
        Duration max = duration("/retry/max_delay", node.get("max_delay"), d.maxDelay());
        if (max.compareTo(first) < 0) {
            throw fail("/retry/max_delay", "retry.max_delay is shorter than retry.first_delay", "make max_delay at least first_delay");
        }
        Duration lease = duration("/retry/lease", node.get("lease"), d.lease());
        Duration timeout = duration("/retry/timeout", node.get("timeout"), d.timeout());
        if (lease.compareTo(timeout.multipliedBy(2)) <= 0) {
            throw fail("/retry/lease", "retry.lease must be longer than twice retry.timeout",
                    "a lease that runs out while a send is still allowed to take time lets another inbox send it again");
        }
        return new NotifyConfig.Retry(attempts, first, max, lease, timeout);
    }

    private NotifyConfig.Channel channel(String at, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw fail(at, path(at) + ": expected a mapping with name and type", null);
        }
        String name = requiredText(at + "/name", node.get("name"));
        if (!name.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
            throw fail(at + "/name", path(at + "/name") + ": '" + name + "' is not a channel name",
                    "use lower-case letters, digits, '-' and '_', e.g. team-email");
        }
        if (node.get("type") == null) {
            // a misspelt 'typ:' is what a missing type usually is: say so rather than only "required"
            Set<String> all = new HashSet<>(EMAIL);
            all.addAll(WEBHOOK);
            for (var it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!all.contains(key) && "type".equals(Suggest.closest(key, Set.of("type")))) {
                    keys(at, node, all);
                }
            }
        }
        String type = requiredText(at + "/type", node.get("type"));
        return switch (type) {
            case "email" -> email(at, name, node);
            case "webhook" -> webhook(at, name, node);
            default -> throw fail(at + "/type", path(at + "/type") + ": '" + type + "' is not a channel type",
                    "use email or webhook");
        };
    }

    private NotifyConfig.Email email(String at, String name, JsonNode node) {
        keys(at, node, EMAIL);
        String host = requiredText(at + "/host", node.get("host"));
        String tlsText = optionalText(at + "/tls", node.get("tls"));
        NotifyConfig.TlsMode tls = NotifyConfig.TlsMode.STARTTLS;
        if (tlsText != null) {
            try {
                tls = NotifyConfig.TlsMode.valueOf(tlsText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw fail(at + "/tls", path(at + "/tls") + ": '" + tlsText + "' is not a TLS mode",
                        "use starttls (port 587), tls (port 465) or none (a local mail catcher only)");
            }
        }
        int defaultPort = switch (tls) {
            case STARTTLS -> 587;
            case TLS -> 465;
            case NONE -> 25;
        };
        int port = integer(at + "/port", node.get("port"), defaultPort, 1, 65535);
        String username = optionalText(at + "/username", node.get("username"));
        String passwordEnv = optionalText(at + "/password_env", node.get("password_env"));
        NotifyConfig.EnvSecret password = null;
        if (username != null && passwordEnv == null) {
            throw fail(at + "/username", path(at) + ": username is set but password_env is not",
                    "add password_env: SMTP_PASSWORD (the name of the variable holding the password)");
        }
        if (passwordEnv != null) {
            if (username == null) {
                throw fail(at + "/password_env", path(at) + ": password_env is set but username is not",
                        "add the SMTP login name as username");
            }
            password = secret(at + "/password_env", passwordEnv, "the SMTP password of " + username);
        }
        String from = address(at + "/from", requiredText(at + "/from", node.get("from")));
        JsonNode toNode = node.get("to");
        List<String> to = new ArrayList<>();
        if (toNode != null && toNode.isTextual()) {
            to.add(address(at + "/to", toNode.textValue()));
        } else if (toNode != null && toNode.isArray() && !toNode.isEmpty()) {
            for (int i = 0; i < toNode.size(); i++) {
                String item = LocatedTree.pointer(at + "/to", i);
                to.add(address(item, requiredText(item, toNode.get(i))));
            }
        } else {
            throw fail(at + "/to", path(at + "/to") + ": expected one address or a list of addresses",
                    "e.g. to: [support@example.com]");
        }
        return new NotifyConfig.Email(name, host, port, tls, username, password, from, to);
    }

    private NotifyConfig.Webhook webhook(String at, String name, JsonNode node) {
        keys(at, node, WEBHOOK);
        String urlEnv = requiredText(at + "/url_env", node.get("url_env"));
        NotifyConfig.EnvSecret url = secret(at + "/url_env", urlEnv, "the chat webhook's URL");
        URI uri;
        try {
            uri = URI.create(url.value().strip());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            // the message names the variable, never its value: the URL is the secret
            throw fail(at + "/url_env", path(at + "/url_env") + ": the value of " + urlEnv + " is not an http(s) URL",
                    "set it to the incoming-webhook URL the chat service gave you, e.g. https://hooks.slack.com/services/...");
        }
        if (okhttp3.HttpUrl.parse(url.value().strip()) == null) {
            // java.net.URI takes what the sender's HTTP client refuses (a port over 65535, an odd host):
            // every alert would then fail, so the start does
            throw fail(at + "/url_env", path(at + "/url_env") + ": the value of " + urlEnv
                            + " is not a URL the chat sender can post to (a port out of 1-65535, or a host or character it refuses)",
                    "set it to the incoming-webhook URL the chat service gave you, e.g. https://hooks.slack.com/services/...");
        }
        JsonNode blocks = node.get("blocks");
        if (blocks != null && !blocks.isBoolean()) {
            throw fail(at + "/blocks", path(at + "/blocks") + ": expected true or false", null);
        }
        return new NotifyConfig.Webhook(name, new NotifyConfig.EnvSecret(urlEnv, url.value().strip()),
                blocks == null || blocks.booleanValue());
    }

    private NotifyConfig.EnvSecret secret(String at, String variable, String what) {
        // what stands here is often the secret itself, pasted where its variable's name belongs: never echoed
        if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw fail(at, path(at) + ": not an environment variable name (value not shown: it may be the secret itself)",
                    "name the variable that holds the secret, e.g. SMTP_PASSWORD; never write the secret itself here");
        }
        String value = env.apply(variable);
        if (value == null || value.isEmpty()) {
            // variables are named in capitals: a name in lower or mixed case may be a password pasted here
            boolean conventional = variable.matches("[A-Z_][A-Z0-9_]*");
            String named = conventional ? variable : "the variable named there";
            throw fail(at, path(at) + ": " + named + " is not set: it holds " + what
                            + (conventional ? "" : " (its name is not shown: it is not in capitals and may be the secret itself)"),
                    conventional ? "export " + variable + "=<value> before starting the inbox (never put it in a committed file)"
                            : "write the name of the variable that holds the secret, e.g. SMTP_PASSWORD, and export it; never the secret itself");
        }
        return new NotifyConfig.EnvSecret(variable, value);
    }

    private String address(String at, String text) {
        try {
            InternetAddress address = new InternetAddress(text, true);
            if (address.getAddress() == null || !address.getAddress().contains("@")) {
                throw new AddressException("no @");
            }
            return text;
        } catch (AddressException e) {
            throw fail(at, path(at) + ": '" + text + "' is not an e-mail address",
                    "write name@example.com, or \"Name <name@example.com>\"");
        }
    }

    private void keys(String at, JsonNode object, Set<String> allowed) {
        for (var it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                String child = LocatedTree.pointer(at, key);
                String secret = secretKeyMeant(key, allowed);
                String hint = secret != null
                        ? "a secret never stands in this file: use " + secret + "_env with the name of the environment variable holding it"
                        : didYouMean(key, allowed) + "expected one of: " + String.join(", ", allowed.stream().sorted().toList());
                throw new HandoffException(HandoffException.Kind.USAGE,
                        tree.keyAt(child) + ": " + path(child) + ": unknown key", hint);
            }
        }
    }

    /** Other words people write for the two secrets, each taken for the key it stands for. */
    private static final java.util.Map<String, String> SECRET_WORDS = java.util.Map.of(
            "pass", "password", "pwd", "password", "secret", "password", "smtp_password", "password",
            "webhook_url", "url", "webhook", "url", "hook_url", "url", "uri", "url", "endpoint", "url", "hook", "url");

    /**
     * "password" or "url" when the unknown key is that word or a typo of it (pasword, passwd, URL) and
     * the channel takes it as an _env name: the value after it is likely the secret itself.
     */
    private static String secretKeyMeant(String key, Set<String> allowed) {
        String alias = SECRET_WORDS.get(key.toLowerCase(java.util.Locale.ROOT).replace('-', '_'));
        if (alias != null && allowed.contains(alias + "_env")) {
            return alias;
        }
        Set<String> candidates = new java.util.HashSet<>(allowed);
        for (String secret : List.of("password", "url")) {
            if (allowed.contains(secret + "_env")) {
                candidates.add(secret);
            }
        }
        String near = Suggest.closest(key, candidates);
        return near != null && !allowed.contains(near) ? near : null;
    }

    private static String didYouMean(String key, Set<String> allowed) {
        String near = Suggest.closest(key, allowed);
        return near == null ? "" : "did you mean '" + near + "'? ";
    }

    private String requiredText(String at, JsonNode node) {
        String text = optionalText(at, node);
        if (text == null) {
            throw fail(at, path(at) + ": required", null);
        }
        return text;
    }

    private String optionalText(String at, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() && !node.isNumber()) {
            throw fail(at, path(at) + ": expected text", null);
        }
        String text = node.asText().strip();
        if (text.isEmpty()) {
            throw fail(at, path(at) + ": must not be empty", null);
        }
        return text;
    }

    private int integer(String at, JsonNode node, int fallback, int min, int max) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw fail(at, path(at) + ": '" + node.asText() + "' is not a whole number from " + min + " to " + max, null);
        }
        return node.intValue();
    }

    private Duration duration(String at, JsonNode node, Duration fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        try {
            Duration d = Durations.parse(node.asText());
            if (d.isZero()) {
                throw new IllegalArgumentException("'" + node.asText() + "' is zero; expected a positive duration");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw fail(at, path(at) + ": " + e.getMessage(), null);
        }
    }

    private HandoffException fail(String pointer, String message, String hint) {
        return new HandoffException(HandoffException.Kind.USAGE, tree.valueAt(pointer) + ": " + message, hint);
    }

    /** A JSON pointer as the user reads it: /channels/0/port -> channels[0].port. */
    static String path(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.substring(pointer.isEmpty() ? 0 : 1).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                out.append('[').append(part).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return out.toString();
    }
}

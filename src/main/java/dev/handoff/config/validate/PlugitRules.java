package dev.handoff.config.validate;

import dev.handoff.config.LocalConfig;
import dev.handoff.config.Provider;
import dev.handoff.config.SecretNames;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Plugit checks beyond the documented contract ({@link PlugitContract}, applied first):
 * unknown keys, repeated titles, empty criteria, plain-http webhooks, and webhook header values
 * that must be {@code ${env:NAME}} placeholders, never secrets in clear.
 */
final class PlugitRules {

    static final List<String> ROOT_KEYS = List.of(LocalConfig.HEADER, "id", "title", "prompt", "version",
            "default_language", "categories");
    static final List<String> CATEGORY_KEYS = List.of("title", "criteria", "webhook", "disableAI");
    static final List<String> WEBHOOK_KEYS = List.of("url", "headers");

    /** The only form a header value may take in a committed file. */
    static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{env:[A-Za-z_][A-Za-z0-9_]*}");
    // RFC 9110 token characters
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final Checker c;
    /** The project target the file belongs to, for the variable names fetch would use; null when unknown. */
    private final String target;

    private PlugitRules(Checker c, String target) {
        this.c = c;
        this.target = target;
    }

    static void check(Checker c, Cursor root, String target) {
        new PlugitRules(c, target).check(root);
    }

    private void check(Cursor root) {
        Contract.check(c, root, PlugitContract.RULES);
        c.unknownKeys(root, ROOT_KEYS);
        if (Checker.absent(root.child("title"))) {
            c.warningAtKey(root, "the agent has no title", "POST /v2/agents needs a title to create the agent");
        }
        Cursor categories = root.child("categories");
        if (Checker.absent(categories) || (categories.node().isArray() && categories.node().isEmpty())) {
            c.warningAtKey(Checker.absent(categories) ? root : categories, "no categories: no conversation will be classified or handed off",
                    "add a category such as human_handoff");
            return;
        }
        if (!categories.node().isArray()) {
            return;
        }
        Map<String, Cursor> titles = new HashMap<>();
        Map<String, Cursor> folded = new HashMap<>();
        for (int i = 0; i < categories.node().size(); i++) {
            category(categories.item(i, "title"), titles, folded);
        }
    }

    private void category(Cursor cat, Map<String, Cursor> titles, Map<String, Cursor> folded) {
        if (!cat.node().isObject()) {
            return;
        }
        c.unknownKeys(cat, CATEGORY_KEYS);
        Cursor title = cat.child("title");
        String text = Checker.text(title);
        if (text != null) {
            if (text.isBlank()) {
                c.error(title, "the title is empty", "title is required: the category identifier, e.g. human_handoff");
            } else {
                Cursor first = titles.putIfAbsent(text, title);
                if (first != null) {
                    c.error(title, "duplicate category '" + text + "' (first at line " + c.locationOf(first).line() + ")",
                            "titles identify categories; merge the two or rename one");
                } else {
                    Cursor similar = folded.putIfAbsent(Checker.folded(text), title);
                    if (similar != null) {
                        c.warning(title, "category '" + text + "' differs only in case, spaces or Unicode form from '" + similar.node().asText()
                                + "' (line " + c.locationOf(similar).line() + ")", "use one spelling for one thing");
                    }
                }
            }
        }
        Cursor criteria = cat.child("criteria");
        String rule = Checker.text(criteria);
        if (Checker.absent(criteria) || (rule != null && rule.isBlank())) {
            c.warningAtKey(Checker.absent(criteria) && !criteria.node().isNull() ? cat : criteria,
                    "empty criteria: the AI has only the title to classify by",
                    "write the rule in plain words, e.g. 'the user asks to talk to a human'");
        }
        Cursor webhook = cat.child("webhook");
        if (webhook.node().isObject()) {
            webhook(webhook, text == null ? "" : text);
        }
    }

    private void webhook(Cursor webhook, String category) {
        c.unknownKeys(webhook, WEBHOOK_KEYS);
        Cursor url = webhook.child("url");
        if (Checker.absent(url)) {
            c.warningAtKey(webhook, "webhook without a url: nothing will be called", "set webhook.url to your https endpoint");
        } else if (Checker.text(url) != null) {
            plainHttp(url, Checker.text(url));
        }
        Cursor headers = webhook.child("headers");
        if (!headers.node().isObject()) {
            return;
        }
        headers.node().fieldNames().forEachRemaining(name -> header(headers.child(name), name, category));
        repeatedHeaders(headers);
    }

    /**
     * HTTP header names are case-insensitive (RFC 9110): x-api-key and X-API-KEY are one header sent twice,
     * and fetch would name both with one variable. YAML keeps them apart, so only this catches it.
     */
    private void repeatedHeaders(Cursor headers) {
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        headers.node().fieldNames().forEachRemaining(name -> {
            String first = seen.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), name);
            if (first != null) {
                c.errorAtKey(headers.child(name), "duplicate header '" + name + "': header names ignore case, so it repeats '" + first
                                + "' (line " + c.tree().keyAt(headers.child(first).pointer()).line() + ")",
                        "keep one of the two");
            }
        });
    }

    /** The form of the URL is a contract rule; plain http to another host is a risk. */
    private void plainHttp(Cursor at, String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            return;
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && !isLoopback(uri.getHost())) {
            c.warning(at, "the webhook is plain http: handoff events (names, phone numbers) travel unencrypted", "use https://");
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /** A header value is a secret: it may only be a placeholder, and it is never echoed. */
    private void header(Cursor at, String name, String category) {
        if (!HEADER_NAME.matcher(name).matches()) {
            c.errorAtKey(at, "'" + name + "' is not a valid HTTP header name", "use letters, digits and '-' only");
        }
        if (at.node().isTextual() && ENV_PLACEHOLDER.matcher(at.node().asText()).matches()) {
            return;
        }
        if (Checker.absent(at) || (at.node().isTextual() && at.node().asText().isBlank())) {
            c.errorAtKey(at, "header '" + name + "' has no value", "write a ${env:NAME} placeholder and export NAME where you push from");
            return;
        }
        if (at.node().isTextual() && at.node().asText().contains("${")) {
            c.error(at, "the value of header '" + name + "' is not a ${env:NAME} placeholder",
                    "write exactly ${env:NAME} with a variable name of letters, digits and '_'");
            return;
        }
        // the name 'handoff fetch' would write, so that the next fetch keeps the file as it is
        String variable = SecretNames.derive(Provider.PLUGIT, target == null ? SecretNames.UNKNOWN_TARGET : target,
                List.of(category, name));
        String which = target == null ? " (" + SecretNames.UNKNOWN_TARGET + ": the file's target in handoff.yaml)" : "";
        c.error(at, "the value of header '" + name + "' is a secret written in clear in a committed file (value not shown)",
                "replace it with ${env:" + variable + "}" + which + ", export that variable"
                        + " where you push from, and rotate the secret: it is in your git history");
    }
}

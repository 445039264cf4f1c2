package dev.handoff.queue.notify;

import dev.handoff.secret.Redactor;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The secrets of a notify file in every form a server may echo them in. A chat webhook's URL is a
 * secret, and servers quote parts of it back (a 404 "no hook at /services/T0/B0/XXXX", a query
 * parameter in an error): so the whole URL, its path and query, every path segment after the
 * first one (which names the service's endpoint, "services" or "hooks") and every query
 * parameter's value are masked, each as sent and percent-decoded. An SMTP password is also masked
 * in base64, the form AUTH PLAIN and AUTH LOGIN carry it in, which a server may repeat.
 */
public final class NotifySecrets {

    /** Parts shorter than this are ids, not secrets, and masking them would blank ordinary words. */
    private static final int SHORTEST_PART = 3;

    private NotifySecrets() {
    }

    /** Every form of every secret of {@code config}. */
    public static Set<String> of(NotifyConfig config) {
        Set<String> out = new LinkedHashSet<>();
        for (NotifyConfig.Channel channel : config.channels()) {
            if (channel instanceof NotifyConfig.Email e && e.password() != null) {
                out.addAll(password(e.username(), e.password().value()));
            } else if (channel instanceof NotifyConfig.Webhook w) {
                out.addAll(url(w.url().value()));
            }
        }
        // a channel's name stands in the committed file: a path segment equal to one ("/hooks/alerts-ops") is no secret
        // of its own, and masking it hid which channel a log line is about (the whole URL stays masked)
        config.channels().forEach(c -> out.remove(c.name()));
        return out;
    }

    /** A redactor holding {@link #of}. */
    public static Redactor redactor(NotifyConfig config) {
        Redactor r = new Redactor();
        of(config).forEach(r::add);
        publicNames(config, r);
        return r;
    }

    /** The channels' names are in the committed file: a log names the channel it is about whole. */
    public static void publicNames(NotifyConfig config, Redactor r) {
        config.channels().forEach(c -> r.publicWord(c.name()));
    }

    static Set<String> password(String username, String password) {
        Set<String> out = new LinkedHashSet<>();
        out.add(password);
        Base64.Encoder b64 = Base64.getEncoder();
        out.add(b64.encodeToString(password.getBytes(StandardCharsets.UTF_8)));
        if (username != null) {
            // AUTH PLAIN: [authzid] NUL user NUL password
            out.add(b64.encodeToString(("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8)));
            out.add(b64.encodeToString((username + "\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    static Set<String> url(String url) {
        Set<String> out = new LinkedHashSet<>();
        out.add(url);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return out; // the file check refused such a URL already
        }
        String path = uri.getRawPath();
        String query = uri.getRawQuery();
        if (path != null && path.length() > 1) {
            both(out, path);
            if (query != null) {
                both(out, path + "?" + query);
            }
            List<String> segments = java.util.Arrays.stream(path.split("/")).filter(x -> !x.isEmpty()).toList();
            // the first names the service's endpoint ("services", "hooks"), the same for everyone,
            // unless it is the only one (an ntfy-style topic is the secret itself)
            for (int i = segments.size() == 1 ? 0 : 1; i < segments.size(); i++) {
                both(out, segments.get(i));
            }
        }
        if (query != null && !query.isEmpty()) {
            both(out, query);
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                both(out, eq >= 0 ? pair.substring(eq + 1) : pair); // a key-only parameter may be the secret
            }
        }
        return out;
    }

    /**
     * {@code raw} and the forms a server may echo it in: percent-decoded (once and twice), with a
     * '+' re-encoded as %20; unless too short to be a secret.
     */
    private static void both(Set<String> out, String raw) {
        add(out, raw);
        add(out, raw.replace("+", "%20"));
        String decoded = decode(raw);
        if (decoded != null) {
            add(out, decoded);
            String twice = decode(decoded);
            if (twice != null) {
                add(out, twice);
            }
        }
    }

    private static void add(Set<String> out, String form) {
        if (form.length() >= SHORTEST_PART) {
            out.add(form);
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return null; // not validly encoded: the raw form is all a server can echo
        }
    }
}

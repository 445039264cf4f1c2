package dev.handoff.secret;

import dev.handoff.config.SecretNames;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A URL as it may be shown (on screen, in messages, in request logs): the password of its user
 * info masked ({@code http://user:***@host}; a user info without a password may be a token and is
 * masked whole, {@code http://***@host}), and the values of query or fragment parameters whose
 * names carry a credential ({@code token}, {@code api_key}, {@code sig}, ... as
 * {@link SecretNames#namesUrlCredential} says) masked ({@code ?token=***&page=2}). Everything else
 * is kept, so the URL still says where the request went.
 */
public final class UrlRedaction {

    public static final String MASK = "***";

    private UrlRedaction() {
    }

    /** The URL with its credentials masked, the user name kept ({@code user:***@host}); null stays null. */
    public static String shown(String url) {
        return shown(url, true);
    }

    /**
     * @param keepUser false for text that is kept (a report's settings): the whole user info masked,
     *                 {@code ***@host}, as a user name alone may be all an attacker lacks
     */
    public static String shown(String url, boolean keepUser) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        int hostStart = scheme < 0 ? 0 : scheme + 3;
        int authorityEnd = indexOfAny(url, "/?#", hostStart);
        String authority = url.substring(hostStart, authorityEnd);
        // the last '@' of the authority: a password may hold an unencoded '@' of its own
        int at = authority.lastIndexOf('@');
        StringBuilder out = new StringBuilder(url.length());
        out.append(url, 0, hostStart);
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            out.append(colon > 0 && keepUser ? userInfo.substring(0, colon) + ":" + MASK : MASK).append(authority.substring(at));
        } else {
            out.append(authority);
        }
        String rest = url.substring(authorityEnd);
        int query = rest.indexOf('?');
        int fragment = rest.indexOf('#');
        if (query < 0 && fragment < 0) {
            return out.append(rest).toString();
        }
        int pathEnd = query >= 0 && (fragment < 0 || query < fragment) ? query : fragment;
        out.append(rest, 0, pathEnd);
        String tail = rest.substring(pathEnd);
        // "?a=1&b=2#c=3": the separators are kept as they are, each name=value pair judged alone
        StringBuilder pair = new StringBuilder();
        for (int i = 0; i < tail.length(); i++) {
            char c = tail.charAt(i);
            if (c == '?' || c == '&' || c == ';' || c == '#') {
                out.append(masked(pair.toString()));
                pair.setLength(0);
                out.append(c);
            } else {
                pair.append(c);
            }
        }
        return out.append(masked(pair.toString())).toString();
    }

    private static String masked(String pair) {
        int eq = pair.indexOf('=');
        if (eq <= 0 || eq == pair.length() - 1) {
            return pair;
        }
        String name = pair.substring(0, eq);
        String decoded;
        try {
            decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = name;
        }
        // "code" is Azure Functions' key; shown, it is masked whatever its value (a file keeps a short "?code=US" as it is)
        return SecretNames.namesUrlCredential(decoded) || decoded.equalsIgnoreCase("code") ? name + "=" + MASK : pair;
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}

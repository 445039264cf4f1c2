package dev.handoff.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variable a secret's {@code ${env:NAME}} placeholder names when the file does not
 * name one already: {@code PLUGIT_<TARGET>_<CATEGORY>_<HEADER>} for a Plugit webhook header, else
 * provider, target and the names along the path. fetch writes these names and validate suggests
 * them, so both must come from here.
 */
public final class SecretNames {

    /** What validate writes in place of the target's name when it cannot tell which target a file belongs to. */
    public static final String UNKNOWN_TARGET = "<TARGET>";

    /** Words that make a key a secret's wherever they are in it ({@code webhook_token}, {@code clientSecret}). */
    private static final Pattern SECRET_WORD = Pattern.compile(
            ".*(secret|token|password|passwd|passphrase|pwd|api_?key|authorization|credential|bearer"
                    + "|(private|signing|access|encryption|client)_?key).*");

    /**
     * Cookies and "auth" only as a whole word at the right place: {@code session_cookie} or
     * {@code auth} hold credentials, {@code cookie_consent_message} or {@code author} do not.
     */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(.*_)?cookies?|.*(session|auth)_cookie.*|(.*_)?auth|.*auth_(header|value).*");

    /**
     * Short names of secrets, as the last word only: {@code jwt}, {@code db_pass} (not {@code bypass} or
     * {@code pass_rate}), {@code cred}, {@code salt}, a one-time password's seed ({@code totp}, {@code otp_seed}) and a
     * connection string (which holds the database's password).
     */
    private static final Pattern SECRET_TERM = Pattern.compile(
            "(.*_)?(jwt|pass|creds?|salt|t?otp|hotp|(totp|otp|mfa)_seed|conn(ection)?_str(ing)?)");

    /** A session's id is its holder's login, though an id names a secret without being one ({@link #QUANTITY}). */
    private static final Pattern SESSION_ID = Pattern.compile("(.*_)?session_?id");

    /**
     * The password of an ADO.NET or Azure connection string ({@code Server=db;User Id=app;Password=...;}), its
     * storage key ({@code AccountKey=}) or its shared access key, whatever the key holding the text is called.
     */
    private static final Pattern CONNECTION_STRING = Pattern.compile("(?i)\\s*(?:[a-z][a-z0-9 _.-]*=[^;\\n]*;\\s*)*"
            + "(?:password|pwd|account ?key|shared ?access ?key)\\s*=\\s*([^;\\n]*[^;\\s])\\s*(?:;\\s*[a-z][a-z0-9 _.-]*=[^;\\n]*)*;?\\s*");

    /** Counts and limits named after what they count: {@code max_tokens: 512}, {@code token_ttl}. */
    private static final Pattern QUANTITY = Pattern.compile("(max|min|num)_.*|.*_(limit|count|ttl|length|size)"
            // and what describes a secret rather than holding it: credential_type, secret_menu_label, tokenizer
            + "|.*_(type|label|name|title|message|text|format|mode|kind|hint|description)|.*tokeni[sz]er.*"
            // and where a secret is kept rather than the secret: token_env, api_key_env, password_variable
            + "|.*_(env|var|variable)"
            // and what names one without being it: api_key_id, token_id
            + "|.*_(id|ids)");

    /** A URL whose user info has a password: {@code https://admin:hunter2@host/...}. */
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("(?i)[a-z][a-z0-9+.-]*://[^/?#@:\\s]*:([^/?#\\s][^/?#]*)@[^/?#@\\s]*([/?#].*)?", Pattern.DOTALL);

    /**
     * The same with a password holding an unencoded '/', '?' or '#' ({@code https://u:pw/x@host/h}),
     * which a URL parser reads as a path but a person wrote as a password: the part after the last
     * '@' must be a host name (and what follows the ':' no port), so {@code https://host:8443/a@b.org} is no password.
     */
    private static final Pattern URL_WITH_LOOSE_PASSWORD = Pattern.compile(
            "(?i)[a-z][a-z0-9+.-]*://[^/?#@:\\s]+:((?!\\d+(?:[/?#]|$))[^\\s@]+)@((?:[a-z0-9-]+\\.)+[a-z0-9-]+|localhost|\\[[0-9a-f:.]+])"
                    + "(:\\d+)?([/?#].*)?", Pattern.DOTALL);

    /**
     * A whole URL with a query string or a fragment (OAuth's implicit flow puts tokens there). A blank after the
     * host is allowed: "h?token=abc def" is no valid URL, but it is a token written in clear all the same.
     */
    private static final Pattern URL_WITH_QUERY = Pattern.compile("(?i)[a-z][a-z0-9+.-]*://[^\\s?#/]+[^?#]*(?:\\?([^#]*))?(?:#(.*))?",
            Pattern.DOTALL);

    /** Query parameters that carry a credential beside the ones {@link #namesSecret} knows: Google's key, signed URLs' sig. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)key|sig|signature|hmac|x-amz-signature|x-goog-signature");

    /** Compiled once: every key of a document is asked about (30,000 slots, four keys each). */
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");

    private SecretNames() {
    }

    /**
     * Whether a key names a secret (a token, password, passphrase, credential, auth value, session
     * cookie or key): its value is never shown, fetch writes it as a placeholder, and validate
     * refuses it in clear. A count or limit ({@code max_tokens}) names none.
     */
    public static boolean namesSecret(String key) {
        if (key == null) {
            return false;
        }
        // maxTokens, X-Api-Key and max_tokens alike: words apart, in lower case
        String k = NON_WORD.matcher(CAMEL_HUMP.matcher(key).replaceAll("$1_$2").toLowerCase(Locale.ROOT)).replaceAll("_");
        return ((SECRET_WORD.matcher(k).matches() || SECRET_NAME.matcher(k).matches() || SECRET_TERM.matcher(k).matches())
                && !QUANTITY.matcher(k).matches()) || SESSION_ID.matcher(k).matches();
    }

    /**
     * Whether the value at the end of a path is a secret because of where it is: under a key that
     * names a secret, any value of a map called {@code headers}, and the {@code value} of an item
     * of a list called {@code headers} ({@code [{name: Authorization, value: Bearer ...}]}).
     *
     * @param keys the keys from the document's root to the value, null standing for a list item
     */
    public static boolean isSecretPlace(List<String> keys) {
        int n = keys.size();
        String last = n == 0 ? null : keys.get(n - 1);
        if (last == null) {
            return false;
        }
        return namesSecret(last)
                || (n >= 2 && "headers".equalsIgnoreCase(keys.get(n - 2)))
                || (n >= 3 && last.equalsIgnoreCase("value") && keys.get(n - 2) == null && "headers".equalsIgnoreCase(keys.get(n - 3)));
    }

    /**
     * Whether a text is a secret whatever its key: a URL with a password in it, or a key alone as its user
     * info (Sentry's DSN), an incoming-webhook URL whose path is the credential
     * ({@code https://hooks.slack.com/services/...}, {@link CapabilityUrls}), a URL carrying a credential in
     * its query ({@code ?token=...}, {@code ?key=...}, {@code &sig=...}, Azure's long {@code ?code=}), or a
     * connection string with a password ({@code Server=db;Password=...;}).
     */
    public static boolean isSecretText(String text) {
        if (text == null) {
            return false;
        }
        String t = text.strip();
        return urlPassword(t) != null || CapabilityUrls.matches(t) || connectionPassword(t) != null || !queryCredentials(t).isEmpty();
    }

    /**
     * The parts of a secret text a server may echo alone, as written: the values of query parameters
     * that carry a credential, the credential parts of an incoming-webhook URL ({@link CapabilityUrls#parts})
     * and a connection string's password.
     */
    public static List<String> credentialParts(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        out.addAll(CapabilityUrls.parts(text));
        out.addAll(queryCredentials(text));
        String password = connectionPassword(text);
        if (password != null) {
            out.add(password);
        }
        return out;
    }

    private static List<String> queryCredentials(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = URL_WITH_QUERY.matcher(text.strip());
        if (!m.matches()) {
            return out;
        }
        for (int g = 1; g <= 2; g++) {
            if (m.group(g) == null) {
                continue;
            }
            for (String pair : m.group(g).split("[&;]")) {
                int eq = pair.indexOf('=');
                if (eq <= 0 || eq == pair.length() - 1) {
                    continue;
                }
                String name = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                // Azure Functions' key: "code" only with a key's value, "?code=US" is a country
                if (namesUrlCredential(name) || (name.equalsIgnoreCase("code") && value.length() >= 20 && CapabilityUrls.random(value))) {
                    out.add(value);
                }
            }
        }
        return out;
    }

    /** Whether a URL's query (or fragment) parameter of this name carries a credential: {@code token}, {@code key}, {@code sig}. */
    public static boolean namesUrlCredential(String name) {
        return name != null && (SECRET_PARAMETER.matcher(name).matches() || namesSecret(name));
    }

    /**
     * The places of a local file (handoff.yaml, evaluation settings) that hold a secret in clear: a
     * non-empty value under a key naming a secret or in a {@code headers} map, or a secret URL under
     * any key. Such files are committed and have no placeholders: secrets come from the environment.
     *
     * @return the field paths, such as {@code targets.support.token}
     */
    public static List<String> clearSecretPaths(JsonNode root) {
        List<String> out = new ArrayList<>();
        clearSecretPaths(root, new ArrayList<>(), "", out);
        return out;
    }

    private static void clearSecretPaths(JsonNode node, List<String> keys, String path, List<String> out) {
        String key = keys.isEmpty() ? null : keys.get(keys.size() - 1);
        boolean clear = node.isTextual() ? !node.asText().isBlank() : node.isNumber() || (node.isContainerNode() && !node.isEmpty());
        if ((isSecretPlace(keys) && clear) || (key != null && node.isTextual() && isSecretText(node.asText()))) {
            out.add(path);
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(e -> {
                List<String> next = new ArrayList<>(keys);
                next.add(e.getKey());
                clearSecretPaths(e.getValue(), next, path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<String> next = new ArrayList<>(keys);
                next.add(null);
                clearSecretPaths(node.get(i), next, path + "[" + i + "]", out);
            }
        }
    }

    /** The password of a connection string ({@link #CONNECTION_STRING}) unless it is a placeholder, or null. */
    static String connectionPassword(String text) {
        if (text == null || !text.contains("=")) {
            return null;
        }
        Matcher m = CONNECTION_STRING.matcher(text);
        return m.matches() && !m.group(1).startsWith("${env:") ? m.group(1) : null;
    }

    /** The password in a URL's user info as written (a server may echo it alone), or null. */
    public static String urlPassword(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = URL_WITH_PASSWORD.matcher(text.strip());
        if (m.matches()) {
            return m.group(1);
        }
        Matcher loose = URL_WITH_LOOSE_PASSWORD.matcher(text.strip());
        return loose.matches() ? loose.group(1) : null;
    }

    /** @param names the field names and list-item labels along the path (for a webhook header: category title, header name) */
    public static String derive(Provider provider, String targetName, List<String> names) {
        List<String> parts = new ArrayList<>();
        parts.add(provider.id());
        parts.add(targetName);
        parts.addAll(names);
        List<String> normalized = new ArrayList<>();
        for (String part : parts) {
            // the unknown target stays readable as a slot to fill in, the rest is made a variable name
            String n = UNKNOWN_TARGET.equals(part) ? part
                    : part.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
            if (!n.isEmpty()) {
                normalized.add(n);
            }
        }
        return String.join("_", normalized);
    }

    /**
     * The name of the project target whose {@code file} is this file, or null when no
     * {@code handoff.yaml} above it names it (or that file cannot be read: validate must not fail on it).
     */
    public static String targetOf(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path project = ProjectFile.locate(absolute.getParent() == null ? absolute : absolute.getParent());
        if (project == null) {
            return null;
        }
        try {
            for (Target t : ProjectFile.load(project).targets().values()) {
                Path targetFile = t.file().toAbsolutePath().normalize();
                if (targetFile.equals(absolute) || (Files.exists(targetFile) && Files.exists(absolute)
                        && Files.isSameFile(targetFile, absolute))) {
                    return t.name();
                }
            }
        } catch (RuntimeException | java.io.IOException e) {
            return null; // a broken project file is reported by the commands that need it
        }
        return null;
    }
}

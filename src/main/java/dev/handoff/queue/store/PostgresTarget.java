package dev.handoff.queue.store;

import dev.handoff.config.SecretNames;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL store lives, from {@code postgres://user@host:port/database?param=value}
 * (or {@code postgresql://}). The password never comes from the URL, so the URL can be logged.
 *
 * @param query JDBC driver parameters passed through as given (e.g. {@code sslmode=require}), or null
 */
public record PostgresTarget(String user, String host, int port, String database, String query) {

    /** The driver's parameters that hold a password; named in the refusal because they are the usual ones. */
    private static final Set<String> PASSWORD_PARAMETERS = Set.of("password", "sslpassword");

    private static final String USE_THE_VARIABLE =
            "remove it and put the password in the environment variable named by --db-password-env";

    /** A URL's scheme, or the JDBC form's {@code jdbc:subprotocol}: letters first, as URLs have it. */
    private static final Pattern SCHEME = Pattern.compile("(?i)(jdbc:[a-z][a-z0-9+.-]*|[a-z][a-z0-9+.-]*)://.*", Pattern.DOTALL);
    private static final Pattern JDBC_WITHOUT_SLASHES = Pattern.compile("(?i)(jdbc:[a-z][a-z0-9+.-]*):.*", Pattern.DOTALL);

    /** libpq's keyword/value connection string ({@code host=db1 dbname=handoff password=...}), which the inbox does not read. */
    private static final Pattern KEYWORD_VALUE = Pattern.compile("(?i)^\\s*(host|hostaddr|port|dbname|user|password|passfile|sslmode|service)"
            + "\\s*=.*|.*\\s(password|passfile)\\s*=.*", Pattern.DOTALL);
    private static final Pattern KEYWORD_PASSWORD = Pattern.compile("(?i)(password\\s*=\\s*)('[^']*'|\\S*)");
    /**
     * ADO.NET/Npgsql's {@code Server=db1;Database=handoff;User Id=inbox;Password=...}: taken as a SQLite path, it became a file
     * named with the password in the working folder (a git checkout). No file's path holds these.
     */
    private static final Pattern SEMICOLON_PAIRS = Pattern.compile("(?i)^\\s*(server|host|data source|database|initial catalog"
            + "|user id|userid|username|user|uid|password|pwd|port)\\s*=[^;]*;.*|.*;\\s*(password|pwd)\\s*=.*", Pattern.DOTALL);
    /** A password's value after its key, in any form a --db value may show it, for messages. */
    private static final Pattern ANY_PASSWORD_VALUE = Pattern.compile("(?i)((?:ssl)?password\\s*=\\s*|pwd\\s*=\\s*)([^;&,\\s]*)");

    /** A PostgreSQL scheme however mistyped after it: {@code postgres:/}, {@code postgresql:}, {@code jdbc:postgres:}. */
    private static final Pattern POSTGRES_START = Pattern.compile("(?i)(jdbc:)?postgres(ql)?\\b.*", Pattern.DOTALL);

    /**
     * A user name and a password before a host, with or without a scheme ({@code u:pw@host:1/db}): a
     * file's path has no such part, so the value is a URL with a password typed wrong.
     */
    private static final Pattern USER_AND_PASSWORD = Pattern.compile("[^/@\\s:]+:[^@\\s]*@[A-Za-z0-9.\\[\\]-]+(:\\d*)?(/.*)?",
            Pattern.DOTALL);

    /**
     * Where a malformed URL's user info starts: after a PostgreSQL scheme as typed and the slashes after it. No other
     * scheme: the "u:" of {@code u:p:w@host} would pass for one, and the masking would start at "p".
     */
    private static final Pattern SCHEME_AS_TYPED = Pattern.compile("(?i)^(jdbc:)?postgres(ql)?:/*");

    /** {@code postgres://}, {@code postgresql://} in any case, and {@code jdbc:postgresql://} ({@link #parse} maps it). */
    public static boolean looksLikeOne(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("postgres://") || lower.startsWith("postgresql://") || lower.startsWith("jdbc:postgresql://");
    }

    /**
     * The scheme of a {@code --db} value that is a URL but no PostgreSQL one ({@code mysql},
     * {@code sqlite}, {@code jdbc:mysql}), or null. Such a value would otherwise become a SQLite
     * file under the working directory, with the URL's password in its folder names.
     */
    public static String foreignScheme(String text) {
        if (looksLikeOne(text)) {
            return null;
        }
        Matcher m = SCHEME.matcher(text);
        if (m.matches()) {
            return m.group(1);
        }
        Matcher jdbc = JDBC_WITHOUT_SLASHES.matcher(text);
        return jdbc.matches() ? jdbc.group(1) : null;
    }

    /**
     * Whether a {@code --db} value is a PostgreSQL URL typed wrong ({@code postgres:/u:pw@host/db},
     * {@code postgres:u:pw@host/db}, {@code u:pw@host:1/db}): taken as a SQLite path, it was echoed
     * whole in the "folder does not exist" message, password included. A file named
     * {@code postgres.db} or {@code postgres_queue.db} is still a path.
     */
    public static boolean malformed(String text) {
        if (looksLikeOne(text)) {
            return false;
        }
        String scheme = foreignScheme(text);
        if (scheme != null && !scheme.toLowerCase(Locale.ROOT).matches("(jdbc:)?postgres(ql)?")) {
            return false; // another database's URL: refused naming its scheme alone (InboxDbMixin)
        }
        return (POSTGRES_START.matcher(text).matches() && (text.contains(":") || text.contains("@")))
                || USER_AND_PASSWORD.matcher(text).matches() || KEYWORD_VALUE.matcher(text).matches()
                || SEMICOLON_PAIRS.matcher(text).matches();
    }

    /**
     * A mistyped URL as a message may show it: the user info after the scheme masked, the user name
     * kept before a ':' ({@code postgres:/u:***@host/db}); the host and database stay, so the user
     * sees which value was meant.
     */
    public static String masked(String text) {
        if (KEYWORD_VALUE.matcher(text).matches()) {
            return KEYWORD_PASSWORD.matcher(text).replaceAll("$1***");
        }
        text = ANY_PASSWORD_VALUE.matcher(text).replaceAll("$1***");
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return text;
        }
        Matcher scheme = SCHEME_AS_TYPED.matcher(text);
        int start = scheme.find() ? scheme.end() : 0;
        if (start > at) {
            start = 0;
        }
        String userInfo = text.substring(start, at);
        int colon = userInfo.indexOf(':');
        return text.substring(0, start) + (colon > 0 ? userInfo.substring(0, colon) + ":***" : "***") + text.substring(at);
    }

    /** @throws IllegalArgumentException naming what is wrong, never echoing a password */
    public static PostgresTarget parse(String text) {
        if (text.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return parseJdbc(text.substring(5));
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL of the form postgres://user@host:port/database");
        }
        String rawUserInfo = uri.getRawUserInfo();
        if (rawUserInfo != null && rawUserInfo.contains(":")) {
            throw new IllegalArgumentException("the URL carries a password: " + USE_THE_VARIABLE);
        }
        String user = uri.getUserInfo();
        if (user != null && user.contains(":")) {
            // user%3Apassword: the driver never sees a password there, but the log line would show it decoded
            throw new IllegalArgumentException("the URL carries a password (an encoded ':' in the user name): "
                    + USE_THE_VARIABLE);
        }
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("no user: use postgres://user@host:port/database");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host: use postgres://user@host:port/database");
        }
        String path = uri.getPath();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("no database name: use postgres://user@host:port/database");
        }
        refuseParametersInName(path.substring(1));
        refuseSecretParameters(uri.getRawQuery());
        return new PostgresTarget(user, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path.substring(1),
                uri.getRawQuery());
    }

    /**
     * {@code jdbc:postgresql://host:port/database?user=NAME&...}, the driver's own form: the user
     * comes from its {@code user} parameter (the form has no user info), the other parameters go to
     * the driver as they would from a {@code postgres://} URL. Several hosts, or no user, have no
     * {@code postgres://} equivalent here and are refused with the form to use.
     */
    private static PostgresTarget parseJdbc(String rest) {
        String hint = "write it as postgres://user@host:port/database (the password in the variable named by --db-password-env)";
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("a jdbc:postgresql:// URL that cannot be read: " + hint);
        }
        String rawUserInfo = uri.getRawUserInfo();
        if (rawUserInfo != null && rawUserInfo.contains(":")) {
            throw new IllegalArgumentException("the URL carries a password: " + USE_THE_VARIABLE);
        }
        refuseSecretParameters(uri.getRawQuery());
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("a jdbc:postgresql:// URL without one host (several hosts, or none) "
                    + "cannot be used: " + hint);
        }
        String user = uri.getUserInfo();
        StringBuilder kept = new StringBuilder();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && decode(pair.substring(0, eq)).strip().equalsIgnoreCase("user")) {
                    user = decode(pair.substring(eq + 1));
                } else if (!pair.isEmpty()) {
                    kept.append(kept.length() > 0 ? "&" : "").append(pair);
                }
            }
        }
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("a jdbc:postgresql:// URL without user=: " + hint);
        }
        if (user.contains(":") || user.contains("@") || user.contains("/")) {
            throw new IllegalArgumentException("a jdbc:postgresql:// URL whose user= cannot be a user name: " + hint);
        }
        String path = uri.getPath();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("no database name: use postgres://user@host:port/database");
        }
        refuseParametersInName(path.substring(1));
        return new PostgresTarget(user, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path.substring(1),
                kept.length() == 0 ? null : kept.toString());
    }

    /**
     * {@code /handoff;password=...} (SQL Server's and some JDBC drivers' habit): the server took it all for the database's name
     * and echoed it, password included, in "database ... does not exist". No name of a real database holds ';'.
     */
    private static void refuseParametersInName(String database) {
        int semicolon = database.indexOf(';');
        if (semicolon < 0) {
            return;
        }
        refuseSecretParameters(database.substring(semicolon + 1).replace(';', '&'));
        throw new IllegalArgumentException("the database name holds ';': parameters go after '?', as in"
                + " postgres://user@host:port/database?sslmode=require");
    }

    /**
     * The driver takes {@code ?password=} (and {@code sslpassword=}, the client key's) from the URL,
     * which would put the password where logs and messages show it. Any parameter named like a
     * secret is refused the same way; only the usual names are repeated, since a made-up name could
     * be the secret itself.
     */
    private static void refuseSecretParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq)).strip();
            String lower = name.toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (value.matches("(?s).*[;,]\\s*[A-Za-z_ ]+\\s*=.*")) {
                // "?sslmode=disable;password=..." reached the driver as one value, which its error quoted whole
                String inner = value.replaceAll("(?s)^[^;,]*[;,]\\s*", "").replaceAll("(?s)\\s*=.*$", "").strip();
                if (PASSWORD_PARAMETERS.contains(inner.toLowerCase(Locale.ROOT)) || SecretNames.namesSecret(inner)
                        || inner.equalsIgnoreCase("pwd")) {
                    throw new IllegalArgumentException("the URL carries a password (after a ';' or ','): " + USE_THE_VARIABLE);
                }
                throw new IllegalArgumentException("a parameter's value holds ';' or ',' and another key=value: parameters are"
                        + " separated by '&', as in postgres://user@host:port/database?sslmode=require&connectTimeout=5");
            }
            if (PASSWORD_PARAMETERS.contains(lower)) {
                throw new IllegalArgumentException("the URL carries a password (parameter " + lower + "): " + USE_THE_VARIABLE);
            }
            if (SecretNames.namesSecret(name)) {
                throw new IllegalArgumentException("the URL carries a parameter named like a secret: " + USE_THE_VARIABLE
                        + " (a password), or leave the parameter out");
            }
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    String jdbcUrl() {
        String host = this.host.contains(":") && !this.host.startsWith("[") ? "[" + this.host + "]" : this.host;
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query == null ? "" : "?" + query);
    }

    /**
     * The URL for logs and messages: user, host, port and database. The driver parameters are left
     * out: one that held a secret is refused by {@link #parse}, but the log line is no place to find out.
     */
    public String display() {
        return "postgres://" + user + "@" + host + ":" + port + "/" + database;
    }
}

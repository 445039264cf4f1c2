package dev.handoff.queue.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a PostgreSQL store lives, from {@code postgres://user@host:port/database?param=value}
 * (or {@code postgresql://}). The password never comes from the URL, so the URL can be logged.
 *
 * @param query JDBC driver parameters passed through as given (e.g. {@code sslmode=require}), or null
 */
public record PostgresTarget(String user, String host, int port, String database, String query) {

    public static boolean looksLikeOne(String text) {
        return text.startsWith("postgres://") || text.startsWith("postgresql://");
    }

    /** @throws IllegalArgumentException naming what is wrong, never echoing a password */
    public static PostgresTarget parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL of the form postgres://user@host:port/database");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw new IllegalArgumentException("the URL carries a password: remove it and put the password in the "
                    + "environment variable named by --db-password-env");
        }
        if (userInfo == null || userInfo.isEmpty()) {
            throw new IllegalArgumentException("no user: use postgres://user@host:port/database");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host: use postgres://user@host:port/database");
        }
        String path = uri.getPath();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("no database name: use postgres://user@host:port/database");
        }
        return new PostgresTarget(URLDecoder.decode(userInfo, StandardCharsets.UTF_8), uri.getHost(),
                uri.getPort() < 0 ? 5432 : uri.getPort(), path.substring(1), uri.getRawQuery());
    }

    String jdbcUrl() {
        String host = this.host.contains(":") && !this.host.startsWith("[") ? "[" + this.host + "]" : this.host;
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query == null ? "" : "?" + query);
    }

    /** The URL without any secret, for logs and messages. */
    public String display() {
        return "postgres://" + user + "@" + host + ":" + port + "/" + database + (query == null ? "" : "?" + query);
    }
}

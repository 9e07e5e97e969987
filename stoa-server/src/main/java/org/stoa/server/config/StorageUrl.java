package org.stoa.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a PostgreSQL database is, written as libpq writes it:
 * {@code postgresql://user:password@host:port/database?sslmode=require}. The password is never
 * shown: {@link #toString()} and error messages print {@code ***} instead.
 */
public record StorageUrl(String host, int port, String database, Optional<String> user, Optional<String> password,
                         Optional<String> query) {

    private static final int DEFAULT_PORT = 5432;

    public static StorageUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI such as postgresql://stoa:secret@db.example:5432/stoa");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
            throw new IllegalArgumentException("expected postgresql://user:password@host:port/database");
        }
        if (uri.getRawAuthority() != null && uri.getHost() == null) {
            throw new IllegalArgumentException("the host is not a valid name or address (one host only)");
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost(); // an IPv6 address keeps its brackets
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("name the database after the host, e.g. postgresql://db.example/stoa");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon))).filter(u -> !u.isEmpty());
            if (colon >= 0) password = Optional.of(decode(userInfo.substring(colon + 1)));
        }
        return new StorageUrl(host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database, user, password,
                Optional.ofNullable(uri.getRawQuery()).filter(q -> !q.isEmpty()));
    }

    /** {@code text} with any password replaced by {@code ***}, for messages about a setting that failed to parse. */
    public static String redact(String text) {
        return text.replaceFirst("^([a-zA-Z]+://[^:/@]*:)[^@]*@", "$1***@");
    }

    /** The PostgreSQL JDBC driver's URL; the user and password are given to the driver apart. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + query.map(q -> "?" + q).orElse("");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String who = user.map(u -> u + password.map(p -> ":***").orElse("") + "@").orElse("");
        return "postgresql://" + who + host + ":" + port + "/" + database
                + query.map(q -> "?" + q).orElse("");
    }
}

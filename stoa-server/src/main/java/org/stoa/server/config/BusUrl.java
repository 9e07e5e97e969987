package org.stoa.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the cluster bus is: a Redis 7 or Valkey server, {@code redis://[:password@]host[:port]}. The
 * password is never shown: {@link #toString()} prints {@code ***} instead.
 */
public record BusUrl(String host, int port, Optional<String> password) {

    private static final int DEFAULT_PORT = 6379;

    public static BusUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI such as redis://bus.example:6379");
        }
        if (!"redis".equals(uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("expected redis://[:password@]host[:port]");
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("name the bus's host, e.g. redis://bus.example:6379");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("the bus needs no database number or path; give redis://host:port");
        }
        Optional<String> password = Optional.ofNullable(uri.getUserInfo())
                .map(u -> u.startsWith(":") ? u.substring(1) : u).filter(p -> !p.isEmpty());
        return new BusUrl(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), password);
    }

    @Override
    public String toString() {
        return "redis://" + (password.isPresent() ? ":***@" : "") + host + ":" + port;
    }
}

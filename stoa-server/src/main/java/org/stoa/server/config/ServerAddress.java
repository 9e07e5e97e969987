package org.stoa.server.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Stoa server is reached: a host name, an IPv4 address or a bracketed IPv6 address, and a
 * port unless it is 443 (https's own, left out so that both spellings are the same address); lower
 * case, as in {@code chat.example.org}, {@code 127.0.0.1:8080} or {@code [::1]:8080}. Nothing else:
 * no scheme, user, path or query.
 */
public record ServerAddress(String host, Integer port) {

    private static final Pattern ADDRESS = Pattern.compile(
            "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*|\\[[0-9a-f:.]{2,45}])(:([0-9]{1,5}))?");
    private static final int MAX_LENGTH = 253 + 6;

    public static Optional<ServerAddress> parse(String raw) {
        if (raw == null || raw.length() > MAX_LENGTH) return Optional.empty();
        Matcher m = ADDRESS.matcher(raw.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) return Optional.empty();
        Integer port = m.group(6) == null ? null : Integer.valueOf(m.group(6));
        if (port != null && (port < 1 || port > 65535)) return Optional.empty();
        return Optional.of(new ServerAddress(m.group(1), port != null && port == 443 ? null : port));
    }

    /** The host without IPv6 brackets, as a resolver takes it. */
    public String bareHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return port == null ? host : host + ":" + port;
    }
}

package org.stoa.server.cluster;

import org.stoa.server.accounts.Revocation;

/** Something a node may hold in memory that changed on another node; the wire form is one short line of text. */
public sealed interface ClusterChange {

    /** An entry of the named committed cache (a roster, an account's sanctions) changed. */
    record CacheEntry(String cache, String key) implements ClusterChange {
        public CacheEntry {
            if (cache.indexOf(' ') >= 0) throw new IllegalArgumentException("a cache name has no spaces: " + cache);
        }
    }

    /** Login sessions ended: streams, cached tokens and stream tickets of them let go. */
    record SessionsEnded(Revocation revocation) implements ClusterChange {}

    default String encode() {
        return switch (this) {
            case CacheEntry c -> "cache " + c.cache() + " " + c.key();
            case SessionsEnded(Revocation.Session s) -> "session " + s.accountId() + " " + s.sessionId();
            case SessionsEnded(Revocation.Account a) -> "account " + a.accountId() + " " + a.keptSessionId();
        };
    }

    /** The change {@code line} encodes; {@link IllegalArgumentException} for a line no node of this version writes. */
    static ClusterChange decode(String line) {
        String[] f = line.split(" ", 3);
        if (f.length != 3) throw new IllegalArgumentException("not a cluster change: " + line);
        try {
            return switch (f[0]) {
                case "cache" -> new CacheEntry(f[1], f[2]);
                case "session" -> new SessionsEnded(new Revocation.Session(Long.parseLong(f[1]), Long.parseLong(f[2])));
                case "account" -> new SessionsEnded(new Revocation.Account(Long.parseLong(f[1]), Long.parseLong(f[2])));
                default -> throw new IllegalArgumentException("not a cluster change: " + line);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cluster change: " + line, e);
        }
    }
}

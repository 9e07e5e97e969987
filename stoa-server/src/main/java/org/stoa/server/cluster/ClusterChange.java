package org.stoa.server.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.stoa.server.accounts.Revocation;

/** What one node tells the others besides "events up to N"; the wire form is one short line of text. */
public sealed interface ClusterChange {

    /** An entry of the named committed cache (a roster, an account's sanctions) changed. */
    record CacheEntry(String cache, String key) implements ClusterChange {
        public CacheEntry {
            if (cache.indexOf(' ') >= 0) throw new IllegalArgumentException("a cache name has no spaces: " + cache);
        }
    }

    /** Login sessions ended: streams, cached tokens and stream tickets of them let go. */
    record SessionsEnded(Revocation revocation) implements ClusterChange {}

    /** The channel log has entries up to {@code logSeq}: each node reads what it has not handed to its streams yet. */
    record ChannelLogged(long logSeq) implements ClusterChange {}

    /**
     * A frame that is in no log (typing, a read marker) for these accounts' streams wherever they
     * are connected: the one thing the bus carries that no node could read back, because it is worth
     * nothing a moment later.
     */
    record Transient(List<Long> accountIds, String frame) implements ClusterChange {
        public Transient {
            accountIds = List.copyOf(accountIds);
            if (accountIds.isEmpty()) throw new IllegalArgumentException("a transient frame goes to someone");
        }
    }

    default String encode() {
        return switch (this) {
            case CacheEntry c -> "cache " + c.cache() + " " + c.key();
            case SessionsEnded(Revocation.Session s) -> "session " + s.accountId() + " " + s.sessionId();
            case SessionsEnded(Revocation.Account a) -> "account " + a.accountId() + " " + a.keptSessionId();
            case ChannelLogged c -> "channels " + c.logSeq();
            case Transient t -> "transient " + t.accountIds().stream().map(String::valueOf).collect(Collectors.joining(","))
                    + " " + t.frame();
        };
    }

    /** The change {@code line} encodes; {@link IllegalArgumentException} for a line no node of this version writes. */
    static ClusterChange decode(String line) {
        String[] f = line.split(" ", 3);
        String kind = f[0] + "/" + f.length;
        try {
            return switch (kind) {
                case "cache/3" -> new CacheEntry(f[1], f[2]);
                case "session/3" -> new SessionsEnded(new Revocation.Session(Long.parseLong(f[1]), Long.parseLong(f[2])));
                case "account/3" -> new SessionsEnded(new Revocation.Account(Long.parseLong(f[1]), Long.parseLong(f[2])));
                case "channels/2" -> new ChannelLogged(Long.parseLong(f[1]));
                case "transient/3" -> new Transient(Arrays.stream(f[1].split(",")).map(Long::parseLong).toList(), f[2]);
                default -> throw new IllegalArgumentException("not a cluster change: " + line);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cluster change: " + line, e);
        }
    }
}

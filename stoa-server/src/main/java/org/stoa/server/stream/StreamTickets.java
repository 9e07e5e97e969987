package org.stoa.server.stream;

import java.util.Optional;
import org.stoa.server.accounts.Principal;
import org.stoa.server.accounts.Revocation;

/**
 * Single-use tickets that open a stream (browsers cannot put a token in a WebSocket's headers).
 * {@link LocalStreamTickets} for one server; {@link org.stoa.server.cluster.RedisStreamTickets}
 * when a ticket got from one node may be used on another.
 */
public interface StreamTickets {

    /** A new ticket for {@code principal}, good once until {@code expiresAtMillis}. */
    void put(String ticket, Principal principal, long expiresAtMillis);

    /** The ticket's principal if it is known and unexpired; a ticket works once. */
    Optional<Principal> take(String ticket);

    /** Unused tickets of sessions that just ended open nothing. */
    void revoke(Revocation revocation);
}

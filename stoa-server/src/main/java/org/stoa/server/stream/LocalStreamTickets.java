package org.stoa.server.stream;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.stoa.server.accounts.Principal;
import org.stoa.server.accounts.Revocation;

/** Stream tickets in this process's memory: right for a single server. */
public final class LocalStreamTickets implements StreamTickets {

    private record Ticket(Principal principal, long expiresAt) {}

    private final Clock clock;
    private final ConcurrentHashMap<String, Ticket> tickets = new ConcurrentHashMap<>();

    public LocalStreamTickets(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void put(String ticket, Principal principal, long expiresAtMillis) {
        long now = clock.millis();
        tickets.values().removeIf(t -> t.expiresAt() <= now);
        tickets.put(ticket, new Ticket(principal, expiresAtMillis));
    }

    @Override
    public Optional<Principal> take(String ticket) {
        Ticket t = tickets.remove(ticket);
        return t == null || t.expiresAt() <= clock.millis() ? Optional.empty() : Optional.of(t.principal());
    }

    @Override
    public void revoke(Revocation revocation) {
        tickets.values().removeIf(t -> revocation.covers(t.principal()));
    }
}

package org.stoa.server.stream;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.websocket.WsContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.ApiException;

/**
 * {@code GET /api/v1/stream}: the WebSocket of events. Clients authenticate with the usual
 * {@code Authorization} header or, since browsers cannot set headers on a WebSocket, with a
 * single-use ticket from {@code POST /api/v1/stream/tickets} in {@code ?ticket=} (valid 60 s),
 * which keeps the long-lived token out of URLs and logs.
 */
public final class StreamRoutes {

    private static final String PRINCIPAL = "stoa.stream.principal";
    private static final String SINCE = "stoa.stream.since";
    private static final String CONNECTION = "stoa.stream.connection";
    private static final long TICKET_TTL_MILLIS = 60_000;

    private record Ticket(Principal principal, long expiresAt) {}

    record TicketView(String ticket, Instant expiresAt) {}

    private final Authenticator auth;
    private final EventLog events;
    private final StreamHub hub;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Ticket> tickets = new ConcurrentHashMap<>();

    public StreamRoutes(Authenticator auth, EventLog events, StreamHub hub, Clock clock) {
        this.auth = auth;
        this.events = events;
        this.hub = hub;
        this.clock = clock;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/stream/tickets", ctx -> {
            Principal p = auth.require(ctx);
            long now = clock.millis();
            tickets.values().removeIf(t -> t.expiresAt() <= now);
            byte[] raw = new byte[24];
            random.nextBytes(raw);
            String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            tickets.put(ticket, new Ticket(p, now + TICKET_TTL_MILLIS));
            ctx.status(201).json(new TicketView(ticket, Instant.ofEpochMilli(now + TICKET_TTL_MILLIS)));
        });
        routes.get("/api/v1/stream", ctx -> {
            throw new ApiException(426, "upgrade_required", "this endpoint is a WebSocket; connect with ws:// or wss://");
        });
        routes.wsBeforeUpgrade("/api/v1/stream", this::authorizeUpgrade);
        routes.ws("/api/v1/stream", ws -> {
            ws.onConnect(ctx -> {
                ctx.enableAutomaticPings();
                Principal p = ctx.attribute(PRINCIPAL);
                StreamConnection c = new StreamConnection(p.accountId(), ctx.attribute(SINCE), ctx.session, events);
                ctx.attribute(CONNECTION, c);
                hub.register(c);
                Thread.ofVirtual().name("stream-" + p.accountId()).start(c::run);
            });
            ws.onClose(ctx -> end(ctx));
            ws.onError(ctx -> end(ctx));
            ws.onMessage(ctx -> ctx.send("{\"type\":\"stream.error\",\"detail\":\"the stream only sends; use the HTTP API to act\"}"));
        });
    }

    private void end(WsContext ctx) {
        StreamConnection c = ctx.attribute(CONNECTION);
        if (c != null) {
            c.stop();
            hub.unregister(c);
        }
    }

    private void authorizeUpgrade(Context ctx) {
        Principal p;
        String ticket = ctx.queryParam("ticket");
        if (ticket != null) {
            Ticket t = tickets.remove(ticket);
            if (t == null || t.expiresAt() <= clock.millis()) {
                throw ApiException.unauthorized("the stream ticket is unknown, used or expired; get a new one from POST /api/v1/stream/tickets");
            }
            p = t.principal();
        } else {
            p = auth.require(ctx);
        }
        String sinceParam = ctx.queryParam("since");
        Long since = null;
        if (sinceParam != null) {
            try {
                since = Long.parseLong(sinceParam);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid_since", "since must be the eventSeq of the last event received (a whole number)");
            }
            long latest = events.latestSeq(p.accountId());
            if (since < 0 || since > latest) {
                throw ApiException.badRequest("invalid_since",
                        "since=" + since + " is outside this account's stream (0 to " + latest + "); reconnect without since and reload");
            }
        }
        ctx.attribute(PRINCIPAL, p);
        ctx.attribute(SINCE, since);
    }
}

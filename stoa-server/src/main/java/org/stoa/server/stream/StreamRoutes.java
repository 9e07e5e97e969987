package org.stoa.server.stream;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.websocket.WsContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.ApiException;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.LimitStore;
import org.stoa.server.limits.Limits;

/**
 * {@code GET /api/v1/stream}: the WebSocket of events. Clients authenticate with the usual
 * {@code Authorization} header or, since browsers cannot set headers on a WebSocket, with a
 * single-use ticket from {@code POST /api/v1/stream/tickets} in {@code ?ticket=} (valid 60 s),
 * which keeps the long-lived token out of URLs and logs.
 */
public final class StreamRoutes {

    private static final String PRINCIPAL = "stoa.stream.principal";
    private static final String SINCE = "stoa.stream.since";
    private static final String CHANNEL_SINCE = "stoa.stream.channelSince";
    private static final String CONNECTION = "stoa.stream.connection";
    private static final String ADDRESS = "stoa.stream.address";
    private static final String SLOTS = "stoa.stream.slots";
    private static final String INBOX = "stoa.stream.inbox";
    /**
     * Jetty reads a text frame up to this size; frames over {@link StreamInbox#MAX_FRAME_BYTES} but
     * under it get a {@code stream.error} (413), larger ones close the stream (1009, too big).
     */
    private static final int MAX_TEXT_MESSAGE_BYTES = 4 * StreamInbox.MAX_FRAME_BYTES;
    /** Close code for a stream over its limits, opened in a race with another: try again later. */
    private static final int TRY_AGAIN_LATER = 1013;
    private static final long TICKET_TTL_MILLIS = 60_000;


    record TicketView(String ticket, Instant expiresAt) {}

    private final Authenticator auth;
    private final EventLog events;
    private final StreamHub hub;
    private final ChannelFeed channels;
    private final Clock clock;
    private final Limits limits;
    private final SecureRandom random = new SecureRandom();
    private final StreamTickets tickets;
    private final StreamRequests requests;

    public StreamRoutes(Authenticator auth, EventLog events, StreamHub hub, StreamTickets tickets, ChannelFeed channels, Clock clock,
                        Limits limits, StreamRequests requests) {
        this.requests = requests;
        this.tickets = tickets;
        this.limits = limits;
        this.channels = channels;
        this.auth = auth;
        this.events = events;
        this.hub = hub;
        this.clock = clock;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/stream/tickets", ctx -> {
            Principal p = auth.require(ctx);
            since(ctx, p); // a browser learns here, where it can read the answer, that it must reload
            channelSince(ctx);
            limits.acquire(Limit.STREAM_TICKETS, p.accountId());
            long now = clock.millis();
            byte[] raw = new byte[24];
            random.nextBytes(raw);
            String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            tickets.put(ticket, p, now + TICKET_TTL_MILLIS);
            ctx.status(201).json(new TicketView(ticket, Instant.ofEpochMilli(now + TICKET_TTL_MILLIS)));
        });
        routes.get("/api/v1/stream", ctx -> {
            throw new ApiException(426, "upgrade_required", "this endpoint is a WebSocket; connect with ws:// or wss://");
        });
        routes.wsBeforeUpgrade("/api/v1/stream", this::authorizeUpgrade);
        routes.ws("/api/v1/stream", ws -> {
            ws.onConnect(ctx -> {
                Principal p = ctx.attribute(PRINCIPAL);
                Optional<LimitStore.Slot> perAccount = limits.open(Limit.STREAMS_PER_ACCOUNT, p.accountId());
                Optional<LimitStore.Slot> perAddress = limits.open(Limit.STREAMS_PER_ADDRESS, ctx.attribute(ADDRESS));
                if (perAccount.isEmpty() || perAddress.isEmpty()) {
                    perAccount.ifPresent(LimitStore.Slot::close);
                    perAddress.ifPresent(LimitStore.Slot::close);
                    ctx.closeSession(TRY_AGAIN_LATER, "too many open streams; close one and try again");
                    return;
                }
                ctx.attribute(SLOTS, List.of(perAccount.get(), perAddress.get()));
                ctx.enableAutomaticPings();
                ctx.session.setMaxTextMessageSize(MAX_TEXT_MESSAGE_BYTES);
                StreamConnection c = new StreamConnection(p, ctx.attribute(SINCE), ctx.attribute(CHANNEL_SINCE), ctx.session, events,
                        channels);
                ctx.attribute(CONNECTION, c);
                ctx.attribute(INBOX, new StreamInbox(p, requests, auth::isLive, c::reply, clock));
                hub.register(c);
                // A session revoked between the upgrade and the registration just above was not seen by the hub.
                if (!auth.isLive(p)) {
                    c.close(StreamConnection.SESSION_ENDED, "the login session ended; log in again");
                    return;
                }
                Thread.ofVirtual().name("stream-" + p.accountId()).start(c::run);
            });
            ws.onClose(ctx -> end(ctx));
            ws.onError(ctx -> end(ctx));
            // On Jetty's thread: the inbox only queues the frame; the send is answered on a thread of its own.
            ws.onMessage(ctx -> {
                StreamInbox inbox = ctx.attribute(INBOX);
                if (inbox != null) inbox.received(ctx.message());
            });
            ws.onBinaryMessage(ctx -> {
                StreamConnection c = ctx.attribute(CONNECTION);
                if (c != null) c.reply(ReplyFrames.error(new ApiException(415, "binary_frame",
                        "the stream reads text frames of JSON, as {\"type\":\"message.send\",...}")));
            });
        });
    }

    private void end(WsContext ctx) {
        StreamConnection c = ctx.attribute(CONNECTION);
        if (c != null) {
            c.stop();
            hub.unregister(c);
        }
        List<LimitStore.Slot> slots = ctx.attribute(SLOTS);
        if (slots != null) slots.forEach(LimitStore.Slot::close);
    }

    /**
     * The {@code since} a client resumes from, if it gave one: within its stream, and not older
     * than what is kept ({@code 410 since_too_old}: reload, then connect without it).
     */
    private Long since(Context ctx, Principal p) {
        String sinceParam = ctx.queryParam("since");
        if (sinceParam == null) return null;
        long since;
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
        long firstKept = events.firstKeptSeq(p.accountId());
        if (since + 1 < firstKept) {
            throw new ApiException(410, "since_too_old", "the events after " + since + " are no longer kept (the oldest kept is "
                    + firstKept + "); reload your conversations and contacts, then connect without since",
                    Map.of("firstKeptEventSeq", firstKept));
        }
        return since;
    }

    /** The channel log position a client resumes followed channels from ({@code channelSince=}), if it gave one. */
    private Long channelSince(Context ctx) {
        String raw = ctx.queryParam("channelSince");
        if (raw == null) return null;
        long latest = channels.latest();
        try {
            long v = Long.parseLong(raw);
            if (v >= 0 && v <= latest) return v;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_channel_since",
                "channelSince must be the channelSeq of the last channel entry received, 0 to " + latest);
    }

    private void authorizeUpgrade(Context ctx) {
        Principal p;
        String ticket = ctx.queryParam("ticket");
        if (ticket != null) {
            p = tickets.take(ticket).filter(auth::isLive).orElseThrow(() -> ApiException.unauthorized(
                    "the stream ticket is unknown, used or expired; get a new one from POST /api/v1/stream/tickets"));
        } else {
            p = auth.require(ctx);
        }
        // Checked here for a clear 429; taken on connect, where a slot is surely released on close.
        limits.checkRoom(Limit.STREAMS_PER_ACCOUNT, p.accountId());
        limits.checkRoom(Limit.STREAMS_PER_ADDRESS, ctx.ip());
        Long since = since(ctx, p);
        ctx.attribute(PRINCIPAL, p);
        ctx.attribute(SINCE, since);
        ctx.attribute(CHANNEL_SINCE, channelSince(ctx));
        ctx.attribute(ADDRESS, ctx.ip());
    }
}

package org.stoa.server.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.server.accounts.Principal;

/**
 * One client's stream. It subscribes to live events first, then replays stored events after
 * {@code since}, then sends live ones, skipping any already replayed: so nothing committed is
 * missed and nothing is sent twice, however replay and live delivery overlap. Runs on its own
 * virtual thread, so a slow client holds up only itself.
 */
final class StreamConnection {

    private static final Logger log = LoggerFactory.getLogger(StreamConnection.class);
    private static final int REPLAY_PAGE = 500;
    private static final int LIVE_BUFFER = 10_000;
    private static final int MAX_BATCH = 256;
    /** Close code for a client that fell too far behind: reconnect with since= and catch up. */
    static final int FELL_BEHIND = 4008;

    private final Principal principal;
    private final Long since;
    private final Long channelSince;
    private final Session session;
    private final EventLog events;
    private final ChannelFeed channels;
    private final BlockingQueue<Outbound> live = new ArrayBlockingQueue<>(LIVE_BUFFER);
    private static final StreamEvent STOP = new StreamEvent(0, Long.MAX_VALUE, EventType.MESSAGE_CREATED, "null");
    private volatile boolean stopped;

    /** Close code for a resume whose events were pruned meanwhile (as HTTP's 410 since_too_old). */
    static final int SINCE_TOO_OLD = 4410;
    /** Close code for a stream whose login session ended (logout, password change, an admin, a ban). */
    static final int SESSION_ENDED = 4001;

    StreamConnection(Principal principal, Long since, Long channelSince, Session session, EventLog eventLog, ChannelFeed channels) {
        this.principal = principal;
        this.since = since;
        this.channelSince = channelSince;
        this.session = session;
        this.events = eventLog;
        this.channels = channels;
    }

    long accountId() {
        return principal.accountId();
    }

    Principal principal() {
        return principal;
    }

    void offer(Outbound e) {
        if (stopped) return;
        if (!live.offer(e)) {
            close(FELL_BEHIND, "too many undelivered events; reconnect with since=<last eventSeq>");
        }
    }

    /** Sends the backlog, then live events, until the connection ends. */
    void run() {
        try {
            long last;
            if (since == null) {
                last = events.latestSeq(accountId());
            } else {
                last = since;
                for (List<StreamEvent> page; !(page = events.read(accountId(), last, REPLAY_PAGE)).isEmpty() && !stopped; ) {
                    if (page.getFirst().eventSeq() != last + 1) {
                        // Pruned between the upgrade's check and now: the client must reload, not skip.
                        close(SINCE_TOO_OLD, "events after since are no longer kept; reload and connect without since");
                        return;
                    }
                    Callback.Completable lastSent = null;
                    for (StreamEvent e : page) {
                        lastSent = sendAsync(e.frame());
                        last = e.eventSeq();
                    }
                    lastSent.get();
                }
            }
            long lastChannel = replayChannels();
            send("{\"type\":\"stream.ready\",\"lastEventSeq\":" + last + ",\"lastChannelSeq\":" + lastChannel + "}");
            List<Outbound> batch = new ArrayList<>();
            while (!stopped) {
                batch.add(live.take());
                live.drainTo(batch, MAX_BATCH - 1);
                // Queue the whole batch before waiting: Jetty gathers queued frames into one write.
                Callback.Completable lastSent = null;
                for (Outbound o : batch) {
                    if (o == STOP) {
                        stopped = true;
                        break;
                    }
                    if (o instanceof ChannelFrame c) {
                        if (c.logSeq() <= lastChannel) continue; // replayed already
                        lastSent = sendAsync(c.frame());
                        lastChannel = c.logSeq();
                        continue;
                    }
                    StreamEvent e = (StreamEvent) o;
                    if (e.eventSeq() <= last) continue;
                    lastSent = sendAsync(e.frame());
                    last = e.eventSeq();
                }
                batch.clear();
                if (lastSent != null) lastSent.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.debug("stream of account {} ended: {}", accountId(), e.toString()); // the client went away
            close(1011, "stream error; reconnect with since=<last eventSeq>");
        } catch (RuntimeException e) {
            log.warn("stream of account {} failed", accountId(), e);
            close(1011, "stream error; reconnect with since=<last eventSeq>");
        }
    }

    /**
     * Sends the entries of followed channels after {@code channelSince} (none without it: the client
     * loads channels afresh) and answers the log position live entries continue from.
     */
    private long replayChannels() throws InterruptedException, ExecutionException {
        if (channelSince == null) return channels.latest();
        long last = channelSince;
        for (List<ChannelFrame> page; !(page = channels.after(accountId(), last, REPLAY_PAGE)).isEmpty() && !stopped; ) {
            Callback.Completable lastSent = null;
            for (ChannelFrame c : page) {
                lastSent = sendAsync(c.frame());
                last = c.logSeq();
            }
            lastSent.get();
        }
        return last;
    }

    private void send(String frame) throws InterruptedException, ExecutionException {
        sendAsync(frame).get();
    }

    private Callback.Completable sendAsync(String frame) {
        Callback.Completable done = new Callback.Completable();
        session.sendText(frame, done);
        return done;
    }

    void stop() {
        stopped = true;
        live.clear();
        live.offer(STOP);
    }

    void close(int code, String reason) {
        stop();
        if (session.isOpen()) session.close(code, reason, Callback.NOOP);
    }
}

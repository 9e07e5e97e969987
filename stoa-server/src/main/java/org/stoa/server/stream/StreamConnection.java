package org.stoa.server.stream;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.server.accounts.Principal;

/**
 * One client's stream, sent strictly in eventSeq order from the account's event log. The hub rings
 * it with "events up to N exist" and, when the events committed on this node, hands them over; the
 * connection sends a handed event only if it is the next one, and reads anything else from the log.
 * One loop covers resuming with {@code since}, live delivery, rings from other nodes that arrive
 * before the events they announce reach this node, and a client too slow for the handed queue:
 * nothing committed is missed and nothing is sent twice. Runs on its own virtual thread, so a slow
 * client holds up only itself.
 */
final class StreamConnection {

    private static final Logger log = LoggerFactory.getLogger(StreamConnection.class);
    private static final int LOG_PAGE = 500;
    private static final int HANDED_MAX = 10_000;
    private static final int MAX_BATCH = 256;
    /** Wakes the loop to read the log up to {@link #rungUpTo}. */
    private static final StreamEvent BELL = new StreamEvent(0, 0, EventType.MESSAGE_CREATED, "null");
    private static final StreamEvent STOP = new StreamEvent(0, Long.MAX_VALUE, EventType.MESSAGE_CREATED, "null");

    /** Close code for a resume whose events were pruned meanwhile (as HTTP's 410 since_too_old). */
    static final int SINCE_TOO_OLD = 4410;
    /** Close code for a stream whose login session ended (logout, password change, an admin, a ban). */
    static final int SESSION_ENDED = 4001;

    private final Principal principal;
    private final Long since;
    private final Long channelSince;
    private final Session session;
    /** Jetty's own session under {@link #session}: it takes a frame's payload as bytes already encoded. */
    private final CoreSession frames;
    private final EventLog events;
    private final ChannelFeed channels;
    /**
     * Events committed on this node, handed over so they need not be read back, entries of followed
     * channels and transient frames; full means "read the log" (the account's, or the channel log up to {@link #channelRungUpTo}).
     */
    private final BlockingQueue<Outbound> handed = new ArrayBlockingQueue<>(HANDED_MAX);
    private final AtomicLong rungUpTo = new AtomicLong();
    /** Answers to the client's own frames (acknowledgements): never dropped, sent after the batch they wait behind. */
    private final Queue<String> replies = new ConcurrentLinkedQueue<>();
    private final AtomicInteger repliesWaiting = new AtomicInteger();
    /** Answers waiting to be written: more means a client that sends and does not read. */
    private static final int MAX_REPLIES = 1_000;
    /** Close code for a client that does not read the answers to what it sends. */
    static final int POLICY_VIOLATION = 1008;
    /** A channel entry did not fit in the queue: the next ones are read from the channel log, in order. */
    private final java.util.concurrent.atomic.AtomicBoolean channelGap = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean stopped;

    StreamConnection(Principal principal, Long since, Long channelSince, Session session, EventLog eventLog, ChannelFeed channels) {
        this.principal = principal;
        this.since = since;
        this.channelSince = channelSince;
        this.session = session;
        this.frames = ((WebSocketSession) session).getCoreSession();
        this.events = eventLog;
        this.channels = channels;
    }

    /** An entry of a channel the account follows (its frame shared by every subscriber); if the queue is full, read from the log. */
    void offer(ChannelFrame frame) {
        if (stopped) return;
        if (!handed.offer(frame)) {
            channelGap.set(true);
            handed.offer(BELL);
        }
    }

    long accountId() {
        return principal.accountId();
    }

    Principal principal() {
        return principal;
    }

    /**
     * Queues a frame that is in no log (typing, say): sent in turn with handed events, never
     * replayed, and dropped when the queue is full.
     */
    void offerTransient(String frame) {
        if (!stopped) handed.offer(new TransientFrame(frame));
    }

    /**
     * Queues the answer to a frame the client sent; it goes out from this stream's own thread, the
     * one that writes every frame, after the events handed before it (so a send's acknowledgement
     * follows its own {@code message.created} on this stream).
     */
    void reply(String frame) {
        if (stopped) return;
        if (repliesWaiting.incrementAndGet() > MAX_REPLIES) {
            close(POLICY_VIOLATION, "too many answers waiting: read the stream's frames before sending more");
            return;
        }
        replies.add(frame);
        handed.offer(BELL); // a full queue is being drained, and the replies after it
    }

    /** Events up to {@code upToSeq} exist; {@code committedHere} are some of them, in order (may be empty). */
    void ring(long upToSeq, List<StreamEvent> committedHere) {
        if (stopped) return;
        long before = rungUpTo.getAndAccumulate(upToSeq, Math::max);
        boolean handedAny = false;
        for (StreamEvent e : committedHere) {
            if (!handed.offer(e)) break; // the rest is read from the log
            handedAny = true;
        }
        if (!handedAny && upToSeq > before) handed.offer(BELL);
    }

    /** Sends the backlog after {@code since}, then each new event, until the connection ends. */
    void run() {
        try {
            long latest = events.latestSeq(accountId());
            long last = since == null ? latest : sendFromLog(since, latest);
            if (stopped) return;
            long lastChannel = channelSince == null ? channels.latest() : sendChannelsFromLog(channelSince);
            send("{\"type\":\"stream.ready\",\"lastEventSeq\":" + last + ",\"lastChannelSeq\":" + lastChannel + "}");
            List<Outbound> batch = new ArrayList<>();
            while (!stopped) {
                batch.add(handed.take());
                handed.drainTo(batch, MAX_BATCH - 1);
                // Queue the whole batch, and the answers after it, then write them at once: one
                // system call for all the frames that fit Jetty's buffer instead of one a frame.
                boolean queued = false;
                for (Outbound o : batch) {
                    if (o == STOP) {
                        stopped = true;
                        break;
                    }
                    if (o instanceof TransientFrame t) {
                        queue(t.frame());
                        queued = true;
                        continue;
                    }
                    if (o instanceof ChannelFrame c) {
                        if (c.logSeq() <= lastChannel || channelGap.get()) continue; // sent, or to be read from the log
                        queue(c.frame());
                        queued = true;
                        lastChannel = c.logSeq();
                        continue;
                    }
                    StreamEvent e = (StreamEvent) o;
                    if (e == BELL || e.eventSeq() <= last) continue;
                    if (e.eventSeq() > last + 1) {
                        last = sendFromLog(last, e.eventSeq() - 1);
                        // Read with the gap (the log gives whole pages), or not readable yet: the next ring reads it.
                        if (e.eventSeq() != last + 1) continue;
                    }
                    queue(e.frame());
                    queued = true;
                    last = e.eventSeq();
                }
                batch.clear();
                // The answers are taken before the look at what was rung: each was added after its
                // message's ring, so the log read up to rungUpTo then holds every event an answer
                // follows. Looking first, a ring and its answer could both come in between, and the
                // answer go out before its message.created.
                List<String> answers = takeReplies();
                if (!stopped && rungUpTo.get() > last) last = sendFromLog(last, rungUpTo.get());
                if (!stopped && channelGap.getAndSet(false)) lastChannel = sendChannelsFromLog(lastChannel);
                for (String r : answers) {
                    if (stopped) break;
                    queue(r);
                    queued = true;
                }
                if (queued) flush();
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

    /** The answers waiting now, in order (most loops have none). */
    private List<String> takeReplies() {
        String first = replies.poll();
        if (first == null) return List.of();
        repliesWaiting.decrementAndGet();
        List<String> taken = new ArrayList<>();
        taken.add(first);
        for (String r; (r = replies.poll()) != null; ) {
            repliesWaiting.decrementAndGet();
            taken.add(r);
        }
        return taken;
    }

    /** Sends the logged events after {@code last} up to at least {@code upTo} (if they are there); returns the new last. */
    private long sendFromLog(long last, long upTo) throws InterruptedException, ExecutionException {
        while (last < upTo && !stopped) {
            List<StreamEvent> page = events.read(accountId(), last, LOG_PAGE);
            if (page.isEmpty()) return last;
            if (page.getFirst().eventSeq() != last + 1) {
                // Pruned between the upgrade's check and now: the client must reload, not skip.
                close(SINCE_TOO_OLD, "events after since are no longer kept; reload and connect without since");
                return last;
            }
            for (StreamEvent e : page) {
                queue(e.frame());
                last = e.eventSeq();
            }
            flush();
        }
        return last;
    }

    /** Sends the entries of followed channels after {@code last} from the channel log; returns the new last. */
    private long sendChannelsFromLog(long last) throws InterruptedException, ExecutionException {
        for (List<ChannelFrame> page; !stopped && !(page = channels.after(accountId(), last, LOG_PAGE)).isEmpty(); ) {
            for (ChannelFrame c : page) {
                queue(c.frame());
                last = c.logSeq();
            }
            flush();
        }
        return last;
    }

    private void send(String frame) throws InterruptedException, ExecutionException {
        queue(frame);
        flush();
    }

    /**
     * Queues a frame in Jetty's batch, to be written by the next {@link #flush()} with the frames
     * queued before and after it (a frame too large for the batch is written at once, with the
     * batch before it).
     */
    private void queue(String frame) {
        frames.sendFrame(new Frame(OpCode.TEXT, frame), Callback.NOOP, true);
    }

    /** Queues a frame already encoded as UTF-8 (an event's, see {@link StreamEvent#frame()}); as {@link #queue(String)}. */
    private void queue(ByteBuffer frame) {
        frames.sendFrame(new Frame(OpCode.TEXT, frame), Callback.NOOP, true);
    }

    /** Writes what is queued and waits until it is written: a client that reads slowly holds up only its own stream. */
    private void flush() throws InterruptedException, ExecutionException {
        Callback.Completable done = new Callback.Completable();
        frames.flush(done);
        done.get();
    }

    void stop() {
        stopped = true;
        handed.clear();
        handed.offer(STOP);
    }

    void close(int code, String reason) {
        stop();
        if (session.isOpen()) session.close(code, reason, org.eclipse.jetty.websocket.api.Callback.NOOP);
    }
}

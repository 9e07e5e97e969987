package org.stoa.server.channels;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.server.http.Json;
import org.stoa.server.search.DocumentKind;
import org.stoa.server.search.SearchTerms;
import org.stoa.server.storage.Tx;
import org.stoa.server.stream.ChannelFeed;
import org.stoa.server.stream.ChannelFrame;
import org.stoa.server.stream.EventType;
import org.stoa.server.stream.StreamHub;

/**
 * The channel log: each post or notice is stored once, with its channel's next {@code seq} and the
 * next position in the log of all channels. Subscribers' streams read it: a reconnecting stream from
 * its {@code channelSince=} position ({@link #after}), a live one through the hub, which gets one
 * frame per entry, encoded once, from a single fan-out thread that takes entries in commit order (so
 * a stream that skips positions it has sent never skips one it has not).
 */
public final class ChannelLog implements ChannelFeed, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChannelLog.class);
    private static final int ONLINE_BATCH = 500;
    private static final int TAIL_PAGE = 500;

    private final ChannelStore store;
    private final StreamHub hub;
    private final SearchTerms terms;
    private final ExecutorService fanOut = Executors.newSingleThreadExecutor(r -> new Thread(r, "channel-fan-out"));
    private final Timer fanOutTime;
    private final AtomicBoolean tailPending = new AtomicBoolean();
    /** On a cluster: the last log position handed to this node's streams (only the fan-out thread moves it). */
    private long handedUpTo;

    ChannelLog(ChannelStore store, StreamHub hub, SearchTerms terms, MeterRegistry metrics) {
        this.store = store;
        this.hub = hub;
        this.terms = terms;
        this.handedUpTo = hub.clustered() ? latest() : 0;
        this.fanOutTime = Timer.builder(ChannelLog.class.getName() + ".fanOut")
                .description("time to put one channel entry on every online subscriber's stream").register(metrics);
    }

    /** Appends a notice in {@code tx}; subscribers online get it after commit. */
    ChannelPost notice(Tx tx, long channelId, Restriction notice) {
        return append(tx, channelId, ChannelPost.NOTICE, null, null, null, null, notice);
    }

    /**
     * Appends a post by {@code authorId} (its text, an image, or both) in {@code tx}, indexed for search;
     * subscribers online get it after commit.
     */
    ChannelPost post(Tx tx, long channelId, long authorId, String clientId, String text, String mediaId) {
        ChannelPost post = append(tx, channelId, ChannelPost.POST, authorId, clientId, text, mediaId, null);
        terms.add(tx.handle(), DocumentKind.CHANNEL_POST, channelId, post.id(), text);
        return post;
    }

    /**
     * Stores a post the review held for a moderator: nobody but its author sees it, so it has no place
     * in the channel or the log yet (negative placeholders, unique as the log position they take) and is
     * not indexed for search until {@link #release}.
     */
    ChannelPost hold(Tx tx, long channelId, long authorId, String clientId, String text, String mediaId) {
        long placeholder = -store.nextLogSeq(tx);
        long id = store.insertEntry(tx, channelId, placeholder, placeholder, ChannelPost.POST, authorId, clientId, text, mediaId, null,
                ChannelPost.HELD);
        return store.post(tx.handle(), id).orElseThrow();
    }

    /** A held post goes out after a moderator's review: at the end of the channel, indexed, to subscribers online. */
    ChannelPost release(Tx tx, ChannelPost held) {
        store.release(tx, held.id(), store.nextSeq(tx, held.channelId()), store.nextLogSeq(tx));
        terms.add(tx.handle(), DocumentKind.CHANNEL_POST, held.channelId(), held.id(), held.text());
        return published(tx, held.channelId(), held.id());
    }

    /** Takes a removed post out of search (in the moderator's transaction). */
    void unindex(Handle h, ChannelPost post) {
        terms.remove(h, DocumentKind.CHANNEL_POST, post.channelId(), post.id(), post.text());
    }

    private ChannelPost append(Tx tx, long channelId, String kind, Long authorId, String clientId, String text, String mediaId,
                               Restriction notice) {
        long logSeq = store.nextLogSeq(tx);
        long seq = store.nextSeq(tx, channelId);
        long id = store.insertEntry(tx, channelId, seq, logSeq, kind, authorId, clientId, text, mediaId, notice, ChannelPost.DELIVERED);
        return published(tx, channelId, id);
    }

    private ChannelPost published(Tx tx, long channelId, long id) {
        ChannelPost entry = store.post(tx.handle(), id).orElseThrow();
        ChannelFrame frame = frame(entry);
        tx.afterCommit(() -> {
            if (hub.clustered()) {
                hub.channelLogged(entry.channelSeq());
                rung();
            } else {
                fanOut.execute(() -> deliver(channelId, frame));
            }
        });
        return entry;
    }

    /**
     * On a cluster, where other nodes append too, the fan-out reads the log from the last position it
     * handed out, after this node's commits and on each ring from the others or the poller: entries
     * then reach the streams in log order whichever node wrote them (writers take turns, so an entry
     * is committed before any later one). Rings while a read is pending fold into it.
     */
    @Override
    public void rung() {
        if (tailPending.compareAndSet(false, true)) fanOut.execute(this::handTail);
    }

    private void handTail() {
        tailPending.set(false);
        try {
            for (List<ChannelPost> page; !(page = store.reads().withHandle(h -> store.logAfter(h, handedUpTo, TAIL_PAGE))).isEmpty(); ) {
                for (ChannelPost entry : page) {
                    deliver(entry.channelId(), frame(entry));
                    handedUpTo = entry.channelSeq();
                }
            }
        } catch (RuntimeException e) {
            // The next ring or the poller reads on from the same place; streams resuming read the log themselves.
            log.warn("reading the channel log after {} failed", handedUpTo, e);
        }
    }

    /**
     * Reaches the subscribers online: by their accounts when fewer are online than follow the channel
     * (a few indexed look-ups), otherwise by reading the subscribers. An account connecting meanwhile
     * reads the entry from the log when it resumes, or starts after it.
     */
    private void deliver(long channelId, ChannelFrame frame) {
        Set<Long> online = hub.connectedAccounts();
        if (online.isEmpty()) return;
        long start = System.nanoTime();
        try {
            if (online.size() < store.subscriberCount(channelId)) {
                List<Long> batch = new ArrayList<>(ONLINE_BATCH);
                for (long account : online) {
                    batch.add(account);
                    if (batch.size() == ONLINE_BATCH) {
                        publish(channelId, frame, batch);
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) publish(channelId, frame, batch);
            } else {
                store.forEachSubscriber(channelId, frame.logSeq(), account -> hub.publishChannel(account, frame));
            }
        } catch (RuntimeException e) {
            // Subscribers missing it live get it when they resume with channelSince=.
            log.warn("live delivery of channel {} entry {} failed", channelId, frame.logSeq(), e);
        }
        fanOutTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private void publish(long channelId, ChannelFrame frame, List<Long> accounts) {
        for (long account : store.subscribersAmong(channelId, frame.logSeq(), accounts)) hub.publishChannel(account, frame);
    }

    private static ChannelFrame frame(ChannelPost entry) {
        EventType type = ChannelPost.NOTICE.equals(entry.kind()) ? EventType.CHANNEL_NOTICE : EventType.CHANNEL_POST;
        return ChannelFrame.of(entry.channelSeq(), type, Json.write(entry));
    }

    @Override
    public List<ChannelFrame> after(long accountId, long afterLogSeq, int limit) {
        return store.reads().withHandle(h -> store.feed(h, accountId, afterLogSeq, limit)).stream()
                .map(ChannelLog::frame).toList();
    }

    @Override
    public long latest() {
        return store.reads().withHandle(store::latestLogSeq);
    }

    @Override
    public void close() {
        fanOut.shutdown();
        try {
            if (!fanOut.awaitTermination(5, TimeUnit.SECONDS)) fanOut.shutdownNow();
        } catch (InterruptedException e) {
            fanOut.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

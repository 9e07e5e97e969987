package org.stoa.server.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a node of a cluster, once a second, asks the database how far the streams of this node's
 * connected accounts go and rings the hub with it, and has the channel log's new entries handed
 * out. The bus is lossy: a wake-up it lost (or could not carry while away) costs at most this
 * second, never an event.
 */
public final class DeliveryPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPoller.class);
    static final Duration EVERY = Duration.ofSeconds(1);
    private static final int CHUNK = 1_000;

    private final EventLog events;
    private final StreamHub hub;
    private final ChannelFeed channels;
    private final Thread thread;
    private volatile boolean closed;

    private DeliveryPoller(EventLog events, StreamHub hub, ChannelFeed channels) {
        this.events = events;
        this.hub = hub;
        this.channels = channels;
        this.thread = Thread.ofVirtual().name("delivery-poller").start(this::run);
    }

    public static DeliveryPoller start(EventLog events, StreamHub hub, ChannelFeed channels) {
        return new DeliveryPoller(events, hub, channels);
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(EVERY);
                pollOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("polling the event log failed; trying again in {}", EVERY, e);
            }
        }
    }

    private void pollOnce() {
        List<Long> accounts = new ArrayList<>(hub.connectedAccounts());
        for (int i = 0; i < accounts.size(); i += CHUNK) {
            events.latestSeqs(accounts.subList(i, Math.min(accounts.size(), i + CHUNK))).forEach(hub::rung);
        }
        channels.rung();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}

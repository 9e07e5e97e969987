package org.stoa.server.stream;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.Requests;

/**
 * The frames one client sends on its stream. Jetty's reader only queues a frame here and returns,
 * so it never waits for a send to be reviewed and made durable; one virtual thread per stream,
 * started when there is something to take, takes them in the order they came and queues their
 * work (a client's messages on one stream are stored in that order), without waiting for one to be
 * durable before taking the next. The answers go out in the same order, each once it is ready. A
 * frame too large is answered at once with a {@code stream.error}, unread; one more than
 * {@link #MAX_WAITING} unanswered too, not acted on but with its {@code requestId} echoed.
 */
final class StreamInbox {

    private static final Logger log = LoggerFactory.getLogger(StreamInbox.class);
    /** As an HTTP request's JSON body. */
    static final int MAX_FRAME_BYTES = Requests.MAX_JSON_BYTES;
    /** Frames read but not yet answered; a client waits for its acknowledgements long before this. */
    static final int MAX_WAITING = 64;
    private static final String FAILED = ReplyFrames.error(new ApiException(500, "internal_error",
            "the server could not answer this frame; try again"));
    /**
     * How long the answers rely on the last look at the login session. Ending a session closes its
     * streams at once (on every node, through the bus), so this look is only what catches an expiry,
     * or an ending whose announcement was lost, within 10 seconds (HTTP's cached tokens have no such
     * look at all). It used to be a query for every frame, then one a second: with a client sending
     * a message or two a second, that was a query for every other send.
     */
    static final long LIVE_FOR_MILLIS = 10_000;

    private final Principal principal;
    private final StreamRequests requests;
    private final Predicate<Principal> live;
    private final Consumer<String> reply;
    private final Queue<String> waiting = new ConcurrentLinkedQueue<>();
    /** Frames taken and not yet answered, waiting or in work. */
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicBoolean working = new AtomicBoolean();
    /** The last answer handed to the client; the next one follows it. Only the taking thread moves it. */
    private CompletableFuture<Void> answered = CompletableFuture.completedFuture(null);
    private final Clock clock;
    private volatile long liveUntil = Long.MIN_VALUE;

    StreamInbox(Principal principal, StreamRequests requests, Predicate<Principal> live, Consumer<String> reply, Clock clock) {
        this.principal = principal;
        this.requests = requests;
        this.live = live;
        this.reply = reply;
        this.clock = clock;
    }

    /** On Jetty's thread: queues the frame for the answering thread, or refuses it at once. */
    void received(String frame) {
        if (frame.length() > MAX_FRAME_BYTES || frame.length() * 3L > MAX_FRAME_BYTES && frame.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES) {
            reply.accept(ReplyFrames.error(new ApiException(413, "frame_too_large",
                    "frames are limited to " + MAX_FRAME_BYTES / 1024 + " KiB, as JSON bodies are; send images with POST /api/v1/media")));
            return;
        }
        if (unanswered.incrementAndGet() > MAX_WAITING) {
            unanswered.decrementAndGet();
            reply.accept(ReplyFrames.error(ApiException.retryLater(429, "too_many_pending",
                    "more than " + MAX_WAITING + " frames are waiting for their answer on this stream; this one was not acted on: "
                            + "wait for acknowledgements before sending more", java.time.Duration.ofSeconds(1), Map.of()),
                    ReplyFrames.requestIdOf(frame)));
            return;
        }
        waiting.add(frame);
        if (working.compareAndSet(false, true)) Thread.ofVirtual().name("stream-in-" + principal.accountId()).start(this::work);
    }

    private void work() {
        do {
            for (String frame; (frame = waiting.poll()) != null; ) {
                answered = answered.thenCombine(answer(frame), (previous, answer) -> {
                    unanswered.decrementAndGet();
                    try {
                        reply.accept(answer);
                    } catch (RuntimeException e) {
                        log.warn("a reply to account {} was lost", principal.accountId(), e); // the next ones still go
                    }
                    return null;
                });
            }
            working.set(false);
            // A frame queued after the last poll but before the flag fell found it still up: take it now.
        } while (!waiting.isEmpty() && working.compareAndSet(false, true));
    }

    private boolean live() {
        long now = clock.millis();
        if (now < liveUntil && now >= liveUntil - LIVE_FOR_MILLIS) return true;
        if (!live.test(principal)) return false;
        liveUntil = now + LIVE_FOR_MILLIS;
        return true;
    }

    private CompletableFuture<String> answer(String frame) {
        if (!live()) {
            return CompletableFuture.completedFuture(ReplyFrames.error(ApiException.unauthorized("the login session ended; log in again")));
        }
        try {
            return requests.answer(principal, frame).exceptionally(this::failed);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(e));
        }
    }

    private String failed(Throwable e) {
        log.warn("answering a frame of account {} failed", principal.accountId(), e);
        return FAILED;
    }
}

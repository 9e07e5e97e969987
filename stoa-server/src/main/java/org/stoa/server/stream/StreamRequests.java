package org.stoa.server.stream;

import java.util.concurrent.CompletableFuture;
import org.stoa.server.accounts.Principal;

/**
 * Answers the frames a client sends on its open stream ({@code message.send}); wired at start-up by
 * the feature that owns what they ask for, so the stream knows nothing of messages. Called off
 * Jetty's threads, one frame of a stream at a time, in the order they arrived; it returns once the
 * frame's work is queued, so the next frame can be taken while this one's write becomes durable.
 */
@FunctionalInterface
public interface StreamRequests {

    /**
     * The reply frame (JSON) to {@code frame}, which {@code me} sent, once there is one; every problem
     * is a reply, never an exception (a future that fails is a fault of the server).
     */
    CompletableFuture<String> answer(Principal me, String frame);
}

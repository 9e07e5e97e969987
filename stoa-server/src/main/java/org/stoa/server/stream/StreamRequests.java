package org.stoa.server.stream;

import org.stoa.server.accounts.Principal;

/**
 * Answers the frames a client sends on its open stream ({@code message.send}); wired at start-up by
 * the feature that owns what they ask for, so the stream knows nothing of messages. Called off
 * Jetty's threads, one frame of a stream at a time, in the order they arrived; it may wait for a
 * write to be durable.
 */
@FunctionalInterface
public interface StreamRequests {

    /** The reply frame (JSON) to {@code frame}, which {@code me} sent; every problem is a reply, never an exception. */
    String answer(Principal me, String frame);
}

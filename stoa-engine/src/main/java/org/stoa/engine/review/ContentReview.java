package org.stoa.engine.review;

/**
 * The one step every text and image send passes before it is stored and delivered.
 * Implementations must be thread-safe and fast: they run on the send path.
 */
@FunctionalInterface
public interface ContentReview {

    Decision review(Content content);
}

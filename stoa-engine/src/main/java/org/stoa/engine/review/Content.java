package org.stoa.engine.review;

/** What is being sent, with where it is going. */
public sealed interface Content {

    ReviewContext context();

    record Text(ReviewContext context, String text) implements Content {}

    /** An image uploaded (and decoded) earlier; {@code sha256} names its bytes. */
    record Image(ReviewContext context, String mediaId, String sha256) implements Content {}
}

package org.stoa.engine.review;

/** What is being sent, with where it is going. */
public sealed interface Content {

    ReviewContext context();

    record Text(ReviewContext context, String text) implements Content {}

    /** An image already stored and decoded once at upload; {@code sha256} names its bytes. */
    record Image(ReviewContext context, String sha256, byte[] bytes) implements Content {}
}

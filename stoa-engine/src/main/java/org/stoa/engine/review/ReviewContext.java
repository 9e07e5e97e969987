package org.stoa.engine.review;

/** Who sends, and into what kind of conversation. */
public record ReviewContext(long senderId, long conversationId, Scope scope) {

    public enum Scope { DIRECT, GROUP, CHANNEL }
}

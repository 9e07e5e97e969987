package org.stoa.server.conversations;

import java.time.Instant;

/**
 * A message as clients see it. A recalled, withdrawn or removed message keeps its place
 * ({@code seq}) but loses its content; a held one has no {@code seq} until a moderator releases it.
 */
public record MessageView(
        long id,
        long conversationId,
        Long seq,
        long senderId,
        String clientId,
        MessageStatus status,
        String text,
        String mediaId,
        MediaInfo media,
        Instant createdAt,
        Instant recalledAt,
        Moderation moderation) {

    /**
     * Why a message is held, withdrawn or removed (its content is then shown to no one but
     * moderators), or that it was delivered or restored after an appeal ({@code afterAppeal} true).
     */
    public record Moderation(long decisionId, String notice, Boolean afterAppeal) {

        public static Moderation of(long decisionId, String notice) {
            return new Moderation(decisionId, notice, null);
        }
    }

    /** What a client needs to lay out an image before it loads. */
    public record MediaInfo(String id, String contentType, int width, int height) {}
}

package org.stoa.server.conversations;

import java.time.Instant;
import org.stoa.server.media.MediaKind;

/**
 * A message as clients see it. A recalled, withdrawn or removed message keeps its place
 * ({@code seq}) but loses its content; a held one has no {@code seq} until a moderator releases it.
 * An image may carry a caption ({@code text} beside {@code media}); a reply names the message it
 * answers ({@code replyTo}) and quotes it as it is now ({@code quote}); {@code editedAt} is the last
 * accepted edit; {@code forwarded} marks a forward.
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
        Moderation moderation,
        Long replyTo,
        Quote quote,
        Instant editedAt,
        Boolean forwarded) {

    /**
     * Why a message is held, withdrawn or removed (its content is then shown to no one but
     * moderators), or that it was delivered or restored after an appeal ({@code afterAppeal} true).
     */
    public record Moderation(long decisionId, String notice, Boolean afterAppeal) {

        public static Moderation of(long decisionId, String notice) {
            return new Moderation(decisionId, notice, null);
        }
    }

    /**
     * What a client needs to show an upload: an image's pixel size, to lay it out before it loads;
     * a file's name and size.
     */
    public record MediaInfo(String id, MediaKind kind, String contentType, Integer width, Integer height, String name, Long size) {

        public static MediaInfo image(String id, String contentType, int width, int height) {
            return new MediaInfo(id, MediaKind.IMAGE, contentType, width, height, null, null);
        }

        public static MediaInfo file(String id, String contentType, String name, long size) {
            return new MediaInfo(id, MediaKind.FILE, contentType, null, null, name, size);
        }
    }

    /**
     * The message a reply answers, as it is now: who wrote it and a short text ({@code kind} text,
     * photo or file); a recalled, withdrawn or removed one says so ({@code state}) and quotes nothing.
     */
    public record Quote(long id, long senderId, String kind, String text, String state) {

        static final int MAX_TEXT = 120;
    }
}

package org.stoa.server.channels;

import java.time.Instant;
import org.stoa.server.conversations.MessageView.MediaInfo;

/**
 * One entry of a channel: a {@code post} (its text, image, author and {@code clientId}) or a {@code notice} that
 * tells of a sanction or its end. {@code seq} orders a channel's entries; {@code channelSeq} is the
 * entry's place in the log of all channels, which streams resume from.
 */
public record ChannelPost(long id, long channelId, long seq, long channelSeq, String kind, Long authorId, String clientId,
                          String text, MediaInfo media, String status, Restriction notice, Long decisionId, Instant createdAt) {

    static final String POST = "post";
    static final String NOTICE = "notice";
    static final String DELIVERED = "delivered";
    static final String REMOVED = "removed";
    /** Waiting for a moderator: only its author sees it (without a {@code seq} or a log position: negative placeholders). */
    static final String HELD = "held";

    /** Whether everyone who may read the channel sees it (not held, not removed). */
    public boolean published() {
        return DELIVERED.equals(status);
    }
}

package org.stoa.server.channels;

import java.time.Instant;

/**
 * One entry of a channel: a {@code post} (its text, author and {@code clientId}) or a {@code notice} that
 * tells of a sanction or its end. {@code seq} orders a channel's entries; {@code channelSeq} is the
 * entry's place in the log of all channels, which streams resume from.
 */
public record ChannelPost(long id, long channelId, long seq, long channelSeq, String kind, Long authorId, String clientId,
                          String text, String status, Restriction notice, Long decisionId, Instant createdAt) {

    static final String POST = "post";
    static final String NOTICE = "notice";
    static final String DELIVERED = "delivered";
    static final String REMOVED = "removed";
}

package org.stoa.server.stream;

import java.util.List;

/** What a stream reads of the channel log: the entries of an account's subscriptions after a position. */
public interface ChannelFeed {

    /** Up to {@code limit} entries after {@code afterLogSeq} in the channels {@code accountId} follows, in log order. */
    List<ChannelFrame> after(long accountId, long afterLogSeq, int limit);

    /** The last position handed out in the log (0 if none). */
    long latest();

    /** The log may hold entries another node wrote: hand this node's streams whatever they have not had. */
    void rung();
}

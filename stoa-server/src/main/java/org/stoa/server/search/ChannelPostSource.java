package org.stoa.server.search;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.stoa.server.channels.ChannelPost;

/**
 * What message search needs of channels, which the channels feature answers: the channels whose
 * posts a reader may find, and posts by id as readers see them.
 */
public interface ChannelPostSource {

    /** A channel a hit is in: enough for a result list to name it. */
    record ChannelRef(long id, String handle, String title) {}

    /**
     * The channels whose posts {@code reader} may find: those they follow, own or edit, except closed
     * ones (whose posts nobody reads but their owner).
     */
    List<ChannelRef> searchable(Handle h, long reader);

    /** These posts, by id, as stored (the search keeps the delivered ones). */
    List<ChannelPost> posts(Handle h, List<Long> ids);
}

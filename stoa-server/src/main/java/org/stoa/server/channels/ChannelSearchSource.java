package org.stoa.server.channels;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.stoa.server.search.ChannelPostSource;

/**
 * The channels a reader's message search covers: followed, owned or edited, and not closed unless
 * they own it. A demoted channel stays searchable for its subscribers (its posts are still delivered
 * to them); nobody else searches it, as nobody searches a channel they do not follow.
 */
public final class ChannelSearchSource implements ChannelPostSource {

    private final ChannelStore store;

    ChannelSearchSource(ChannelStore store) {
        this.store = store;
    }

    @Override
    public List<ChannelRef> searchable(Handle h, long reader) {
        return store.searchable(h, reader);
    }

    @Override
    public List<ChannelPost> posts(Handle h, List<Long> ids) {
        return store.posts(h, ids);
    }
}

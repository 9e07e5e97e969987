package org.stoa.server.conversations;

import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.stoa.server.storage.CommittedCache;
import org.stoa.server.storage.SharedCaches;
import org.stoa.server.storage.Tx;

/** Who is in which conversation: asked on every send and read, changed rarely, so cached. */
public final class Memberships {

    private final ConversationStore store;
    private final Jdbi reads;
    private final boolean onlyWriter;
    private final CommittedCache<Long, Roster> cache;

    /**
     * {@code onlyWriter}: this server's writer is the only one, so a cached roster is current inside
     * its transactions too (SQLite); with several servers on one PostgreSQL, writes read the roster
     * from the database, because another server may have changed it since it was cached.
     */
    public Memberships(ConversationStore store, Jdbi reads, boolean onlyWriter, SharedCaches caches) {
        this.store = store;
        this.cache = caches.committed("rosters", 100_000, Long::valueOf);
        this.reads = reads;
        this.onlyWriter = onlyWriter;
    }

    /**
     * A conversation's type and members, and its slow mode (0: off), which every send to a group
     * checks.
     */
    public record Roster(long conversationId, ConversationType type, Map<Long, ConversationStore.Membership> members,
                         int slowModeSeconds) {
        public Optional<ConversationStore.Membership> member(long accountId) {
            return Optional.ofNullable(members.get(accountId));
        }
    }

    /** The committed roster, from any thread; empty if the conversation does not exist. */
    public Optional<Roster> roster(long conversationId) {
        return cache.get(conversationId, id -> reads.withHandle(h -> store.roster(h, id)));
    }

    /** The roster as the writer's transaction sees it. */
    public Optional<Roster> roster(Handle writerHandle, long conversationId) {
        Optional<Roster> cached = onlyWriter ? cache.peek(conversationId) : Optional.empty();
        return cached.or(() -> store.roster(writerHandle, conversationId));
    }

    Optional<ConversationStore.Membership> membership(long conversationId, long accountId) {
        return roster(conversationId).flatMap(r -> r.member(accountId));
    }

    Optional<ConversationStore.Membership> membership(Handle writerHandle, long conversationId, long accountId) {
        return roster(writerHandle, conversationId).flatMap(r -> r.member(accountId));
    }

    /** Called by every job that changes who is in {@code conversationId}, their roles, or its slow mode. */
    void changed(Tx tx, long conversationId) {
        cache.invalidate(tx, conversationId);
    }
}

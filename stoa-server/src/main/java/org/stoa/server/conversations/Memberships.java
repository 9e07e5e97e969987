package org.stoa.server.conversations;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.stoa.server.storage.Tx;

/**
 * Who is in which conversation, cached: every send and every read asks, and membership rarely
 * changes. Only committed state is cached (loads from the read pool), guarded by an epoch so that a
 * load racing with a change is never kept. The writer reads through the cache but loads misses on its
 * own connection without caching them, since it may see changes not yet committed.
 */
public final class Memberships {

    private static final int MAX_CACHED = 100_000;

    private final ConversationStore store;
    private final Jdbi reads;
    private final ConcurrentHashMap<Long, Roster> cache = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();

    public Memberships(ConversationStore store, Jdbi reads) {
        this.store = store;
        this.reads = reads;
    }

    /** A conversation's type and members. */
    public record Roster(long conversationId, ConversationType type, Map<Long, ConversationStore.Membership> members) {
        public Optional<ConversationStore.Membership> member(long accountId) {
            return Optional.ofNullable(members.get(accountId));
        }
    }

    /** The committed roster, from any thread; empty if the conversation does not exist. */
    public Optional<Roster> roster(long conversationId) {
        Roster cached = cache.get(conversationId);
        if (cached != null) return Optional.of(cached);
        long before = epoch.get();
        Optional<Roster> loaded = reads.withHandle(h -> store.roster(h, conversationId));
        if (loaded.isPresent() && epoch.get() == before) {
            if (cache.size() >= MAX_CACHED) cache.clear();
            cache.putIfAbsent(conversationId, loaded.get());
        }
        return loaded;
    }

    /** The roster as the writer's transaction sees it. */
    Optional<Roster> roster(Handle writerHandle, long conversationId) {
        Roster cached = cache.get(conversationId);
        return cached != null ? Optional.of(cached) : store.roster(writerHandle, conversationId);
    }

    Optional<ConversationStore.Membership> membership(long conversationId, long accountId) {
        return roster(conversationId).flatMap(r -> r.member(accountId));
    }

    Optional<ConversationStore.Membership> membership(Handle writerHandle, long conversationId, long accountId) {
        return roster(writerHandle, conversationId).flatMap(r -> r.member(accountId));
    }

    /** Called by every job that changes who is in {@code conversationId}, or their roles. */
    void changed(Tx tx, long conversationId) {
        invalidate(conversationId);
        tx.afterCommit(() -> invalidate(conversationId));
    }

    private void invalidate(long conversationId) {
        epoch.incrementAndGet();
        cache.remove(conversationId);
    }
}

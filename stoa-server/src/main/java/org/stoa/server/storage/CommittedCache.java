package org.stoa.server.storage;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A cache of committed state in front of the database, for data read on every request and changed
 * rarely (rosters, sanctions). A load that races with a change is never kept: changes bump an epoch
 * and a load is stored only if no change happened while it ran. Writer jobs call
 * {@link #invalidate(Tx, Object)}, which drops the entry at once and again after commit, and then
 * tells the other nodes of a cluster (see {@link SharedCaches}) to drop it too.
 */
public final class CommittedCache<K, V> {

    private final int maxEntries;
    private final Consumer<K> afterCommittedChange;
    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();

    private CommittedCache(int maxEntries, Consumer<K> afterCommittedChange) {
        this.maxEntries = maxEntries;
        this.afterCommittedChange = afterCommittedChange;
    }

    /** A cache of what never changes once written (content-addressed data): no other node needs telling. */
    public static <K, V> CommittedCache<K, V> ofImmutable(int maxEntries) {
        return new CommittedCache<>(maxEntries, key -> { });
    }

    /** A cache whose changes {@code afterCommittedChange} announces to the other nodes. */
    static <K, V> CommittedCache<K, V> announcing(int maxEntries, Consumer<K> afterCommittedChange) {
        return new CommittedCache<>(maxEntries, afterCommittedChange);
    }

    /** The cached value, or {@code load}'s (committed) value, cached when no change raced with it. */
    public Optional<V> get(K key, Function<K, Optional<V>> load) {
        V cached = entries.get(key);
        if (cached != null) return Optional.of(cached);
        long before = epoch.get();
        Optional<V> loaded = load.apply(key);
        if (loaded.isPresent() && epoch.get() == before) {
            if (entries.size() >= maxEntries) entries.clear();
            entries.putIfAbsent(key, loaded.get());
        }
        return loaded;
    }

    /** The cached value only; the writer loads misses itself because it may see uncommitted changes. */
    public Optional<V> peek(K key) {
        return Optional.ofNullable(entries.get(key));
    }

    public void invalidate(Tx tx, K key) {
        drop(key);
        tx.afterCommit(() -> {
            drop(key);
            afterCommittedChange.accept(key);
        });
    }

    /** Forgets {@code key}'s entry: it changed on another node. */
    void drop(K key) {
        epoch.incrementAndGet();
        entries.remove(key);
    }
}

package org.stoa.server.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.stoa.server.cluster.ClusterBus;
import org.stoa.server.cluster.ClusterChange;

/**
 * The committed caches every node keeps of the same rows (rosters, sanctions), by name: a change
 * committed on one node drops the entry there and, through the bus, on every other node. The bus
 * is lossy, so whatever must be exact is also read inside the write (see {@code Memberships}).
 */
public final class SharedCaches {

    private final ClusterBus bus;
    private final Map<String, Consumer<String>> droppers = new ConcurrentHashMap<>();

    public SharedCaches(ClusterBus bus) {
        this.bus = bus;
    }

    /** A committed cache called {@code name}; {@code parseKey} reads back a key that travelled as text. */
    public <K, V> CommittedCache<K, V> committed(String name, int maxEntries, Function<String, K> parseKey) {
        CommittedCache<K, V> cache = CommittedCache.announcing(maxEntries,
                key -> bus.announce(new ClusterChange.CacheEntry(name, key.toString())));
        onChange(name, key -> cache.drop(parseKey.apply(key)));
        return cache;
    }

    /** Calls {@code drop} with the key of each change to {@code name} another node announces. */
    public void onChange(String name, Consumer<String> drop) {
        if (droppers.putIfAbsent(name, drop) != null) throw new IllegalStateException("two caches are called " + name);
    }

    /** Announces that the entry {@code key} of {@code name} changed (for caches kept other than as a committed cache). */
    public void announce(String name, Object key) {
        bus.announce(new ClusterChange.CacheEntry(name, key.toString()));
    }

    /** Another node changed an entry: drop it here. A cache this node does not have has nothing to drop. */
    public void changedElsewhere(ClusterChange.CacheEntry change) {
        Consumer<String> drop = droppers.get(change.cache());
        if (drop != null) drop.accept(change.key());
    }
}

package org.stoa.engine.text;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The matcher of a list that changes while the service runs: searches use whichever matcher is
 * current, and a new one is built off the hot path and swapped in atomically, so a search sees
 * either the old list or the new one, never a mix, and never waits for a build. When rebuilds
 * overlap, the one started last wins, however long each takes.
 */
public final class LiveTermMatcher {

    /** A matcher and the number of the request that made it current. */
    private record Installed(long request, TermMatcher matcher) {}

    private final AtomicLong requests = new AtomicLong();
    private final AtomicReference<Installed> current;

    public LiveTermMatcher(TermMatcher initial) {
        current = new AtomicReference<>(new Installed(0, Objects.requireNonNull(initial)));
    }

    public TermMatcher current() {
        return current.get().matcher();
    }

    /** {@link TermMatcher#find} with the current matcher. */
    public List<TermMatch> find(CharSequence text) {
        return current().find(text);
    }

    /** Makes {@code next} current at once (it supersedes any rebuild still running). */
    public void replace(TermMatcher next) {
        install(requests.incrementAndGet(), Objects.requireNonNull(next));
    }

    /**
     * Builds a matcher for {@code list} on {@code executor} and makes it current when done,
     * unless a later {@link #replace} or rebuild got there first. The future completes with the
     * new matcher, or exceptionally (the current one staying) if the list is invalid.
     */
    public CompletableFuture<TermMatcher> rebuild(TermList list, Executor executor) {
        long request = requests.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> TermMatcher.build(list), executor).thenApply(next -> {
            install(request, next);
            return next;
        });
    }

    private void install(long request, TermMatcher next) {
        current.updateAndGet(installed -> request > installed.request() ? new Installed(request, next) : installed);
    }
}

package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class LiveTermMatcherTest {

    private static TermList list(String... terms) {
        return new TermList("live", List.of(terms));
    }

    /** Runs tasks only when told to, in any order. */
    private static final class HeldExecutor implements Executor {
        final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }
    }

    @Test
    void searchesWithTheCurrentMatcherUntilARebuildIsDone() {
        LiveTermMatcher live = new LiveTermMatcher(TermMatcher.build(list("poker")));
        HeldExecutor executor = new HeldExecutor();

        CompletableFuture<TermMatcher> rebuilt = live.rebuild(list("casino"), executor);

        assertThat(live.find("poker casino")).extracting(TermMatch::term).containsExactly("poker");
        executor.tasks.poll().run();
        assertThat(rebuilt).isCompleted();
        assertThat(live.find("poker casino")).extracting(TermMatch::term).containsExactly("casino");
    }

    @Test
    void theRebuildStartedLastWinsWhateverOrderTheyFinishIn() {
        LiveTermMatcher live = new LiveTermMatcher(TermMatcher.build(list("poker")));
        HeldExecutor executor = new HeldExecutor();
        live.rebuild(list("first"), executor);
        live.rebuild(list("second"), executor);

        executor.tasks.pollLast().run();
        executor.tasks.pollLast().run();

        assertThat(live.current().list().terms()).containsExactly("second");
    }

    @Test
    void aReplacementSupersedesRebuildsStillRunning() {
        LiveTermMatcher live = new LiveTermMatcher(TermMatcher.build(list("poker")));
        HeldExecutor executor = new HeldExecutor();
        live.rebuild(list("stale"), executor);

        live.replace(TermMatcher.build(list("fresh")));
        executor.tasks.poll().run();

        assertThat(live.current().list().terms()).containsExactly("fresh");
    }

    @Test
    void anInvalidListFailsItsRebuildAndKeepsTheCurrentMatcher() {
        TermMatcher initial = TermMatcher.build(list("poker"));
        LiveTermMatcher live = new LiveTermMatcher(initial);

        CompletableFuture<TermMatcher> rebuilt = live.rebuild(list("ok", "???"), Runnable::run);

        assertThat(rebuilt).isCompletedExceptionally();
        assertThat(live.current()).isSameAs(initial);
    }
}

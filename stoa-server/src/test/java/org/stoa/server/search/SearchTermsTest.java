package org.stoa.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.storage.Database;
import org.stoa.server.storage.RecentRows;
import org.stoa.server.storage.Staging;
import org.stoa.server.storage.Writer;

/**
 * On SQLite new terms wait in {@code search_terms_recent} and move into {@code search_terms} in
 * bulk: taking a document out reaches it wherever it waits, a move keeps each term of a document
 * once, and a search's settling copies the waiting rows of its words, writing nothing when none wait.
 */
class SearchTermsTest {

    private static final long SCOPE = 5;

    @TempDir
    Path dir;

    @Test
    void termsWaitThenMoveOnceAndARemovalFindsThemInEitherTable() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (Database db = Database.openSqlite(dir.resolve("stoa.db"));
             Writer writer = new Writer(db, Clock.systemUTC(), metrics);
             // Moves only when the test asks: an hour between scheduled ones.
             RecentRows recent = RecentRows.start(db.reads(), writer, Duration.ofHours(1))) {
            SearchTerms terms = new SearchTerms(recent);
            write(writer, h -> {
                terms.add(h, DocumentKind.MESSAGE, SCOPE, 1, "Hello world");
                terms.add(h, DocumentKind.MESSAGE, SCOPE, 2, "hello there");
            });
            assertThat(rows(db, "search_terms_recent")).as("appended where they wait")
                    .containsExactlyInAnyOrder("hello/1", "world/1", "hello/2", "there/2");
            assertThat(rows(db, "search_terms")).isEmpty();

            write(writer, h -> terms.remove(h, DocumentKind.MESSAGE, SCOPE, 2, "hello there"));
            long commits = commits(metrics);
            terms.settle(List.of("there"));
            assertThat(commits(metrics)).as("no document with the term waits: no move").isEqualTo(commits);
            assertThat(rows(db, "search_terms_recent")).hasSize(2);
            terms.settle(List.of("world"));
            assertThat(commits(metrics) - commits).as("one job copies the word's waiting rows").isEqualTo(1);
            assertThat(rows(db, "search_terms")).as("copied, the removed document not").containsExactly("world/1");
            assertThat(rows(db, "search_terms_recent")).as("left for the move").containsExactlyInAnyOrder("hello/1", "world/1");
            moveAll(recent);
            assertThat(waiting(db)).isEmpty();
            assertThat(rows(db, "search_terms")).as("moved, the copied row once").containsExactlyInAnyOrder("hello/1", "world/1");

            write(writer, h -> {
                terms.replace(h, DocumentKind.MESSAGE, SCOPE, 1, "Hello world", "goodbye world");
                terms.add(h, DocumentKind.MESSAGE, SCOPE, 1, "goodbye world"); // indexed twice: one row a term all the same
            });
            assertThat(rows(db, "search_terms")).as("taken out of the moved table at once").isEmpty();
            assertThat(rows(db, "search_terms_recent_b")).as("after a move, appended to the other table")
                    .containsOnly("goodbye/1", "world/1");
            moveAll(recent);
            assertThat(rows(db, "search_terms")).containsExactlyInAnyOrder("goodbye/1", "world/1");

            commits = commits(metrics);
            moveAll(recent);
            terms.settle(List.of("goodbye"));
            assertThat(commits(metrics)).as("nothing waited: no move, no copy").isEqualTo(commits);
        }
    }

    @Test
    void aMoveInSlicesOfWordsTakesEveryTermOnce() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (Database db = Database.openSqlite(dir.resolve("stoa.db"));
             Writer writer = new Writer(db, Clock.systemUTC(), metrics);
             RecentRows recent = RecentRows.start(db.reads(), writer, Duration.ofHours(1), 1)) {
            SearchTerms terms = new SearchTerms(recent);
            write(writer, h -> {
                terms.add(h, DocumentKind.MESSAGE, SCOPE, 1, "apple banana");
                terms.add(h, DocumentKind.MESSAGE, SCOPE, 2, "banana cherry");
            });
            long commits = commits(metrics);
            moveAll(recent);
            assertThat(commits(metrics) - commits).as("counting, then a slice a word").isEqualTo(4);
            assertThat(waiting(db)).isEmpty();
            assertThat(rows(db, "search_terms")).containsExactlyInAnyOrder("apple/1", "banana/1", "banana/2", "cherry/2");

            // As a move half done: the rarest word of a document moved (and, as an older build left it, taken out), another not yet.
            write(writer, h -> terms.add(h, DocumentKind.MESSAGE, SCOPE, 3, "kiwi lemon"));
            assertThat(rows(db, "search_terms_recent_b")).containsExactlyInAnyOrder("kiwi/3", "lemon/3");
            write(writer, h -> {
                h.execute("INSERT INTO search_terms SELECT term, kind, scope_id, doc_id FROM search_terms_recent_b WHERE term = 'kiwi'");
                h.execute("DELETE FROM search_terms_recent_b WHERE term = 'kiwi'");
            });
            terms.settle(List.of("kiwi", "lemon"));
            assertThat(rows(db, "search_terms")).as("a search for both words finds the document whole").contains("kiwi/3", "lemon/3");
        }
    }

    private static void moveAll(RecentRows recent) {
        recent.settled(Staging.Table.SEARCH_TERMS, () -> null);
    }

    private static long commits(SimpleMeterRegistry metrics) {
        return metrics.find(Writer.class.getName() + ".commit").timer().count();
    }

    private static void write(Writer writer, java.util.function.Consumer<Handle> work) {
        writer.execute(tx -> {
            work.accept(tx.handle());
            return null;
        });
    }

    /** The terms waiting in either table. */
    private static List<String> waiting(Database db) {
        return Staging.Table.SEARCH_TERMS.recentNames().stream().flatMap(t -> rows(db, t).stream()).toList();
    }

    private static List<String> rows(Database db, String table) {
        return db.reads().withHandle(h -> h.createQuery("SELECT term || '/' || doc_id FROM " + table + " WHERE scope_id = :s")
                .bind("s", SCOPE).mapTo(String.class).list());
    }
}

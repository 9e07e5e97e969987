package org.stoa.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.config.StorageUrl;
import org.stoa.server.support.TestPostgres;

/** The send path's plain JDBC, on both engines: what it binds, what it reads back, what a failure leaves behind. */
class DirectSqlTest {

    @TempDir
    Path dir;

    @Test
    void bindsNullsLongsIntsAndTextAndReadsReturningRowsOnSqlite() {
        bindsAndReads(() -> Database.openSqlite(dir.resolve("stoa.db")));
    }

    @Test
    void bindsNullsLongsIntsAndTextAndReadsReturningRowsOnPostgres() {
        bindsAndReads(() -> Database.openPostgres(StorageUrl.parse(TestPostgres.newDatabase())));
    }

    @Test
    void aFailedBatchLeavesNothingForTheNextUseOfItsStatementOnSqlite() {
        failedBatch(() -> Database.openSqlite(dir.resolve("stoa.db")));
    }

    @Test
    void aFailedBatchLeavesNothingForTheNextUseOfItsStatementOnPostgres() {
        failedBatch(() -> Database.openPostgres(StorageUrl.parse(TestPostgres.newDatabase())));
    }

    private static void bindsAndReads(Supplier<Database> open) {
        try (Database db = open.get(); Handle h = db.openWriteHandle()) {
            long a = DirectSql.oneLong(h, "INSERT INTO accounts (username, password_hash, created_at, display_name) VALUES (?, ?, ?, ?) RETURNING id",
                    "ana", "x", 5L, null);
            long b = DirectSql.oneLong(h, "INSERT INTO accounts (username, password_hash, created_at, display_name) VALUES (?, ?, ?, ?) RETURNING id",
                    "ben", "y", 6L, "Ben");
            assertThat(b).isGreaterThan(a);
            assertThat(h.createQuery("SELECT display_name FROM accounts WHERE id = :id").bind("id", a).mapTo(String.class).one()).isNull();

            List<long[]> bumped = DirectSql.longPairs(h, "UPDATE accounts SET created_at = created_at + ? WHERE id IN (%s) RETURNING id, created_at"
                    .formatted(DirectSql.placeholders(2)), 3, a, b);
            assertThat(bumped).extracting(p -> p[0]).containsExactlyInAnyOrder(a, b);
            assertThat(bumped).extracting(p -> p[1]).containsExactlyInAnyOrder(8L, 9L);
            // The same statement again, with other values: nothing of the first use is left in it.
            assertThat(DirectSql.longPairs(h, "UPDATE accounts SET created_at = created_at + ? WHERE id IN (%s) RETURNING id, created_at"
                    .formatted(DirectSql.placeholders(2)), 1, b, b)).extracting(p -> p[1]).containsExactly(10L);

            assertThat(DirectSql.firstLong(h, "SELECT id FROM accounts WHERE username = ?", "ben")).contains(b);
            assertThat(DirectSql.firstLong(h, "SELECT id FROM accounts WHERE username = ?", "nobody")).isEmpty();
            assertThatThrownBy(() -> DirectSql.oneLong(h, "SELECT id FROM accounts WHERE username = ?", "nobody"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no row");
            assertThat(DirectSql.update(h, "UPDATE accounts SET display_name = ? WHERE created_at >= ?", "someone", 8L)).isEqualTo(2);
            assertThatThrownBy(() -> DirectSql.update(h, "UPDATE accounts SET display_name = ?", 1.5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Double");
        }
    }

    private static void failedBatch(Supplier<Database> open) {
        try (Database db = open.get(); Handle h = db.openWriteHandle()) {
            String insert = "INSERT INTO accounts (username, password_hash, created_at) VALUES (?, ?, ?)";
            DirectSql.batch(h, insert, List.<Object[]>of(new Object[] {"ana", "x", 1L}));
            h.begin();
            // The second row breaks the unique username: the whole batch fails...
            assertThatThrownBy(() -> DirectSql.batch(h, insert, List.<Object[]>of(new Object[] {"ben", "x", 1L}, new Object[] {"ana", "x", 1L})));
            h.rollback();
            // ...and the statement's next batch is its own rows only.
            DirectSql.batch(h, insert, List.<Object[]>of(new Object[] {"cy", "x", 1L}));
            assertThat(h.createQuery("SELECT username FROM accounts ORDER BY username").mapTo(String.class).list())
                    .containsExactly("ana", "cy");
        }
    }
}

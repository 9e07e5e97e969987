package org.stoa.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {

    @Test
    void aStatementIsPreparedOncePerConnectionAndReusedWithFreshParameters(@TempDir Path dir) {
        try (Database db = Database.openSqlite(dir.resolve("stoa.db")); Handle h = db.openWriteHandle()) {
            List<PreparedStatement> used = new ArrayList<>();
            StatementCustomizer record = new StatementCustomizer() {
                @Override
                public void beforeExecution(PreparedStatement stmt, StatementContext ctx) {
                    used.add(stmt);
                }
            };
            h.execute("INSERT INTO accounts (username, password_hash, created_at) VALUES ('a', 'x', 0), ('bb', 'y', 0)");
            String first = h.createQuery("SELECT username FROM accounts WHERE id = :id").bind("id", 1).addCustomizer(record)
                    .mapTo(String.class).one();
            String second = h.createQuery("SELECT username FROM accounts WHERE id = :id").bind("id", 2).addCustomizer(record)
                    .mapTo(String.class).one();
            assertThat(first).isEqualTo("a");
            assertThat(second).isEqualTo("bb");
            assertThat(used).hasSize(2);
            assertThat(used.get(1)).isSameAs(used.get(0));
        }
    }
}

package org.stoa.server.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.stoa.server.config.StorageUrl;

/**
 * Moves a deployment from SQLite to PostgreSQL: every table of the SQLite database, row for row
 * with its ids, into an empty PostgreSQL database migrated to the same version, in one
 * transaction that commits only when every table's row count matches. The source is read in one
 * read transaction, so a server still running beside the copy gives a consistent snapshot (what it
 * writes afterwards is not copied).
 */
public final class DatabaseCopy {

    /** A table and how many rows it holds in both databases after the copy. */
    public record TableCount(String table, long rows) {}

    /** Why a copy was refused or undone; nothing was committed. */
    public static final class CopyException extends RuntimeException {
        CopyException(String message) {
            super(message);
        }
    }

    private static final int BATCH = 500;

    private DatabaseCopy() {}

    public static List<TableCount> sqliteToPostgres(Path sqliteFile, StorageUrl target) {
        if (!Files.isRegularFile(sqliteFile)) throw new CopyException("there is no SQLite database at " + sqliteFile);
        try (Database from = Database.openSqlite(sqliteFile);
             Database to = Database.openPostgres(target);
             Handle source = from.reads().open();
             Handle sink = to.openWriteHandle()) {
            source.begin(); // one snapshot of the whole source
            sink.begin();
            try {
                List<TableCount> counts = copy(source.getConnection(), sink.getConnection());
                sink.commit();
                return counts;
            } catch (SQLException | RuntimeException e) {
                sink.rollback();
                if (e instanceof CopyException c) throw c;
                throw new CopyException("the copy failed and was undone: " + e.getMessage());
            } finally {
                source.rollback();
            }
        }
    }

    private static List<TableCount> copy(Connection source, Connection sink) throws SQLException {
        List<String> tables = inDependencyOrder(source);
        for (String table : tables) {
            if (count(sink, table) > 0) {
                throw new CopyException("the target database is not empty (" + table + " has rows); copy into a new database");
            }
        }
        List<TableCount> counts = new ArrayList<>();
        for (String table : tables) {
            copyTable(source, sink, table);
            long from = count(source, table);
            long to = count(sink, table);
            if (from != to) {
                throw new CopyException(table + ": " + from + " rows in SQLite but " + to + " in PostgreSQL; nothing was kept");
            }
            counts.add(new TableCount(table, to));
        }
        PostgresTypes.advanceIdentities(sink);
        return counts;
    }

    private static void copyTable(Connection source, Connection sink, String table) throws SQLException {
        List<String> columns = strings(source, "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
        String names = String.join(", ", columns.stream().map(DatabaseCopy::quote).toList());
        String insert = "INSERT INTO " + quote(table) + " (" + names + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        try (Statement read = source.createStatement();
             ResultSet rs = read.executeQuery("SELECT " + names + " FROM " + quote(table));
             PreparedStatement write = sink.prepareStatement(insert)) {
            int pending = 0;
            while (rs.next()) {
                for (int i = 1; i <= columns.size(); i++) write.setObject(i, rs.getObject(i));
                write.addBatch();
                if (++pending == BATCH) {
                    write.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) write.executeBatch();
        }
    }

    /** The source's tables, each after the tables its foreign keys point at (Flyway's history left out). */
    private static List<String> inDependencyOrder(Connection source) throws SQLException {
        Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
        for (String t : strings(source, """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name <> 'flyway_schema_history' ORDER BY name""")) {
            Set<String> refs = new LinkedHashSet<>(strings(source, "SELECT \"table\" FROM pragma_foreign_key_list('" + t + "')"));
            refs.remove(t);
            dependsOn.put(t, refs);
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < dependsOn.size()) {
            int before = ordered.size();
            for (var e : dependsOn.entrySet()) {
                if (!ordered.contains(e.getKey()) && ordered.containsAll(e.getValue())) ordered.add(e.getKey());
            }
            if (ordered.size() == before) throw new CopyException("the tables' foreign keys form a cycle: " + dependsOn);
        }
        return ordered;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}

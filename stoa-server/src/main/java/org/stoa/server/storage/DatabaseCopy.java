package org.stoa.server.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.stoa.server.config.StorageUrl;

/**
 * Moves a deployment from SQLite to PostgreSQL: every table of the SQLite database, row for row
 * with its ids, into an empty PostgreSQL database migrated to the same version, in one
 * transaction that commits only when every table's row count matches; rows that waited to join
 * their tables ({@link Staging}) join them in the copy. The source is read in one
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
    /** The tables whose counts change when the rows that waited join their tables. */
    private static final Set<String> STAGED = Arrays.stream(Staging.Table.values())
            .flatMap(t -> t.allNames().stream()).collect(Collectors.toUnmodifiableSet());

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
        Plan plan = plan(source);
        List<String> tables = plan.tables();
        for (String table : tables) {
            if (count(sink, table) > 0) {
                throw new CopyException("the target database is not empty (" + table + " has rows); copy into a new database");
            }
        }
        List<TableCount> counts = new ArrayList<>();
        for (String table : tables) {
            copyTable(source, sink, table, plan.setAfter().getOrDefault(table, List.of()));
            long from = count(source, table);
            long to = count(sink, table);
            if (from != to) {
                throw new CopyException(table + ": " + from + " rows in SQLite but " + to + " in PostgreSQL; nothing was kept");
            }
            counts.add(new TableCount(table, to));
        }
        for (var e : plan.setAfter().entrySet()) setAfter(source, sink, e.getKey(), e.getValue());
        moveWaitingRows(source, sink);
        PostgresTypes.advanceIdentities(sink);
        List<TableCount> after = new ArrayList<>();
        for (TableCount t : counts) after.add(STAGED.contains(t.table()) ? new TableCount(t.table(), count(sink, t.table())) : t);
        return after;
    }

    private static void copyTable(Connection source, Connection sink, String table, List<String> leftEmpty) throws SQLException {
        List<String> columns = strings(source, "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
        String names = String.join(", ", columns.stream().map(DatabaseCopy::quote).toList());
        String insert = "INSERT INTO " + quote(table) + " (" + names + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        try (Statement read = source.createStatement();
             ResultSet rs = read.executeQuery("SELECT " + names + " FROM " + quote(table));
             PreparedStatement write = sink.prepareStatement(insert)) {
            int pending = 0;
            while (rs.next()) {
                for (int i = 1; i <= columns.size(); i++) {
                    write.setObject(i, leftEmpty.contains(columns.get(i - 1)) ? null : rs.getObject(i));
                }
                write.addBatch();
                if (++pending == BATCH) {
                    write.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) write.executeBatch();
        }
    }

    /** The tables in the order to copy them, and the nullable columns set afterwards to break a cycle of references. */
    private record Plan(List<String> tables, Map<String, List<String>> setAfter) {}

    /**
     * The source's tables, each after the tables its foreign keys point at (Flyway's history left
     * out). Where references form a cycle (accounts name their avatar's media, media its uploader),
     * a table whose open references are all nullable columns goes first with those columns empty,
     * and they are filled in once every table is copied.
     */
    private static Plan plan(Connection source) throws SQLException {
        Map<String, Map<String, String>> refs = new LinkedHashMap<>(); // table -> column -> referenced table
        for (String t : strings(source, """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name <> 'flyway_schema_history' ORDER BY name""")) {
            Map<String, String> byColumn = new LinkedHashMap<>();
            try (Statement s = source.createStatement();
                 ResultSet rs = s.executeQuery("SELECT \"from\", \"table\" FROM pragma_foreign_key_list('" + t + "')")) {
                while (rs.next()) if (!rs.getString(2).equals(t)) byColumn.put(rs.getString(1), rs.getString(2));
            }
            refs.put(t, byColumn);
        }
        List<String> ordered = new ArrayList<>();
        Map<String, List<String>> setAfter = new LinkedHashMap<>();
        while (ordered.size() < refs.size()) {
            int before = ordered.size();
            for (var e : refs.entrySet()) {
                if (!ordered.contains(e.getKey()) && ordered.containsAll(e.getValue().values())) ordered.add(e.getKey());
            }
            if (ordered.size() > before) continue;
            String broken = null;
            for (var e : refs.entrySet()) {
                if (ordered.contains(e.getKey())) continue;
                List<String> open = e.getValue().entrySet().stream().filter(c -> !ordered.contains(c.getValue()))
                        .map(Map.Entry::getKey).toList();
                Set<String> nullable = new LinkedHashSet<>(strings(source,
                        "SELECT name FROM pragma_table_info('" + e.getKey() + "') WHERE \"notnull\" = 0 AND pk = 0"));
                if (nullable.containsAll(open)) {
                    setAfter.put(e.getKey(), open);
                    broken = e.getKey();
                    break;
                }
            }
            if (broken == null) throw new CopyException("the tables' foreign keys form a cycle: " + refs);
            ordered.add(broken);
        }
        return new Plan(ordered, setAfter);
    }

    /** Fills in the columns left empty to break a cycle, by each row's primary key. */
    private static void setAfter(Connection source, Connection sink, String table, List<String> columns) throws SQLException {
        List<String> key = strings(source, "SELECT name FROM pragma_table_info('" + table + "') WHERE pk > 0 ORDER BY pk");
        if (key.isEmpty()) throw new CopyException(table + " has no primary key to fill in " + columns + " by");
        String set = String.join(", ", columns.stream().map(c -> quote(c) + " = ?").toList());
        String where = String.join(" AND ", key.stream().map(k -> quote(k) + " = ?").toList());
        List<String> all = new ArrayList<>(columns);
        all.addAll(key);
        try (Statement read = source.createStatement();
             ResultSet rs = read.executeQuery("SELECT " + String.join(", ", all.stream().map(DatabaseCopy::quote).toList())
                     + " FROM " + quote(table) + " WHERE " + String.join(" OR ",
                     columns.stream().map(c -> quote(c) + " IS NOT NULL").toList()));
             PreparedStatement write = sink.prepareStatement("UPDATE " + quote(table) + " SET " + set + " WHERE " + where)) {
            while (rs.next()) {
                for (int i = 1; i <= all.size(); i++) write.setObject(i, rs.getObject(i));
                write.addBatch();
            }
            write.executeBatch();
        }
    }

    /**
     * Rows that waited in SQLite (a running server's newest, or what a crash left) join their tables
     * in the copy, since PostgreSQL never moves them, and the counters a server kept in memory while
     * they waited (each account's eventSeq) are brought up to them, so PostgreSQL, which counts in
     * the database, never hands out a number again.
     */
    private static void moveWaitingRows(Connection source, Connection sink) throws SQLException {
        try (Statement s = sink.createStatement()) {
            for (Staging.Table table : Staging.Table.values()) {
                for (String recent : table.recentNames()) {
                    Optional<String> counters = table.countersUpTo(recent, "true");
                    if (counters.isPresent()) s.executeUpdate(counters.get());
                    String columns = String.join(", ", strings(source, "SELECT name FROM pragma_table_info('" + recent + "') ORDER BY cid")
                            .stream().map(DatabaseCopy::quote).toList());
                    // A row a move had copied before the crash is in the table already.
                    s.executeUpdate("INSERT INTO " + table.tableName() + " (" + columns + ") SELECT " + columns + " FROM " + recent
                            + " ON CONFLICT DO NOTHING");
                    s.executeUpdate("DELETE FROM " + recent);
                }
            }
        }
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

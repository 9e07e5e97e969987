package org.stoa.server.storage;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Which tables the writer inserts new rows of the two scattered tables into; chosen once by the
 * server for its database engine. Their readers read every place ({@code EventLog}) or settle first
 * ({@code MessageSearch}), so where a row waits is never visible to a client.
 *
 * <p>A group message is an event per member, each in its account's part of {@code events}
 * (clustered by account and eventSeq), and a search term per distinct word, each in its term's part
 * of {@code search_terms}: one commit touches a page per member and per word. SQLite's log writes
 * every page a commit touches whole: at 1,200 group messages a second the events' pages were 58 %
 * of the log, and once they waited elsewhere the terms' were 41 %. There new rows go to a
 * {@code _recent} table first ({@link RecentRows}). PostgreSQL's log records rows, not pages, so
 * it inserts into the tables themselves.
 */
public sealed interface Staging extends AutoCloseable permits Staging.Direct, RecentRows {

    /** A table whose rows may wait in a pair of tables of their own before they join it. */
    enum Table {
        EVENTS("events", List.of("events_recent", "events_recent_b"), "account_id", """
                INSERT OR IGNORE INTO events (account_id, seq, type, message_id, payload, created_at)
                SELECT account_id, seq, type, message_id, payload, created_at FROM %s WHERE %s ORDER BY account_id, seq""", """
                INSERT INTO event_seqs (account_id, seq) SELECT account_id, max(seq) FROM %s WHERE %s GROUP BY account_id
                ON CONFLICT (account_id) DO UPDATE SET seq = CASE WHEN excluded.seq > event_seqs.seq THEN excluded.seq ELSE event_seqs.seq END"""),
        // OR IGNORE as the direct insert's ON CONFLICT DO NOTHING: a document's term is one row however often it is indexed.
        SEARCH_TERMS("search_terms", List.of("search_terms_recent", "search_terms_recent_b"), "term", """
                INSERT OR IGNORE INTO search_terms (term, kind, scope_id, doc_id)
                SELECT term, kind, scope_id, doc_id FROM %s WHERE %s ORDER BY term, kind, scope_id, doc_id""", null);

        private final String name;
        private final List<String> recent;
        private final List<String> all;
        private final String key;
        private final String move; // SQLite's dialect: only RecentRows moves
        private final String countersUpTo; // both dialects; null when nothing counts the rows

        Table(String name, List<String> recent, String key, String move, String countersUpTo) {
            this.name = name;
            this.recent = recent;
            this.all = Stream.concat(Stream.of(name), recent.stream()).toList();
            this.key = key;
            this.move = move;
            this.countersUpTo = countersUpTo;
        }

        public String tableName() {
            return name;
        }

        /** The two tables where new rows may wait (empty on PostgreSQL); readers read them too. */
        public List<String> recentNames() {
            return recent;
        }

        /**
         * The table and the two where its rows wait: a writer that takes rows out takes them from all
         * three (a row moved but not yet taken from where it waited is in two).
         */
        public List<String> allNames() {
            return all;
        }

        /** The first column of the table's key: a move takes the waiting rows in slices of it. */
        String key() {
            return key;
        }

        /**
         * Copies the rows of {@code from} that {@code where} selects (a condition on {@link #key})
         * into the table; a row already there (a move tried again) is left as it is.
         */
        String move(String from, String where) {
            return move.formatted(from, where);
        }

        /**
         * The statement that brings the counters of the rows of {@code from} that {@code where}
         * selects up to those rows, if the table's rows are counted: each account's eventSeq in
         * {@code event_seqs}, which the writer keeps in memory while its events wait. For rows no
         * memory counts (what a crash left, a copy), run in the transaction that takes them out of
         * {@code from}, before it does; it reads every row, so a move writes down the memory instead.
         */
        public Optional<String> countersUpTo(String from, String where) {
            return Optional.ofNullable(countersUpTo).map(sql -> sql.formatted(from, where));
        }
    }

    /** Inserts go straight into the tables. */
    static Staging direct() {
        return new Direct();
    }

    /** The table new rows of {@code table} are inserted into now; ask in the writer's transaction that inserts them. */
    String into(Table table);

    /** Called in the writer's transaction that inserted rows {@link #into} {@code table}. */
    void appended(Table table);

    /**
     * Has {@code work} run in every transaction of the writer that takes the last rows of
     * {@code table} out of one of its waiting tables, so what memory keeps about them while they
     * wait (the writer's eventSeq counters) is written down with them; never where nothing waits.
     */
    void whenEmptied(Table table, Consumer<Tx> work);

    /**
     * Returns once every row of {@code table} whose key is one of {@code keys} and that was appended
     * before the call is in the table itself (before a search reads it); other rows stay where they
     * wait.
     */
    void settle(Table table, List<?> keys);

    /**
     * Moves every waiting row of {@code table} into it, then runs {@code work} with no move of it
     * under way: rows {@code work} deletes from the table cannot come back from where they waited
     * (pruning by age).
     */
    <T> T settled(Table table, Supplier<T> work);

    @Override
    void close();

    /** Nothing waits anywhere: {@link #settle} has nothing to do. */
    record Direct() implements Staging {
        @Override
        public String into(Table table) {
            return table.tableName();
        }

        @Override
        public void appended(Table table) {}

        @Override
        public void whenEmptied(Table table, Consumer<Tx> work) {}

        @Override
        public void settle(Table table, List<?> keys) {}

        @Override
        public <T> T settled(Table table, Supplier<T> work) {
            return work.get();
        }

        @Override
        public void close() {}
    }
}

package org.stoa.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.cluster.SingleNodeBus;
import org.stoa.server.storage.Database;
import org.stoa.server.storage.RecentRows;
import org.stoa.server.storage.Staging;
import org.stoa.server.storage.Writer;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * New stream events wait in {@code events_recent} and move into {@code events} in bulk; a reader
 * sees each event once, in eventSeq order, wherever it waits. Each account's counter
 * ({@code event_seqs}) survives the upgrade that gave it its own table.
 */
class RecentEventsTest {

    private static final String COLUMNS = "account_id, seq, type, message_id, payload, created_at";

    @TempDir
    Path dir;

    @Test
    void aReadTakesTheLogAndWhatWaitsInOrderAndAMoveKeepsEveryEventOnce() throws Exception {
        Path file = dir.resolve("stoa.db");
        try (Opened opened = Opened.of(file, RecentRows.SLICE_ROWS, new SimpleMeterRegistry())) {
            Writer writer = opened.writer();
            RecentRows recent = opened.recent();
            EventLog log = opened.log();
            long ann = account(writer, "ann");
            long ben = account(writer, "ben");
            for (int i = 1; i <= 3; i++) append(writer, log, List.of(ann, ben), i);

            assertThat(count(file, "events_recent")).as("appended where they wait").isEqualTo(6);
            assertThat(count(file, "events")).isZero();
            assertThat(numbers(log.read(ann, 0, 100))).containsExactly(1, 2, 3);

            moveAll(recent, Staging.Table.EVENTS);
            assertThat(count(file, "events_recent")).isZero();
            assertThat(count(file, "events")).as("moved, each once").isEqualTo(6);

            for (int i = 4; i <= 5; i++) append(writer, log, List.of(ann, ben), i);
            assertThat(count(file, "events_recent_b")).as("after a move, appended to the other table").isEqualTo(4);
            assertThat(numbers(log.read(ann, 0, 100))).as("the log's, then what waits").containsExactly(1, 2, 3, 4, 5);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                // As a slice of a move leaves them until the move's last slice: ben's in both places.
                s.execute("INSERT INTO events (" + COLUMNS + ") SELECT " + COLUMNS + " FROM events_recent_b WHERE account_id = " + ben);
            }
            assertThat(numbers(log.read(ben, 0, 100))).as("a moved event still waiting is read once").containsExactly(1, 2, 3, 4, 5);
            assertThat(numbers(log.read(ben, 3, 1))).containsExactly(4);
            assertThat(log.read(ann, 0, 100)).extracting(StreamEvent::eventSeq).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(numbers(log.read(ann, 0, 4))).as("a page stops at its limit across both").containsExactly(1, 2, 3, 4);
            assertThat(numbers(log.read(ann, 2, 2))).containsExactly(3, 4);
            assertThat(numbers(log.read(ann, 4, 100))).containsExactly(5);
            assertThat(log.firstKeptSeq(ann)).isEqualTo(1);

            writer.execute(tx -> {
                log.deleteAll(tx, ann);
                return null;
            });
            assertThat(log.read(ann, 0, 100)).as("gone from both tables").isEmpty();
            assertThat(numbers(log.read(ben, 0, 100))).as("another account's stream untouched").containsExactly(1, 2, 3, 4, 5);
            moveAll(recent, Staging.Table.EVENTS);
            assertThat(numbers(log.read(ben, 0, 100))).containsExactly(1, 2, 3, 4, 5);
            assertThat(log.firstKeptSeq(ann)).as("nothing kept: the next one").isEqualTo(6);
        }
    }

    @Test
    void countersKeptInMemoryReachEventSeqsWhenTheirEventsLeaveWhereTheyWait() throws Exception {
        Path file = dir.resolve("stoa.db");
        long ann;
        long ben;
        try (Opened opened = Opened.of(file, 2, new SimpleMeterRegistry())) {
            Writer writer = opened.writer();
            RecentRows recent = opened.recent();
            EventLog log = opened.log();
            ann = account(writer, "ann");
            ben = account(writer, "ben");
            for (int i = 1; i <= 3; i++) append(writer, log, List.of(ann, ben), i);
            assertThat(count(file, "event_seqs")).as("a send writes no counter rows").isZero();
            assertThat(log.latestSeqs(List.of(ann, ben))).containsExactlyInAnyOrderEntriesOf(Map.of(ann, 3L, ben, 3L));
            assertThat(log.latestSeq(ann)).isEqualTo(3);

            moveAll(recent, Staging.Table.EVENTS);
            assertThat(counters(file)).as("brought up by the move, in slices of an account")
                    .containsExactlyInAnyOrderEntriesOf(Map.of(ann, 3L, ben, 3L));

            assertThatThrownBy(() -> writer.execute(tx -> {
                log.append(tx, List.of(ann, ben), EventType.CONTACT_ADDED, Map.of("n", 0));
                throw new IllegalStateException("a job that fails after appending");
            })).hasMessage("a job that fails after appending");
            for (int i = 4; i <= 5; i++) append(writer, log, List.of(ann, ben), i);
            assertThat(log.read(ben, 0, 100)).as("no eventSeq lost to the job that failed")
                    .extracting(StreamEvent::eventSeq).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(counters(file)).containsEntry(ann, 3L);
            writer.execute(tx -> {
                log.deleteAll(tx, ann);
                return null;
            });
            assertThat(counters(file)).as("brought up before the account's waiting events went").containsEntry(ann, 5L);
        }
        assertThat(counters(file)).as("a stop moves ben's events and brings his counter up").containsEntry(ben, 5L);
        try (Opened opened = Opened.of(file, RecentRows.SLICE_ROWS, new SimpleMeterRegistry())) {
            Writer writer = opened.writer();
            EventLog log = opened.log();
            assertThat(log.latestSeqs(List.of(ann, ben))).containsExactlyInAnyOrderEntriesOf(Map.of(ann, 5L, ben, 5L));
            append(writer, log, List.of(ann, ben), 6);
            assertThat(log.read(ann, 0, 100)).extracting(StreamEvent::eventSeq).containsExactly(6L);
            assertThat(log.read(ben, 0, 100)).extracting(StreamEvent::eventSeq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        }
    }

    @Test
    void anEventForMoreAccountsThanOneStatementTakesReachesEachOfThemOnce() throws Exception {
        Path file = dir.resolve("stoa.db");
        try (Opened opened = Opened.of(file, RecentRows.SLICE_ROWS, new SimpleMeterRegistry())) {
            Writer writer = opened.writer();
            RecentRows recent = opened.recent();
            EventLog log = opened.log();
            int many = EventLog.ROWS_PER_INSERT + 1;
            List<Long> accounts = writer.execute(tx -> {
                tx.handle().execute("""
                        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                        INSERT INTO accounts (username, password_hash, created_at) SELECT 'member' || i, 'x', 0 FROM n""", many);
                return tx.handle().createQuery("SELECT id FROM accounts ORDER BY id").mapTo(Long.class).list();
            });
            assertThat(accounts).hasSize(many);
            append(writer, log, accounts, 1);
            append(writer, log, accounts, 2);
            assertThat(count(file, "events_recent")).isEqualTo(2L * many);
            assertThat(log.latestSeqs(accounts).values()).hasSize(many).containsOnly(2L);
            moveAll(recent, Staging.Table.EVENTS);
            assertThat(counters(file).values()).hasSize(many).containsOnly(2L);
            assertThat(numbers(log.read(accounts.getLast(), 0, 10))).containsExactly(1, 2);
        }
    }

    @Test
    void aMoveTakesTheWaitingRowsInSlicesOfAccountsEachRowOnce() throws Exception {
        Path file = dir.resolve("stoa.db");
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        // Slices of about two rows: each account's two events are a transaction of their own.
        try (Opened opened = Opened.of(file, 2, metrics)) {
            Writer writer = opened.writer();
            RecentRows recent = opened.recent();
            EventLog log = opened.log();
            List<Long> accounts = List.of(account(writer, "ann"), account(writer, "ben"), account(writer, "cid"));
            for (int i = 1; i <= 2; i++) append(writer, log, accounts, i);
            moveAll(recent, Staging.Table.SEARCH_TERMS);
            assertThat(count(file, "events_recent")).as("a move of the terms leaves the events waiting").isEqualTo(6);
            long commits = metrics.find(Writer.class.getName() + ".commit").timer().count();

            moveAll(recent, Staging.Table.EVENTS);

            assertThat(metrics.find(Writer.class.getName() + ".commit").timer().count() - commits)
                    .as("one transaction counting what waits, then one a slice").isEqualTo(4);
            assertThat(count(file, "events_recent")).isZero();
            assertThat(count(file, "events")).as("moved, each once").isEqualTo(6);
            for (long account : accounts) assertThat(numbers(log.read(account, 0, 100))).containsExactly(1, 2);
            append(writer, log, accounts, 3);
            assertThat(count(file, "events_recent_b")).isEqualTo(3);
            moveAll(recent, Staging.Table.EVENTS);
            for (long account : accounts) assertThat(numbers(log.read(account, 0, 100))).containsExactly(1, 2, 3);
            assertThat(count(file, "events_recent") + count(file, "events_recent_b")).isZero();
            append(writer, log, accounts, 4);
        }
        assertThat(count(file, "events_recent") + count(file, "events_recent_b")).as("a stop moves what waits").isZero();
        assertThat(count(file, "events")).isEqualTo(12);
    }

    @Test
    void aStartMovesWhatAnEarlierRunLeftHalfMovedAndAStreamResumesWithEveryEventOnce() throws SQLException {
        // Rows wait only on SQLite: on the PostgreSQL run too.
        try (TestServer server = new TestServer(dir, Map.of("storage.url", ""))) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            for (int i = 0; i < 5; i++) alice.send(group, "c" + i, "message " + i);
            // As a crash in the middle of a move leaves them: bob's newest two events waiting, the
            // older of them in events already, and alice's newest waiting in the other table.
            server.whileStopped(() -> {
                try (Connection c = server.connectToDatabase(); Statement s = c.createStatement()) {
                    c.setAutoCommit(false);
                    for (String recent : Staging.Table.EVENTS.recentNames()) {
                        s.execute("INSERT OR IGNORE INTO events (" + COLUMNS + ") SELECT " + COLUMNS + " FROM " + recent);
                        s.execute("DELETE FROM " + recent);
                    }
                    s.execute("INSERT INTO events_recent SELECT " + COLUMNS + " FROM events WHERE " + newest(bob, 2));
                    s.execute("DELETE FROM events WHERE " + newest(bob, 1));
                    s.execute("INSERT INTO events_recent_b SELECT " + COLUMNS + " FROM events WHERE " + newest(alice, 1));
                    s.execute("DELETE FROM events WHERE " + newest(alice, 1));
                    // Counters as the last move left them: behind the events still waiting.
                    s.execute("UPDATE event_seqs SET seq = seq - 2 WHERE account_id = " + bob.id());
                    s.execute("UPDATE event_seqs SET seq = seq - 1 WHERE account_id = " + alice.id());
                    c.commit();
                    try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM events_recent) + (SELECT count(*) FROM events_recent_b)")) {
                        assertThat(rs.next() && rs.getLong(1) == 3).as("three events left waiting").isTrue();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(count(server, "SELECT (SELECT count(*) FROM events_recent) + (SELECT count(*) FROM events_recent_b)"))
                    .as("moved as the server started").isZero();
            for (User user : List.of(alice, bob)) {
                try (Connection c = server.connectToDatabase(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT seq), max(seq) FROM events WHERE account_id = " + user.id())) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("every event of " + user.username() + "'s once").isEqualTo(rs.getLong(2))
                            .isEqualTo(rs.getLong(3)).isGreaterThanOrEqualTo(6);
                }
            }
            try (StreamClient resumed = server.current(bob).stream(0L)) {
                assertThat(resumed.awaitEvents("message.created", 5)).extracting(e -> e.at("/data/text").asText())
                        .containsExactly("message 0", "message 1", "message 2", "message 3", "message 4");
                assertThat(server.current(alice).send(group, "c5", "message 5").status()).isEqualTo(201);
                assertThat(resumed.awaitEvents("message.created", 6)).extracting(e -> e.at("/data/text").asText()).last()
                        .isEqualTo("message 5");
            }
        }
    }

    /** The account's newest {@code n} events. */
    private static String newest(User user, int n) {
        return "account_id = %1$d AND seq > (SELECT seq - %2$d FROM event_seqs WHERE account_id = %1$d)".formatted(user.id(), n);
    }

    @Test
    void anUpgradeKeepsEveryAccountsCounterSoNewEventsFollowTheOldOnes() throws Exception {
        Path file = dir.resolve("stoa.db");
        // A database as the release before the counters moved left it: accounts.event_seq.
        Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null)
                .locations("classpath:db/migration", "classpath:db/vendor/sqlite").target("97").load().migrate();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO accounts (username, password_hash, created_at, event_seq) VALUES ('ann', 'x', 0, 7), ('ben', 'x', 0, 0)");
            s.execute("INSERT INTO event_types (name) VALUES ('contact.added')");
            s.execute("INSERT INTO events (account_id, seq, type, payload, created_at) "
                    + "SELECT id, 7, (SELECT code FROM event_types), '{\"n\":7}', 0 FROM accounts WHERE username = 'ann'");
        }
        try (Opened opened = Opened.of(file, RecentRows.SLICE_ROWS, new SimpleMeterRegistry())) {
            Writer writer = opened.writer();
            RecentRows recent = opened.recent();
            EventLog log = opened.log();
            long ann = writer.execute(tx -> tx.handle().createQuery("SELECT id FROM accounts WHERE username = 'ann'").mapTo(Long.class).one());
            long ben = writer.execute(tx -> tx.handle().createQuery("SELECT id FROM accounts WHERE username = 'ben'").mapTo(Long.class).one());
            assertThat(log.latestSeqs(List.of(ann, ben))).containsExactlyInAnyOrderEntriesOf(Map.of(ann, 7L, ben, 0L));
            append(writer, log, List.of(ann, ben), 1);
            moveAll(recent, Staging.Table.EVENTS); // into events, whose key (account, eventSeq) a repeated eventSeq would break
            assertThat(log.read(ann, 0, 100)).extracting(StreamEvent::eventSeq).containsExactly(7L, 8L);
            assertThat(log.read(ben, 0, 100)).extracting(StreamEvent::eventSeq).containsExactly(1L);
        }
    }

    /** Each account's row in {@code event_seqs}. */
    private static Map<Long, Long> counters(Path file) throws SQLException {
        Map<Long, Long> counters = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT account_id, seq FROM event_seqs")) {
            while (rs.next()) counters.put(rs.getLong(1), rs.getLong(2));
        }
        return counters;
    }

    private static long count(TestServer server, String query) throws SQLException {
        try (Connection c = server.connectToDatabase(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A database with its writer, its waiting tables (moved only when a test asks: an hour between scheduled moves) and the event log. */
    private record Opened(Database db, Writer writer, RecentRows recent, EventLog log) implements AutoCloseable {

        static Opened of(Path file, int sliceRows, SimpleMeterRegistry metrics) {
            Database db = Database.openSqlite(file);
            Writer writer = new Writer(db, Clock.systemUTC(), metrics);
            RecentRows recent = RecentRows.start(db.reads(), writer, Duration.ofHours(1), sliceRows);
            return new Opened(db, writer, recent,
                    EventLog.open(db.reads(), writer, new StreamHub(new SimpleMeterRegistry(), new SingleNodeBus()), recent));
        }

        @Override
        public void close() {
            recent.close();
            writer.close();
            db.close();
        }
    }

    /** Moves every waiting row of {@code table}, as the schedule would. */
    private static void moveAll(RecentRows recent, Staging.Table table) {
        recent.settled(table, () -> null);
    }

    private static long account(Writer writer, String name) {
        return writer.execute(tx -> tx.handle().createQuery(
                        "INSERT INTO accounts (username, password_hash, created_at) VALUES (:n, 'x', 0) RETURNING id")
                .bind("n", name).mapTo(Long.class).one());
    }

    private static void append(Writer writer, EventLog log, List<Long> accounts, int n) {
        writer.execute(tx -> {
            log.append(tx, accounts, EventType.CONTACT_ADDED, Map.of("n", n));
            return null;
        });
    }

    private static List<Integer> numbers(List<StreamEvent> events) {
        return events.stream().map(e -> Integer.parseInt(e.dataJson().replaceAll("\\D", ""))).toList();
    }

    private static long count(Path file, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

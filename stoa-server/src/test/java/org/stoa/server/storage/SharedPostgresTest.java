package org.stoa.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.config.StorageUrl;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestPostgres;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * Two servers writing to one PostgreSQL database, as several nodes do: each has its own
 * {@link Writer}; their commits take turns, and everything else runs at the same time. Runs on PostgreSQL whatever
 * engine the rest of the run uses.
 */
class SharedPostgresTest {

    @Test
    void twoNodesWritersTakeTurnsSoTheirBatchesNeverDeadlockOnCounterRows() throws Exception {
        String url = TestPostgres.newDatabase();
        try (Database one = Database.openPostgres(StorageUrl.parse(url));
             Database two = Database.openPostgres(StorageUrl.parse(url))) {
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            try (Writer first = new Writer(one, Clock.systemUTC(), metrics);
                 Writer second = new Writer(two, Clock.systemUTC(), metrics);
                 Connection observer = TestPostgres.connect(url)) {
                List<Long> ids = first.execute(tx -> tx.handle().createQuery("""
                        INSERT INTO accounts (username, password_hash, created_at) VALUES ('x', '-', 0), ('y', '-', 0)
                        RETURNING id""").mapTo(Long.class).list());
                first.execute(tx -> tx.handle().execute("INSERT INTO event_seqs (account_id, seq) SELECT id, 0 FROM accounts"));
                CountDownLatch firstHolds = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                // The rows in opposite orders: without turns, this is the deadlock two nodes' batches meet.
                CompletableFuture<Integer> a = first.submit(tx -> {
                    int n = bump(tx, ids.get(0));
                    firstHolds.countDown();
                    assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                    return n + bump(tx, ids.get(1));
                });
                assertThat(firstHolds.await(30, TimeUnit.SECONDS)).isTrue();
                CompletableFuture<Integer> b = second.submit(tx -> bump(tx, ids.get(1)) + bump(tx, ids.get(0)));
                await().atMost(Duration.ofSeconds(30)).until(() -> waitingForWritersTurn(observer) == 1);
                assertThat(b).isNotDone();
                release.countDown();

                assertThat(a.get(30, TimeUnit.SECONDS)).isEqualTo(2);
                assertThat(b.get(30, TimeUnit.SECONDS)).isEqualTo(2);
                assertThat(metrics.counter(Writer.class.getName() + ".retries").count()).isZero();
                List<Long> bumps = one.reads().withHandle(h -> h.createQuery("SELECT seq FROM event_seqs ORDER BY account_id")
                        .mapTo(Long.class).list());
                assertThat(bumps).containsExactly(2L, 2L);
            }
        }
    }

    private static int bump(Tx tx, long account) {
        return tx.handle().createUpdate("UPDATE event_seqs SET seq = seq + 1 WHERE account_id = :id").bind("id", account).execute();
    }

    private static long waitingForWritersTurn(Connection c) throws SQLException {
        return longs(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").getFirst();
    }

    @Test
    void concurrentSendsThroughTwoServersKeepEveryConversationAndStreamGapFree(@TempDir Path dir) throws Exception {
        String url = TestPostgres.newDatabase();
        try (TestServer a = new TestServer(dir.resolve("a"), Map.of("storage.url", url));
             TestServer b = new TestServer(dir.resolve("b"), Map.of("storage.url", url))) {
            User owner = a.register("owner");
            List<User> members = List.of(a.register("member"), a.register("member"), a.register("member"));
            long first = a.group(owner, members);
            long second = owner.api().post("/api/v1/conversations", Map.of("type", "group", "title", "second",
                    "members", members.stream().map(User::id).toList())).id();
            List<User> senders = new ArrayList<>(members);
            senders.add(owner);

            int perSender = 30;
            ExecutorService pool = Executors.newFixedThreadPool(senders.size() * 2);
            List<Future<Response>> sends = new ArrayList<>();
            for (int s = 0; s < senders.size(); s++) {
                for (int node = 0; node < 2; node++) {
                    User sender = (node == 0 ? a : b).current(senders.get(s));
                    long[] order = node == 0 ? new long[] {first, second} : new long[] {second, first};
                    for (int i = 0; i < perSender; i++) {
                        long conversation = order[i % 2];
                        String clientId = "n" + node + "-" + i;
                        sends.add(pool.submit(() -> sender.send(conversation, clientId, "hello " + clientId)));
                    }
                }
            }
            pool.shutdown();
            for (Future<Response> f : sends) {
                Response r = f.get(120, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
            }

            try (Connection c = TestPostgres.connect(url)) {
                // Every conversation's seq runs 1..N with no gap and no repeat, and last_seq is N.
                for (long conversation : new long[] {first, second}) {
                    List<Long> seqs = longs(c, "SELECT seq FROM messages WHERE conversation_id = " + conversation
                            + " AND seq IS NOT NULL ORDER BY seq");
                    assertThat(seqs).hasSize(senders.size() * perSender);
                    for (int i = 0; i < seqs.size(); i++) assertThat(seqs.get(i)).isEqualTo(i + 1L);
                    assertThat(longs(c, "SELECT last_seq FROM conversations WHERE id = " + conversation))
                            .containsExactly((long) seqs.size());
                }
                // Every account's eventSeq runs 1..N too: a reconnecting client misses nothing.
                for (User u : senders) {
                    List<Long> events = longs(c, "SELECT seq FROM events WHERE account_id = " + u.id() + " ORDER BY seq");
                    assertThat(events).hasSizeGreaterThanOrEqualTo(2 * senders.size() * perSender);
                    for (int i = 0; i < events.size(); i++) assertThat(events.get(i)).isEqualTo(i + 1L);
                }
            }
        }
    }

    private static List<Long> longs(Connection c, String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getLong(1));
        }
        return out;
    }
}

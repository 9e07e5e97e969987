package org.stoa.bench.channels;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.stoa.server.StoaServer;
import org.stoa.server.config.ConfigLoader;
import org.stoa.server.config.StoaConfig;

/**
 * A channel's fan-out: how long until every online subscriber of a channel with {@code --subscribers}
 * subscribers has a post on its WebSocket, and what memory that takes. {@code --online} of them hold
 * a real WebSocket (the JDK's client, in this JVM, over loopback); the rest are subscribers with no
 * stream open, whose rows the fan-out still reads. The baseline, in the same run, is a channel whose
 * only subscribers are the same online accounts. Accounts, sessions and subscriptions are written
 * straight into the database while the server is stopped (100,000 Argon2id registrations would take
 * an hour); everything after that goes through the server's HTTP API and streams.
 *
 * <pre>
 * java -Xmx1g -cp 'stoa-bench/target/stoa-bench.jar:stoa-bench/target/lib/*' org.stoa.bench.channels.ChannelFanOutBench \
 *      [--subscribers 100000] [--online 2000] [--posts 10]
 * </pre>
 */
public final class ChannelFanOutBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        int subscribers = Integer.parseInt(opts.getOrDefault("subscribers", "100000"));
        int online = Integer.parseInt(opts.getOrDefault("online", "2000"));
        int posts = Integer.parseInt(opts.getOrDefault("posts", "10"));
        if (online > subscribers) throw new IllegalArgumentException("--online is at most --subscribers");

        Path data = Files.createTempDirectory("stoa-fanout");
        StoaConfig config = ConfigLoader.fromMap(Map.of("server.port", "0", "server.host", "127.0.0.1", "data.dir", data.toString(),
                "log.format", "text", "ocr.enabled", "false", "limits.webSocketsPerAddress", String.valueOf(online + 100),
                "limits.channelPostsPerAccount", "100000/1s"));
        StoaServer.start(config, Clock.systemUTC()).close(); // creates and migrates the database
        long t0 = System.nanoTime();
        Seeded seeded = seed(config.databaseFile(), subscribers, online);
        System.out.printf("seeded %,d accounts, %,d subscriptions and %,d sessions in %.1f s%n", subscribers + 1,
                subscribers + online, online + 1, (System.nanoTime() - t0) / 1e9);

        try (StoaServer server = StoaServer.start(config, Clock.systemUTC())) {
            String base = "http://127.0.0.1:" + server.port();
            Receivers receivers = new Receivers(online);
            List<WebSocket> sockets = receivers.connect(server.port(), seeded.tokens());
            System.out.printf("%,d WebSockets open%n", sockets.size());
            long heapBefore = usedHeapAfterGc();
            List<Double> large = new ArrayList<>();
            List<Double> small = new ArrayList<>();
            post(base, seeded, seeded.largeChannel(), receivers, -1); // warm-up, not counted
            post(base, seeded, seeded.smallChannel(), receivers, -2);
            // The server's own figure: ChannelLog's fan-out timer (reading the subscribers, queueing the frame), per channel.
            double[] before = fanOut(base);
            for (int i = 0; i < posts; i++) large.add(post(base, seeded, seeded.largeChannel(), receivers, i * 2));
            double[] middle = fanOut(base);
            for (int i = 0; i < posts; i++) small.add(post(base, seeded, seeded.smallChannel(), receivers, i * 2 + 1));
            double[] after = fanOut(base);
            long heapAfter = usedHeapAfterGc();
            System.out.printf("server-side fan-out per post (mean ms): %.1f for the channel of %,d, %.1f for the baseline of %,d%n",
                    (middle[0] - before[0]) / (middle[1] - before[1]) * 1000, subscribers,
                    (after[0] - middle[0]) / (after[1] - middle[1]) * 1000, online);
            long max = Runtime.getRuntime().maxMemory();
            System.out.printf("posts to a channel of %,d subscribers (%,d online): all online received it within ms: "
                    + "median %.0f, max %.0f%n", subscribers, online, median(large), max(large));
            System.out.printf("baseline, a channel of only those %,d online subscribers: median %.0f, max %.0f; ratio %.2f%n",
                    online, median(small), max(small), median(large) / median(small));
            System.out.printf("heap used after GC: %,d MB before the posts, %,d MB after (max heap %,d MB)%n",
                    heapBefore >> 20, heapAfter >> 20, max >> 20);
            sockets.forEach(WebSocket::abort);
        }
        System.exit(0);
    }

    record Seeded(long largeChannel, long smallChannel, String ownerToken, List<String> tokens) {}

    /** Posts once and answers the milliseconds until every online subscriber had it. */
    private static double post(String base, Seeded seeded, long channel, Receivers receivers, int round) throws Exception {
        CountDownLatch all = receivers.expect("round-" + round + ";");
        long start = System.nanoTime();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/channels/" + channel + "/posts"))
                .header("Authorization", "Bearer " + seeded.ownerToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"c" + round + "\",\"text\":\"round-" + round + "; ferry news\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("post " + r.statusCode() + " " + r.body());
        if (!all.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("not every subscriber got round " + round);
        return (receivers.lastArrival.get() - start) / 1e6;
    }

    /** {sum of seconds, count} of the server's channel fan-out timer, from /metrics. */
    private static double[] fanOut(String base) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        double count = 0;
        for (String line : metrics.split("\n")) {
            if (!line.contains("ChannelLog_fanOut_seconds")) continue;
            String[] parts = line.split(" ");
            if (line.startsWith("org_stoa_server_channels_ChannelLog_fanOut_seconds_sum")) sum = Double.parseDouble(parts[parts.length - 1]);
            if (line.startsWith("org_stoa_server_channels_ChannelLog_fanOut_seconds_count")) count = Double.parseDouble(parts[parts.length - 1]);
        }
        return new double[] {sum, count};
    }

    /** The online subscribers' sockets, counting arrivals of the post being timed. */
    static final class Receivers {
        private final int count;
        private volatile String marker = "";
        private volatile CountDownLatch latch = new CountDownLatch(0);
        final AtomicLong lastArrival = new AtomicLong();

        Receivers(int count) {
            this.count = count;
        }

        CountDownLatch expect(String marker) {
            this.latch = new CountDownLatch(count);
            this.marker = marker;
            return latch;
        }

        List<WebSocket> connect(int port, List<String> tokens) throws Exception {
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            Semaphore inFlight = new Semaphore(64);
            CountDownLatch ready = new CountDownLatch(tokens.size());
            for (String token : tokens) {
                inFlight.acquire();
                opening.add(HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token).connectTimeout(Duration.ofSeconds(30))
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/stream"), listener(ready))
                        .whenComplete((ws, e) -> inFlight.release()));
            }
            List<WebSocket> out = new ArrayList<>();
            for (CompletableFuture<WebSocket> f : opening) out.add(f.get(60, TimeUnit.SECONDS));
            if (!ready.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("streams not ready");
            return out;
        }

        private WebSocket.Listener listener(CountDownLatch ready) {
            return new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        String frame = partial.toString();
                        partial.setLength(0);
                        if (frame.startsWith("{\"type\":\"stream.ready\"")) {
                            ready.countDown();
                        } else if (frame.contains(marker) && frame.contains("\"type\":\"channel.post\"")) {
                            lastArrival.accumulateAndGet(System.nanoTime(), Math::max);
                            latch.countDown();
                        }
                    }
                    ws.request(1);
                    return null;
                }
            };
        }
    }

    /** Writes the accounts, sessions, two channels and their subscriptions straight into the stopped server's database. */
    private static Seeded seed(Path file, int subscribers, int online) throws Exception {
        org.sqlite.SQLiteDataSource source = new org.sqlite.SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return Jdbi.create(source).inTransaction(h -> {
            long now = System.currentTimeMillis();
            long owner = account(h, "fanowner", now);
            String ownerToken = session(h, owner, "owner", now);
            PreparedBatch accounts = h.prepareBatch("INSERT INTO accounts (username, password_hash, created_at) VALUES (:u, 'x', :now)");
            for (int i = 0; i < subscribers; i++) accounts.bind("u", "fan" + i).bind("now", now).add();
            accounts.execute();
            List<Long> ids = h.createQuery("SELECT id FROM accounts WHERE username LIKE 'fan%' AND id <> :o ORDER BY id")
                    .bind("o", owner).mapTo(Long.class).list();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < online; i++) tokens.add(session(h, ids.get(i), "s" + i, now));
            long large = channel(h, "fan_large", owner, subscribers, now);
            long small = channel(h, "fan_small", owner, online, now);
            PreparedBatch subs = h.prepareBatch("""
                    INSERT INTO channel_subscriptions (account_id, channel_id, from_log_seq, created_at) VALUES (:a, :c, 0, :now)""");
            for (int i = 0; i < ids.size(); i++) {
                subs.bind("a", ids.get(i)).bind("c", large).bind("now", now).add();
                if (i < online) subs.bind("a", ids.get(i)).bind("c", small).bind("now", now).add();
            }
            subs.execute();
            return new Seeded(large, small, ownerToken, tokens);
        });
    }

    private static long account(Handle h, String name, long now) {
        return h.createQuery("INSERT INTO accounts (username, password_hash, created_at) VALUES (:u, 'x', :now) RETURNING id")
                .bind("u", name).bind("now", now).mapTo(Long.class).one();
    }

    private static String session(Handle h, long account, String salt, long now) {
        String token = "fanout-" + salt + "-" + System.nanoTime();
        h.createUpdate("INSERT INTO sessions (account_id, token_hash, created_at, expires_at) VALUES (:a, :hash, :now, :exp)")
                .bind("a", account).bind("hash", sha256(token)).bind("now", now).bind("exp", now + 86_400_000L).execute();
        return token;
    }

    private static long channel(Handle h, String handle, long owner, int subscribers, long now) {
        return h.createQuery("""
                        INSERT INTO channels (handle, title, description, visibility, owner_id, subscriber_count, created_at)
                        VALUES (:h, :h, 'fan-out benchmark', 'public', :o, :n, :now) RETURNING id""")
                .bind("h", handle).bind("o", owner).bind("n", subscribers).bind("now", now).mapTo(Long.class).one();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        return s.get(s.size() / 2);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}

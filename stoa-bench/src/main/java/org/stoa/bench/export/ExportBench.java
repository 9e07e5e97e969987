package org.stoa.bench.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.stoa.bench.image.BenchImages;
import org.stoa.engine.review.ContentReview;
import org.stoa.engine.review.Decision;
import org.stoa.server.StoaServer;
import org.stoa.server.config.ConfigLoader;
import org.stoa.server.export.ArchiveVerifier;

/**
 * How long an account's data export takes, and whether the heap grows with the archive. Starts a
 * server in this JVM on a temporary folder, fills two accounts through the API (a small one, and a
 * large one with ten times the messages and images), exports each and reports, per export: the
 * time from {@code POST /api/v1/me/exports} to ready, the archive's size, and the most live heap
 * (after a collection) seen while it was built, above what was live before it started.
 *
 * <pre>
 * java -Xmx256m -XX:+UseG1GC -cp 'stoa-bench/target/stoa-bench.jar:stoa-bench/target/lib/*' \
 *      org.stoa.bench.export.ExportBench [--messages 100000] [--images 1000] [--conversations 10]
 * </pre>
 * The small account has a tenth of the messages and images. Setting up sends with review switched
 * off (what is measured is the export, not the send path); images are distinct 1-megapixel JPEGs.
 */
public final class ExportBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContentReview NO_REVIEW = content -> Decision.deliver("none", List.of());

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final AtomicLong peakLiveAfterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private volatile boolean watching;

    record Account(long id, String name, String token) {}

    private ExportBench(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        int messages = Integer.parseInt(opts.getOrDefault("messages", "100000"));
        int images = Integer.parseInt(opts.getOrDefault("images", "1000"));
        int conversations = Integer.parseInt(opts.getOrDefault("conversations", "10"));
        Path data = Files.createTempDirectory("stoa-export-bench");
        var config = ConfigLoader.fromMap(Map.of("server.port", "0", "server.host", "127.0.0.1", "data.dir", data.toString(),
                "limits.accountsPerAddress", "100000/1h", "log.format", "text", "ocr.enabled", "false"));
        StoaServer server = StoaServer.startReplacingReview(config, Clock.systemUTC(), NO_REVIEW);
        try {
            ExportBench bench = new ExportBench("http://127.0.0.1:" + server.port());
            bench.watchCollections();
            System.out.printf("java %s, max heap %d MB, %d cores%n", Runtime.version(), Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors());
            Account small = bench.fill("small", messages / 10, images / 10, conversations, 0);
            Account large = bench.fill("large", messages, images, conversations, images);
            bench.export(small, messages / 10, images / 10, data);
            bench.export(large, messages, images, data);
        } finally {
            server.close();
        }
        System.exit(0);
    }

    /**
     * An account in {@code conversations} direct chats holding {@code messages} messages, {@code images} of them
     * photos (distinct images, numbered from {@code firstImage}).
     */
    private Account fill(String prefix, int messages, int images, int conversations, int firstImage) throws Exception {
        long start = System.nanoTime();
        Account owner = account(prefix);
        List<Account> peers = new ArrayList<>();
        List<Long> chats = new ArrayList<>();
        for (int i = 0; i < conversations; i++) {
            Account peer = account(prefix + "peer" + i);
            peers.add(peer);
            long request = post(owner, "/api/v1/contacts/requests", Map.of("username", peer.name())).get("id").asLong();
            post(peer, "/api/v1/contacts/requests/" + request + "/accept", Map.of());
            chats.add(post(owner, "/api/v1/conversations", Map.of("type", "direct", "members", List.of(peer.id()))).get("id").asLong());
        }
        Semaphore inFlight = new Semaphore(32);
        List<Future<?>> sent = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
             ExecutorService cpu = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            List<Future<String>> photos = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                int n = i;
                photos.add(cpu.submit(() -> upload(owner, BenchImages.jpeg(firstImage + n, 1024, 1024))));
            }
            for (int i = 0; i < messages; i++) {
                long chat = chats.get(i % conversations);
                boolean photo = i < images; // photos are the owner's uploads, so the owner sends them
                Account sender = photo || i % 2 == 0 ? owner : peers.get(i % conversations);
                Map<String, Object> body = photo
                        ? Map.of("clientId", "m" + i, "mediaId", photos.get(i).get())
                        : Map.of("clientId", "m" + i, "text", "message " + i + " of a long and lively conversation, with some words in it");
                inFlight.acquire();
                sent.add(pool.submit(() -> {
                    try {
                        post(sender, "/api/v1/conversations/" + chat + "/messages", body);
                    } finally {
                        inFlight.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) f.get();
        }
        System.out.printf("%s: %d messages (%d photos) in %d conversations, set up in %.0f s%n", prefix, messages, images,
                conversations, (System.nanoTime() - start) / 1e9);
        return owner;
    }

    private void export(Account a, int messages, int images, Path data) throws Exception {
        System.gc();
        long before = liveHeap();
        peakLiveAfterGc.set(before);
        collections.set(0);
        watching = true;
        long start = System.nanoTime();
        long id = post(a, "/api/v1/me/exports", Map.of()).get("id").asLong();
        JsonNode status;
        while ((status = get(a, "/api/v1/me/exports/" + id)).get("status").asText().equals("preparing")) Thread.sleep(20);
        double seconds = (System.nanoTime() - start) / 1e9;
        watching = false;
        if (!status.get("status").asText().equals("ready")) throw new IllegalStateException("export failed: " + status);
        Path archive = data.resolve("exports").resolve(id + ".zip");
        long verifyStart = System.nanoTime();
        int files = ArchiveVerifier.verify(archive, Optional.empty()).files();
        double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
        long size = status.get("size").asLong();
        System.out.printf("export of %d messages and %d photos: ready in %.1f s; archive %.1f MB (%d files, %.0f MB/s);"
                        + " live heap before %.1f MB, most live after any of the %d collections while building: +%.1f MB;"
                        + " verified in %.1f s%n",
                messages, images, seconds, size / 1e6, files, size / 1e6 / seconds, before / 1e6, collections.get(),
                (peakLiveAfterGc.get() - before) / 1e6, verifySeconds);
    }

    /** Records the heap in use after each collection while an export is being built. */
    private void watchCollections() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!watching || !notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
                var after = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo()
                        .getMemoryUsageAfterGc();
                long used = after.entrySet().stream().filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                peakLiveAfterGc.accumulateAndGet(used, Math::max);
                collections.incrementAndGet();
            }, null, null);
        }
    }

    private static long liveHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private Account account(String name) throws Exception {
        String username = (name + System.nanoTime() % 100_000).toLowerCase();
        Map<String, String> creds = Map.of("username", username, "password", "password-" + username);
        post(null, "/api/v1/accounts", creds);
        JsonNode session = post(null, "/api/v1/sessions", creds);
        return new Account(session.get("accountId").asLong(), username, session.get("token").asText());
    }

    private String upload(Account a, byte[] jpeg) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/media"))
                .header("Authorization", "Bearer " + a.token()).header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("upload failed: " + r.body());
        return JSON.readTree(r.body()).get("id").asText();
    }

    private JsonNode post(Account a, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (a != null) b.header("Authorization", "Bearer " + a.token());
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private JsonNode get(Account a, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + a.token())
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}

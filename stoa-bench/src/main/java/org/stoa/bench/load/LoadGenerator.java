package org.stoa.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.stoa.engine.review.ContentReview;
import org.stoa.engine.review.Decision;
import org.stoa.server.StoaServer;
import org.stoa.server.config.ConfigLoader;

/**
 * Load generator: N groups of 10 members (or, with {@code --pairs P}, P pairs of contacts in their
 * direct chat), every member on a real WebSocket stream, senders posting messages at a fixed rate
 * (open loop, so queueing shows up in latency) or as fast as the server answers (closed loop).
 * Message n goes to conversation n % N from its member (n / N) % size: in pairs, alternately one way
 * and the other, as the ejabberd harness's XmppLoad does in its direct mode. Reports messages accepted
 * per second (201s; each durable before its 201) and send-to-receive latency at the other members
 * (9 in a group, 1 in a pair), measured from the moment a send was due.
 *
 * <pre>
 * java -cp 'stoa-bench/target/stoa-bench.jar:stoa-bench/target/lib/*' org.stoa.bench.load.LoadGenerator \
 *      [--url http://localhost:8080[,http://localhost:8081...]] [--groups 20 | --pairs 200] [--rate 3000] [--seconds 30]
 *      [--concurrency 256] [--review policy|none] [--images 0] [--ocr off|on] [--warmup seconds/3] [--window 0]
 *      [--send stream|http] [--restart]
 * </pre>
 * Each conversation is made through the API as people make it: accounts, contact requests accepted,
 * then the group or the direct chat.
 * Members send over their open stream ({@code --send stream}, the default: a {@code message.send}
 * frame, accepted when its {@code message.ack} says 201) or with one HTTP POST each ({@code --send http}).
 * Without {@code --url} it starts a server in this JVM on a temporary data folder, reviewing with
 * the bundled sample policy ({@code --review policy}, the default) or not at all ({@code none}), to
 * measure what moderation adds. {@code --images N} sends image messages instead of text: N distinct
 * 1-megapixel JPEG photos uploaded before the run. OCR of delivered images runs off the send path
 * but on the same two cores, so the embedded server runs without it unless {@code --ocr on}.
 * An external server needs {@code STOA_LIMITS_ACCOUNTS_PER_ADDRESS=100000/1h} for the set-up, and
 * {@code STOA_LIMITS_MESSAGES_PER_ACCOUNT_BURST} and {@code STOA_LIMITS_MESSAGES_PER_ACCOUNT_SUSTAINED}
 * raised (e.g. {@code 100000/1s}): every member sends more than a person would. With several
 * {@code --url}s (the nodes of a cluster) each member streams from one node and, with {@code --send http},
 * sends through the next, so every delivery crosses from one node to another (over the stream it
 * sends to the node it streams from). {@code --warmup 0 --window 10} measures a
 * freshly started server from its first send, with the send-to-receive p99 of every 10 s (by when
 * the send was due) besides the whole run's. {@code --restart} measures a restarted server with warm
 * clients, as after an upgrade: after the warm-up it closes every stream, prints {@code MARK restart}
 * and waits for a line on its standard input (the harness restarts the server on the same data
 * folder meanwhile, see {@code stoa-bench/restart-bench.sh}), then opens one stream again, retrying
 * until the server answers, then all the others at once, and measures from its first send. {@code MARK measure_start} and {@code MARK measure_end} lines
 * (epoch milliseconds) let a harness cut CPU samples to the measured window, as XmppLoad's do.
 */
public final class LoadGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final List<String> nodes;
    private final ConcurrentHistogram latency = new ConcurrentHistogram(3_600_000_000_000L, 3);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, AtomicLong> failures = new java.util.concurrent.ConcurrentHashMap<>();
    private final ConcurrentHistogram sendLatency = new ConcurrentHistogram(3_600_000_000_000L, 3);
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean recording;
    /** Sends go over each member's stream (message.send, answered by message.ack) rather than HTTP. */
    private final boolean overStream;
    /** Stream sends waiting for their message.ack, by clientId: the ack's status, or -1 when the stream failed. */
    private final Map<String, java.util.concurrent.CompletableFuture<String>> awaitingAck = new java.util.concurrent.ConcurrentHashMap<>();
    /** Each member's stream. */
    private final Map<Long, LeanWebSocket> sockets = new java.util.concurrent.ConcurrentHashMap<>();
    /** With {@code --window}: send-to-receive latency by window of the measured run, by due time. */
    private ConcurrentHistogram[] windows = new ConcurrentHistogram[0];
    private long windowNanos;
    private long measuredFrom;

    /** `--review none`: the chat without moderation, to measure what review adds. */
    private static final ContentReview NO_REVIEW = content -> Decision.deliver("none", List.of());

    record Member(long id, String name, String token) {}

    /** A conversation of the run; its first member made it. */
    record Conversation(long id, List<Member> members) {}

    /** Who talks to whom: the one thing a run of groups and a run of pairs do differently. */
    enum ConversationKind {
        GROUP("groups", 10),
        DIRECT("pairs", 2);

        /** The command-line option that counts conversations of this kind, and its word in the output. */
        final String option;
        final int size;

        ConversationKind(String option, int size) {
            this.option = option;
            this.size = size;
        }

        /** The body of {@code POST /api/v1/conversations} by the first of {@code members}. */
        Map<String, Object> creation(int index, List<Member> members) {
            List<Long> others = members.subList(1, size).stream().map(Member::id).toList();
            return switch (this) {
                case GROUP -> Map.of("type", "group", "title", "load " + index, "members", others);
                case DIRECT -> Map.of("type", "direct", "members", others);
            };
        }
    }

    private LoadGenerator(List<String> nodes, boolean overStream) {
        this.overStream = overStream;
        this.nodes = nodes;
        this.base = nodes.getFirst();
    }

    /** The node member {@code m} streams from; it sends through {@link #sendNode}. */
    private String streamNode(Member m) {
        return nodes.get((int) (m.id() % nodes.size()));
    }

    private String sendNode(Member m) {
        return nodes.get((int) ((m.id() + 1) % nodes.size()));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new java.util.HashMap<>();
        List<String> valued = new ArrayList<>(List.of(args));
        boolean restart = valued.remove("--restart");
        for (int i = 0; i + 1 < valued.size(); i += 2) opts.put(valued.get(i).replaceFirst("^--", ""), valued.get(i + 1));
        if (opts.containsKey("groups") && opts.containsKey("pairs")) throw new IllegalArgumentException("--groups or --pairs, not both");
        ConversationKind kind = opts.containsKey("pairs") ? ConversationKind.DIRECT : ConversationKind.GROUP;
        int conversations = Integer.parseInt(opts.getOrDefault(kind.option, "20"));
        int rate = Integer.parseInt(opts.getOrDefault("rate", "0"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "30"));
        int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "256"));
        int images = Integer.parseInt(opts.getOrDefault("images", "0"));
        boolean reviewed = !opts.getOrDefault("review", "policy").equals("none");
        boolean ocr = opts.getOrDefault("ocr", "off").equals("on");
        String send = opts.getOrDefault("send", "stream");
        if (!send.equals("stream") && !send.equals("http")) throw new IllegalArgumentException("--send is stream or http, not " + send);
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", Integer.toString(Math.max(5, seconds / 3))));
        int window = Integer.parseInt(opts.getOrDefault("window", "0"));
        StoaServer embedded = null;
        String url = opts.get("url");
        if (url == null) {
            Path data = Files.createTempDirectory("stoa-load");
            var config = ConfigLoader.fromMap(Map.of("server.port", "0", "server.host", "127.0.0.1",
                    "data.dir", data.toString(), "limits.accountsPerAddress", "100000/1h", "log.format", "text",
                    "ocr.enabled", Boolean.toString(ocr), "limits.messagesPerAccountBurst", "100000/1s",
                    "limits.messagesPerAccountSustained", "100000/1s"));
            embedded = reviewed ? StoaServer.start(config, Clock.systemUTC())
                    : StoaServer.startReplacingReview(config, Clock.systemUTC(), NO_REVIEW);
            url = "http://127.0.0.1:" + embedded.port();
            System.err.println("embedded server at " + url);
        }
        try {
            new LoadGenerator(List.of(url.split(",")), send.equals("stream")).run(kind, conversations, rate, seconds, concurrency, images, warmup, window, restart);
        } finally {
            if (embedded != null) embedded.close();
        }
        System.exit(0);
    }

    private void run(ConversationKind kind, int count, int rate, int seconds, int concurrency, int images, int warmup,
            int window, boolean restart) throws Exception {
        long began = System.nanoTime();
        System.err.printf("setting up %d %s of %d on %s%n", count, kind.option, kind.size, String.join(" and ", nodes));
        List<Conversation> conversations = setUp(kind, count);
        if (images > 0) uploadImages(conversations, images);
        for (Conversation c : conversations) for (Member m : c.members()) sockets.put(m.id(), stream(m));
        int receivers = kind.size - 1;

        // Warm-up: a third of the run unless told, not recorded.
        if (warmup > 0) drive(conversations, rate, warmup, concurrency);
        if (restart) reconnectAfterRestart(conversations);
        latency.reset();
        sendLatency.reset();
        accepted.set(0);
        failed.set(0);
        failures.clear();
        delivered.set(0);
        if (window > 0) {
            windowNanos = Duration.ofSeconds(window).toNanos();
            windows = new ConcurrentHistogram[(seconds + window - 1) / window];
            for (int i = 0; i < windows.length; i++) windows[i] = new ConcurrentHistogram(3_600_000_000_000L, 3);
        }
        measuredFrom = System.nanoTime();
        recording = true;
        // For anyone sampling the server's CPU over this window.
        System.err.printf("measuring for %d s (%.1f s after set-up began)%n", seconds, (measuredFrom - began) / 1e9);
        System.out.printf("MARK measure_start %d%n", System.currentTimeMillis());
        long start = measuredFrom;
        drive(conversations, rate, seconds, concurrency);
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("MARK measure_end %d%n", System.currentTimeMillis());
        long expected = accepted.get() * receivers;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (delivered.get() < expected && System.nanoTime() < deadline) LockSupport.parkNanos(10_000_000);
        recording = false;

        Histogram l = latency.copy();
        Histogram s = sendLatency.copy();
        System.out.printf("mode=%s send=%s %s=%d members=%d seconds=%d%n",
                rate > 0 ? "open-loop " + rate + "/s" : "closed-loop c=" + concurrency, overStream ? "stream" : "http",
                kind.option, count, count * kind.size, seconds);
        System.out.printf("accepted=%d (%.0f msg/s) failed=%d deliveries=%d/%d%n",
                accepted.get(), accepted.get() / elapsed, failed.get(), delivered.get(), expected);
        System.out.printf((overStream ? "send->ack 201" : "send->201") + " ms: p50=%.2f p99=%.2f max=%.2f%n", ms(s.getValueAtPercentile(50)),
                ms(s.getValueAtPercentile(99)), ms(s.getMaxValue()));
        System.out.printf("send->receive ms: p50=%.2f p99=%.2f p99.9=%.2f max=%.2f%n", ms(l.getValueAtPercentile(50)),
                ms(l.getValueAtPercentile(99)), ms(l.getValueAtPercentile(99.9)), ms(l.getMaxValue()));
        for (int i = 0; i < windows.length; i++) {
            Histogram w = windows[i].copy();
            System.out.printf("window %d-%d s: sends=%d send->receive ms p50=%.2f p99=%.2f max=%.2f%n", i * window,
                    (i + 1) * window, w.getTotalCount() / receivers, ms(w.getValueAtPercentile(50)),
                    ms(w.getValueAtPercentile(99)), ms(w.getMaxValue()));
        }
        failures.forEach((reason, n) -> System.out.printf("  failed %d x %s%n", n.get(), reason));
        sockets.values().forEach(LeanWebSocket::abort);
    }

    /** {@code --restart}: closes every stream, waits for the harness's line on standard input, opens them all again. */
    private void reconnectAfterRestart(List<Conversation> conversations) throws Exception {
        sockets.values().forEach(LeanWebSocket::abort);
        sockets.clear();
        System.out.printf("MARK restart %d%n", System.currentTimeMillis());
        System.out.flush();
        if (new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine() == null) {
            throw new IllegalStateException("--restart: standard input closed before the server was restarted");
        }
        // One client asks until the server answers; then every other opens its stream at once, as a
        // fleet of devices would, rather than one after another.
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        List<Member> members = conversations.stream().flatMap(c -> c.members().stream()).distinct().toList();
        reopen(members.getFirst(), deadline);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> opened = new ArrayList<>();
            for (Member m : members.subList(1, members.size())) opened.add(clients.submit(() -> reopen(m, deadline)));
            for (java.util.concurrent.Future<?> f : opened) f.get();
        }
        System.out.printf("MARK reconnected %d%n", System.currentTimeMillis());
    }

    private void reopen(Member m, long deadline) {
        while (!sockets.containsKey(m.id())) {
            try {
                sockets.put(m.id(), stream(m));
            } catch (java.io.UncheckedIOException e) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("the server did not come back in 120 s", e);
                LockSupport.parkNanos(20_000_000);
            }
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Sends for {@code seconds}: at {@code rate} per second if positive, else as fast as answers come. */
    private void drive(List<Conversation> conversations, int rate, int seconds, int concurrency) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long interval = rate > 0 ? 1_000_000_000L / rate : 0;
        long due = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            while (System.nanoTime() < end) {
                if (rate > 0) {
                    due += interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) LockSupport.parkNanos(wait);
                } else {
                    due = System.nanoTime();
                }
                inFlight.acquire();
                long n = sequence.getAndIncrement();
                Conversation c = conversations.get((int) (n % conversations.size()));
                Member sender = c.members().get((int) ((n / conversations.size()) % c.members().size()));
                long sentAt = due;
                String clientId = "c" + n;
                pool.submit(() -> {
                    try {
                        send(c, sender, clientId, sentAt);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
    }

    /** Per sender, the media ids it uploaded (image mode). */
    private final Map<String, List<String>> mediaBySender = new java.util.concurrent.ConcurrentHashMap<>();

    private void uploadImages(List<Conversation> conversations, int count) throws Exception {
        System.err.printf("uploading %d 1-megapixel photos per sender%n", count);
        for (Conversation c : conversations) {
            for (Member m : c.members()) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    byte[] jpeg = org.stoa.bench.image.BenchImages.jpeg(i, 1000, 1000);
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/media"))
                            .header("Authorization", "Bearer " + m.token()).header("Content-Type", "image/jpeg")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 201) throw new IllegalStateException("upload failed: " + r.body());
                    ids.add(JSON.readTree(r.body()).get("id").asText());
                }
                mediaBySender.put(m.name(), ids);
            }
        }
    }

    private void send(Conversation c, Member sender, String clientId, long sentAt) {
        try {
            List<String> media = mediaBySender.get(sender.name());
            // Image mode carries the send time in the clientId, which every delivery echoes.
            Map<String, Object> body = media == null
                    ? Map.of("clientId", clientId, "text", "t=" + sentAt + " from " + sender.name())
                    : Map.of("clientId", "t=" + sentAt + " from " + sender.name() + " " + clientId,
                            "mediaId", media.get((int) (sequence.get() % media.size())));
            String answer = overStream ? sendOverStream(c, sender, body) : sendOverHttp(c, sender, body);
            if (answer.startsWith("201")) {
                accepted.incrementAndGet();
                if (recording) sendLatency.recordValue(Math.max(0, System.nanoTime() - sentAt));
            } else {
                fail(answer);
            }
        } catch (IOException | RuntimeException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            fail(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One POST; answers its status and body. */
    private String sendOverHttp(Conversation c, Member sender, Map<String, Object> body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sendNode(sender) + "/api/v1/conversations/" + c.id() + "/messages"))
                .header("Authorization", "Bearer " + sender.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    /** One message.send frame on the sender's stream; answers the status of its message.ack and the ack. */
    private String sendOverStream(Conversation c, Member sender, Map<String, Object> body)
            throws IOException, InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        // Written by hand: Jackson's map serialization was a tenth of this client's CPU.
        StringBuilder frame = new StringBuilder(160).append("{\"type\":\"message.send\",\"conversationId\":").append(c.id());
        body.forEach((key, value) -> quoted(quoted(frame.append(','), key).append(':'), (String) value));
        String clientId = (String) body.get("clientId");
        var ack = new java.util.concurrent.CompletableFuture<String>();
        awaitingAck.put(clientId, ack);
        sockets.get(sender.id()).sendText(frame.append('}').toString());
        try {
            return ack.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            awaitingAck.remove(clientId);
        }
    }

    /** Appends {@code s} as a JSON string. */
    private static StringBuilder quoted(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"');
    }

    private void fail(String reason) {
        failed.incrementAndGet();
        failures.computeIfAbsent(reason.length() > 120 ? reason.substring(0, 120) : reason, k -> new AtomicLong()).incrementAndGet();
    }

    private LeanWebSocket stream(Member m) {
        try {
            return LeanWebSocket.open(URI.create(streamNode(m).replaceFirst("^http", "ws") + "/api/v1/stream"), m.token(),
                    frame -> received(m, frame));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Finds "t=<nanos> from <name>" in a message.created frame without a full parse; hands a message.ack to its send. */
    private void received(Member m, String f) {
        long now = System.nanoTime();
        if (f.startsWith("{\"type\":\"message.ack\"")) {
            acknowledged(f);
            return;
        }
        if (!f.contains("\"message.created\"")) return;
        int t = f.indexOf("\"text\":\"t=");
        int skip = 10;
        if (t < 0) {
            t = f.indexOf("\"clientId\":\"t=");
            skip = 14;
        }
        if (t < 0) return;
        int from = f.indexOf(" from ", t);
        int nameEnd = from + 6 + m.name().length();
        if (f.startsWith(m.name(), from + 6) && (f.charAt(nameEnd) == '"' || f.charAt(nameEnd) == ' ')) return; // the sender's own echo
        delivered.incrementAndGet();
        if (recording) {
            long sentAt = Long.parseLong(f.substring(t + skip, from));
            latency.recordValue(Math.max(0, now - sentAt));
            int w = windowNanos == 0 ? -1 : (int) ((sentAt - measuredFrom) / windowNanos);
            if (w >= 0 && w < windows.length) windows[w].recordValue(Math.max(0, now - sentAt));
        }
    }

    /** {"type":"message.ack","clientId":"...","status":N,...}: completes the send waiting for it with "N <ack>". */
    private void acknowledged(String ack) {
        int id = ack.indexOf("\"clientId\":\"");
        int status = ack.indexOf("\"status\":");
        if (id < 0 || status < 0) {
            fail("an ack without clientId or status: " + ack);
            return;
        }
        String clientId = ack.substring(id + 12, ack.indexOf('"', id + 12));
        var waiting = awaitingAck.get(clientId);
        if (waiting != null) waiting.complete(ack.substring(status + 9, status + 12) + " " + ack);
    }

    /** {@code count} conversations of {@code kind}, made four at a time (most of it is the server hashing passwords). */
    private List<Conversation> setUp(ConversationKind kind, int count) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 100000, 36);
        List<java.util.concurrent.Future<Conversation>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> conversation(kind, index, "load" + run + kind.option.charAt(0) + index + "m")));
            }
        }
        List<Conversation> conversations = new ArrayList<>();
        for (var f : futures) conversations.add(f.get());
        return conversations;
    }

    /** New accounts named {@code prefix0, prefix1, ...}; the first asks each other to be a contact, and makes the conversation. */
    private Conversation conversation(ConversationKind kind, int index, String prefix) throws Exception {
        List<Member> members = new ArrayList<>();
        for (int mi = 0; mi < kind.size; mi++) members.add(account(prefix + mi));
        Member owner = members.getFirst();
        for (Member m : members.subList(1, kind.size)) {
            JsonNode req = call(owner.token(), "POST", "/api/v1/contacts/requests", Map.of("username", m.name()));
            call(m.token(), "POST", "/api/v1/contacts/requests/" + req.get("id").asLong() + "/accept", Map.of());
        }
        JsonNode c = call(owner.token(), "POST", "/api/v1/conversations", kind.creation(index, members));
        return new Conversation(c.get("id").asLong(), members);
    }

    private Member account(String name) throws Exception {
        String password = "load-password-" + name;
        JsonNode a = call(null, "POST", "/api/v1/accounts", Map.of("username", name, "password", password));
        JsonNode s = call(null, "POST", "/api/v1/sessions", Map.of("username", name, "password", password));
        return new Member(a.get("id").asLong(), name, s.get("token").asText());
    }

    private JsonNode call(String token, String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = sendRetryingClosedConnection(b.build());
        if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    /**
     * Sends a set-up request, again if the connection closed before any answer came ("header parser
     * received no bytes", an {@code EOFException} under it: a kept-alive connection closed as the
     * request went out). The JDK's client retries only idempotent methods by itself, and a run whose
     * set-up died on this had to be started over.
     */
    private HttpResponse<String> sendRetryingClosedConnection(HttpRequest request) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt == 3 || !closedBeforeAnswer(e)) throw e;
                System.err.println("set-up: " + request.method() + " " + request.uri().getPath() + " failed (" + e + "); trying again");
            }
        }
    }

    private static boolean closedBeforeAnswer(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) if (c instanceof java.io.EOFException) return true;
        return false;
    }
}

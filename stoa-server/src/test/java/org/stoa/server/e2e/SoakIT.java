package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Api;
import org.stoa.server.support.Images;
import org.stoa.server.support.LaunchedServer;
import org.stoa.server.support.Response;
import org.stoa.server.support.User;

/**
 * The soak and chaos suite, on demand ({@code ./mvnw -B verify -Psoak}, {@code -Dsoak.minutes=30}
 * by default): {@code ./stoa serve} under mixed load for half an hour, killed with SIGKILL every
 * few minutes and started again, while hostile clients flood it with sends, hold streams open
 * without reading, upload images too big or too slow to decode, and send garbage. Afterwards
 * every acknowledged message is stored exactly once, every stream saw every event once and in
 * order across the crashes, nothing answered 500, and the server's memory stayed within
 * {@code server.memory} plus the stated overhead. The figures go to
 * {@code target/soak/summary.txt} (and docs/performance.md).
 */
@Tag("soak")
class SoakIT {

    private static final Duration LENGTH = Duration.ofMinutes(Long.getLong("soak.minutes", 30));
    private static final Duration KILL_EVERY = Duration.ofSeconds(Long.getLong("soak.killEverySeconds", 240));
    private static final long HEAP_MB = 512;
    /** What the process may use beyond its heap (docs/performance.md measures about 300 MB). */
    private static final long OVERHEAD_MB = 400;
    private static final int GROUPS = 4;
    private static final int GROUP_SIZE = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    private LaunchedServer server;
    /** The load and the hostile clients stop; the readers go on until everything is checked. */
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean readersStop = new AtomicBoolean();
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final List<String> serverErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong maxRssKb = new AtomicLong();
    private final List<Long> restartMillis = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The API as {@code u}, at the server's port now (it changes on every restart). */
    private Api api(User u) {
        return new Api(server.port(), u.token());
    }

    /** Counts an answer by who asked and what came back; a 500 is a bug and is kept for the report. */
    private void count(String who, Response r) {
        answers.computeIfAbsent(who + " " + r.status(), k -> new AtomicInteger()).incrementAndGet();
        if (r.status() >= 500 && r.status() != 503) serverErrors.add(who + ": " + r);
    }

    private void countFailure(String who) {
        answers.computeIfAbsent(who + " no answer", k -> new AtomicInteger()).incrementAndGet();
    }

    private static void pause(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** Like {@link #pause} but over as soon as the load stops, so closing never waits a hostile client's minute out. */
    private void pauseWhileLoaded(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!stopping.get() && System.nanoTime() < end) pause(Math.min(250, millis));
    }

    @Test
    void halfAnHourOfMixedLoadKillNineAndHostileClientsLosesNothingAndStaysWithinMemory() throws IOException {
        server = LaunchedServer.start(folder, """
                server:
                  memory: %dm
                limits:
                  accountsPerAddress: 100000/1h
                  messagesPerAccountSustained: 10000/1h
                """.formatted(HEAP_MB));
        // Closed in reverse: the server first, which ends every connection the clients wait on; the
        // clients stop before that, whatever happened (the executor's close waits for all of them).
        try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor(); LaunchedServer launched = server) {
            try {
                run(load);
            } finally {
                stopping.set(true);
                readersStop.set(true);
            }
        }
    }

    private void run(ExecutorService load) throws IOException {
        List<Sender> senders = new ArrayList<>();
        List<Reader> readers = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            List<User> members = new ArrayList<>();
            for (int i = 0; i < GROUP_SIZE; i++) members.add(server.register("soak" + g + "m"));
            long group = server.group(members.getFirst(), members.subList(1, GROUP_SIZE));
            for (User m : members) {
                senders.add(new Sender(m, group));
                readers.add(new Reader(m));
            }
        }
        List<Future<?>> sending = senders.stream().<Future<?>>map(s -> load.submit(s::run)).toList();
        readers.forEach(r -> load.submit(r::run));
        startHostileClients(load);
        load.submit(this::sampleMemory);

        long end = System.nanoTime() + LENGTH.toNanos();
        Random random = new Random(11);
        int kills = 0;
        while (System.nanoTime() < end) {
            long wait = KILL_EVERY.toMillis() / 2 + random.nextLong(KILL_EVERY.toMillis());
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (wait >= left) {
                pause(left);
                break;
            }
            pause(wait);
            server.kill();
            kills++;
            long start = System.nanoTime();
            server.restart();
            restartMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        stopping.set(true);
        // Each sender finishes the send it is in before the rest is settled here: none is in flight
        // while its unanswered sends are retried and the history is read.
        for (Future<?> f : sending) {
            try {
                f.get(2, TimeUnit.MINUTES);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                throw new IllegalStateException("a sender did not stop", e);
            }
        }

        // Settle: every send whose outcome was unknown is sent again, with its clientId, until answered.
        for (Sender s : senders) s.settle();
        long acknowledged = 0, retried = 0;
        for (int g = 0; g < GROUPS; g++) {
            List<Sender> inGroup = senders.subList(g * GROUP_SIZE, (g + 1) * GROUP_SIZE);
            User reader = inGroup.getFirst().user;
            List<String> stored = ServeCrashIT.history(server.current(reader), inGroup.getFirst().conversation).stream()
                    .map(m -> m.get("clientId").asText()).toList();
            Set<String> expected = new HashSet<>();
            for (Sender s : inGroup) {
                expected.addAll(s.acknowledged);
                acknowledged += s.acknowledged.size();
                retried += s.retried.size();
            }
            assertThat(stored).as("group " + g + ": nothing twice").doesNotHaveDuplicates();
            assertThat(stored).as("group " + g + ": every acknowledged send, nothing else").containsExactlyInAnyOrderElementsOf(expected);
        }
        for (Reader r : readers) r.awaitUpTo(latestSeq(r.user));
        int gaps = readers.stream().mapToInt(r -> r.gaps.get()).sum();
        int duplicates = readers.stream().mapToInt(r -> r.duplicates.get()).sum();

        String summary = summary(kills, acknowledged, retried, gaps, duplicates, readers);
        Files.createDirectories(Path.of("target", "soak"));
        Files.writeString(Path.of("target", "soak", "summary.txt"), summary);
        System.out.println(summary);

        assertThat(gaps).as("events skipped by a stream").isZero();
        assertThat(duplicates).as("events a stream got twice").isZero();
        assertThat(serverErrors).as("500s").isEmpty();
        assertThat(kills).as("kill -9 every few minutes").isGreaterThanOrEqualTo((int) (LENGTH.toMinutes() * 60 / KILL_EVERY.toSeconds() / 2));
        assertThat(maxRssKb.get() / 1024).as("RSS within server.memory + " + OVERHEAD_MB + " MB").isLessThanOrEqualTo(HEAP_MB + OVERHEAD_MB);
    }

    private long latestSeq(User u) {
        try {
            CompletableFuture<Long> ready = new CompletableFuture<>();
            WebSocket ws = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + u.token())
                    .buildAsync(URI.create("ws://localhost:" + server.port() + "/api/v1/stream"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            try {
                                JsonNode f = JSON.readTree(data.toString());
                                if (f.path("type").asText().equals("stream.ready")) ready.complete(f.get("lastEventSeq").asLong());
                            } catch (IOException e) {
                                ready.completeExceptionally(e);
                            }
                            w.request(1);
                            return null;
                        }
                    }).join();
            long seq = ready.get(30, TimeUnit.SECONDS);
            ws.abort();
            return seq;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String summary(int kills, long acknowledged, long retried, int gaps, int duplicates, List<Reader> readers) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("soak: %d min, kill -9 x %d (restart to serving: %s ms)%n", LENGTH.toMinutes(), kills, restartMillis));
        sb.append(String.format("messages acknowledged: %d (of which %d got no answer at first, a kill or a restart, and were sent again)%n",
                acknowledged, retried));
        sb.append(String.format("streams: %d reconnects, %d events, gaps %d, duplicates %d%n",
                readers.stream().mapToInt(r -> r.connections.get()).sum(), readers.stream().mapToLong(r -> r.events.get()).sum(),
                gaps, duplicates));
        sb.append(String.format("RSS max: %d MB (heap %d MB)%n", maxRssKb.get() / 1024, HEAP_MB));
        sb.append("answers:\n");
        answers.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(String.format("  %-40s %d%n", e.getKey(), e.getValue().get())));
        sb.append("500s: ").append(serverErrors).append('\n');
        return sb.toString();
    }

    private void sampleMemory() {
        while (!stopping.get()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + server.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        long kb = Long.parseLong(line.replaceAll("\\D", ""));
                        maxRssKb.accumulateAndGet(kb, Math::max);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process is between a kill and its restart
            }
            pause(2_000);
        }
    }

    /** A member who sends a message a second, and sends again, with the same clientId, what got no answer. */
    private final class Sender {
        final User user;
        final long conversation;
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final Deque<String> unanswered = new ConcurrentLinkedDeque<>();
        /** Sends whose first try got no answer (cut off by a kill, or refused while the server was down). */
        final Set<String> retried = ConcurrentHashMap.newKeySet();
        int next;

        Sender(User user, long conversation) {
            this.user = user;
            this.conversation = conversation;
        }

        void run() {
            while (!stopping.get()) {
                String clientId = unanswered.isEmpty() ? user.username() + "-" + next++ : unanswered.poll();
                if (!attempt(clientId)) pause(500);
                else pause(1_000);
            }
        }

        /** One try; false when it should be tried again. */
        boolean attempt(String clientId) {
            try {
                Response r = api(user).post("/api/v1/conversations/" + conversation + "/messages",
                        Map.of("clientId", clientId, "text", "soak " + clientId));
                count("sender", r);
                if (r.status() == 201) {
                    acknowledged.add(clientId);
                    return true;
                }
                unanswered.addFirst(clientId);
                if (r.status() == 429) pause(1_000L * r.json().get("retryAfterSeconds").asLong());
                return false;
            } catch (UncheckedIOException cutOff) {
                countFailure("sender");
                retried.add(clientId);
                unanswered.addFirst(clientId);
                return false;
            }
        }

        void settle() {
            Awaitility.await("sends with unknown outcomes answered").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        String clientId = unanswered.poll();
                        return clientId == null || (attempt(clientId) && unanswered.isEmpty());
                    });
        }
    }

    /** A member's stream, resumed with since= after every drop; it checks each eventSeq follows the last. */
    private final class Reader {
        final User user;
        final AtomicInteger gaps = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger connections = new AtomicInteger();
        final AtomicLong events = new AtomicLong();
        volatile long lastSeq = -1;

        Reader(User user) {
            this.user = user;
        }

        void run() {
            while (!readersStop.get()) {
                CompletableFuture<Void> closed = new CompletableFuture<>();
                try {
                    String since = lastSeq < 0 ? "" : "?since=" + lastSeq;
                    HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + user.token())
                            .buildAsync(URI.create("ws://localhost:" + server.port() + "/api/v1/stream" + since), listener(closed)).join();
                    connections.incrementAndGet();
                    closed.join();
                } catch (RuntimeException refusedOrCut) {
                    // the server is down or restarting: try again
                }
                if (readersStop.get()) return;
                pause(500);
            }
        }

        private WebSocket.Listener listener(CompletableFuture<Void> closed) {
            StringBuilder partial = new StringBuilder();
            return new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        frame(partial.toString());
                        partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                    closed.complete(null);
                    return null;
                }

                @Override
                public void onError(WebSocket ws, Throwable error) {
                    closed.complete(null);
                }
            };
        }

        private void frame(String text) {
            try {
                JsonNode f = JSON.readTree(text);
                if (f.has("eventSeq")) {
                    long seq = f.get("eventSeq").asLong();
                    events.incrementAndGet();
                    if (seq <= lastSeq) duplicates.incrementAndGet();
                    else if (lastSeq >= 0 && seq != lastSeq + 1) gaps.incrementAndGet();
                    lastSeq = Math.max(lastSeq, seq);
                } else if (f.path("type").asText().equals("stream.ready") && lastSeq < 0) {
                    lastSeq = f.get("lastEventSeq").asLong();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void awaitUpTo(long seq) {
            Awaitility.await(user.username() + "'s stream up to " + seq).atMost(Duration.ofMinutes(2)).until(() -> lastSeq >= seq);
        }
    }

    private void startHostileClients(ExecutorService load) {
        User floodVictim = server.register("victim");
        for (int i = 0; i < 2; i++) {
            User flooder = server.register("flooder");
            server.befriend(flooder, floodVictim);
            long chat = server.direct(flooder, floodVictim);
            for (int t = 0; t < 4; t++) {
                int thread = t;
                load.submit(() -> {
                    for (int n = 0; !stopping.get(); n++) {
                        try {
                            count("flood send", api(flooder).post("/api/v1/conversations/" + chat + "/messages",
                                    Map.of("clientId", "f" + thread + "-" + n, "text", "buy now " + n)));
                        } catch (UncheckedIOException e) {
                            countFailure("flood send");
                            pause(500);
                        }
                    }
                });
            }
        }

        User hog = server.register("hog");
        load.submit(() -> {
            List<WebSocket> held = new ArrayList<>();
            while (!stopping.get()) {
                try {
                    held.add(HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + hog.token())
                            .buildAsync(URI.create("ws://localhost:" + server.port() + "/api/v1/stream"), new WebSocket.Listener() {})
                            .join());
                    answers.computeIfAbsent("socket hog opened", k -> new AtomicInteger()).incrementAndGet();
                } catch (RuntimeException refused) {
                    countFailure("socket hog (refused or down)");
                    held.removeIf(ws -> ws.isInputClosed());
                    pause(1_000);
                }
            }
            held.forEach(WebSocket::abort);
        });

        // Slow readers: members of a busy group whose streams never read past the first frame.
        List<User> slow = new ArrayList<>();
        for (int i = 0; i < 3; i++) slow.add(server.register("slow"));
        User chatty = server.register("chatty");
        long busyGroup = server.group(chatty, slow);
        for (User s : slow) {
            load.submit(() -> {
                while (!stopping.get()) {
                    WebSocket ws = null;
                    try {
                        ws = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + s.token())
                                .buildAsync(URI.create("ws://localhost:" + server.port() + "/api/v1/stream"), new WebSocket.Listener() {
                                    @Override
                                    public void onOpen(WebSocket w) {
                                        // never asks for a frame: the server's sends back up behind it
                                    }
                                }).join();
                        answers.computeIfAbsent("slow reader opened", k -> new AtomicInteger()).incrementAndGet();
                    } catch (RuntimeException refused) {
                        countFailure("slow reader (refused or down)");
                    }
                    pauseWhileLoaded(60_000);
                    if (ws != null) ws.abort();
                }
            });
        }
        load.submit(() -> {
            for (int n = 0; !stopping.get(); n++) {
                try {
                    count("busy group send", api(chatty).post("/api/v1/conversations/" + busyGroup + "/messages",
                            Map.of("clientId", "c" + n, "text", "x".repeat(2000))));
                } catch (UncheckedIOException e) {
                    countFailure("busy group send");
                }
                pause(150);
            }
        });

        List<User> uploaders = List.of(server.register("uploader"), server.register("uploader"));
        byte[] tooBig = new byte[21 << 20];
        byte[] slowPng = Images.png16(5, 700, 700);
        byte[] bomb = Images.pngHeaderBomb(60_000, 60_000);
        load.submit(() -> {
            for (int n = 0; !stopping.get(); n++) {
                User u = uploaders.get(n % 2);
                try {
                    count("upload too big", api(u).upload("image/png", tooBig));
                    count("upload bomb", api(u).upload("image/png", bomb));
                    try (ExecutorService burst = Executors.newVirtualThreadPerTaskExecutor()) {
                        for (int i = 0; i < 20; i++) {
                            burst.submit(() -> {
                                try {
                                    count("upload slow png", api(u).upload("image/png", slowPng));
                                } catch (UncheckedIOException e) {
                                    countFailure("upload slow png");
                                }
                            });
                        }
                    }
                } catch (UncheckedIOException e) {
                    countFailure("upload");
                }
                pauseWhileLoaded(20_000);
            }
        });

        User garbage = server.register("garbage");
        List<byte[]> bodies = List.of("{\"text\": ".getBytes(), new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
                ("[".repeat(5000) + "]".repeat(5000)).getBytes(), "null".getBytes(), ("{\"text\":\"" + "y".repeat(100_000) + "\"}").getBytes());
        load.submit(() -> {
            for (int n = 0; !stopping.get(); n++) {
                try {
                    count("garbage", api(garbage).sendJson("POST", "/api/v1/conversations", bodies.get(n % bodies.size())));
                } catch (UncheckedIOException e) {
                    countFailure("garbage");
                }
                pause(200);
            }
        });
    }
}

package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.LaunchedServer;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.User;

/**
 * {@code ./stoa serve} killed with SIGKILL (no shutdown hook, whatever it was writing cut off) and
 * started again: every send it acknowledged is there, a send retried with its {@code clientId} is
 * there once, and a stream resumed with {@code since=} gets every event it missed, once.
 */
class ServeCrashIT {

    /** These tests send as fast as they can, on purpose. */
    private static final String FLOOD = """
            limits:
              messagesPerAccountBurst: 1000000/1s
              messagesPerAccountSustained: 1000000/1s
            """;

    @TempDir
    Path folder;

    /** Every message of {@code conversation} as {@code u} sees it, oldest first. */
    static List<JsonNode> history(User u, long conversation) {
        List<JsonNode> all = new ArrayList<>();
        Long before = null;
        while (true) {
            Response page = u.api().get("/api/v1/conversations/" + conversation + "/messages?limit=200"
                    + (before == null ? "" : "&before=" + before));
            List<JsonNode> messages = new ArrayList<>();
            page.json().get("messages").forEach(messages::add);
            all.addAll(0, messages);
            if (!page.json().get("hasMore").asBoolean()) return all;
            before = messages.getFirst().get("seq").asLong();
        }
    }

    @Test
    void everyAcknowledgedSendSurvivesKillNineAndRetriesWithTheirClientIdArriveOnce() {
        try (LaunchedServer server = LaunchedServer.start(folder, FLOOD)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            Map<String, String> unanswered = new ConcurrentHashMap<>();
            AtomicBoolean crashed = new AtomicBoolean();
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    senders.submit(() -> {
                        for (int i = 0; ; i++) {
                            String clientId = thread + "-" + i, text = "message " + clientId;
                            try {
                                Response r = alice.send(group, clientId, text);
                                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                                acknowledged.put(clientId, text);
                                if (crashed.get()) return;
                            } catch (UncheckedIOException e) {
                                unanswered.put(clientId, text); // cut off by the kill: the sender cannot know
                                return;
                            }
                        }
                    });
                }
                Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 300);
                server.kill();
                crashed.set(true);
            }
            assertThat(unanswered).as("the kill cut sends off mid-flight").isNotEmpty();

            server.restart();
            User again = server.current(alice);
            for (var e : unanswered.entrySet()) {
                Response retry = again.send(group, e.getKey(), e.getValue());
                assertThat(retry.status()).as("a retry is stored, or answered as already stored: " + retry).isEqualTo(201);
            }
            List<String> someAcknowledged = acknowledged.keySet().stream().limit(20).toList();
            for (String clientId : someAcknowledged) {
                Response retry = again.send(group, clientId, acknowledged.get(clientId));
                assertThat(retry.headers().firstValue("Idempotent-Replayed")).as("stored before the kill").contains("true");
            }

            List<String> stored = history(server.current(bob), group).stream().map(m -> m.get("clientId").asText()).toList();
            assertThat(stored).as("nothing twice").doesNotHaveDuplicates();
            assertThat(stored).as("every acknowledged send").containsAll(acknowledged.keySet());
            Set<String> sent = new HashSet<>(acknowledged.keySet());
            sent.addAll(unanswered.keySet());
            assertThat(sent).as("and every retried one, nothing else").containsExactlyInAnyOrderElementsOf(stored);
        }
    }

    @Test
    void aStreamResumedAfterKillNineGetsEveryEventItMissedOnce() {
        try (LaunchedServer server = LaunchedServer.start(folder, FLOOD)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            List<String> sent = new ArrayList<>();
            Set<String> beforeCrash = new HashSet<>();
            long seen;
            StreamClient stream = bob.stream(null);
            for (int i = 0; i < 40; i++) {
                assertThat(alice.send(group, "m" + i, "message " + i).status()).isEqualTo(201);
                sent.add("m" + i);
            }
            server.kill(); // some of the 40 reached bob live, some perhaps not
            stream.events("message.created").forEach(e -> beforeCrash.add(e.at("/data/clientId").asText()));
            seen = stream.lastEventSeq();
            stream.close();

            server.restart();
            User alice2 = server.current(alice);
            for (int i = 40; i < 45; i++) {
                assertThat(alice2.send(group, "m" + i, "message " + i).status()).isEqualTo(201);
                sent.add("m" + i);
            }
            try (StreamClient resumed = server.current(bob).stream(seen)) {
                List<JsonNode> missed = resumed.awaitEvents("message.created", sent.size() - beforeCrash.size());
                List<Long> seqs = resumed.events().stream().map(e -> e.get("eventSeq").asLong()).toList();
                assertThat(seqs.getFirst()).as("from the first event bob did not get").isEqualTo(seen + 1);
                for (int i = 1; i < seqs.size(); i++) assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
                List<String> all = new ArrayList<>(beforeCrash);
                missed.forEach(e -> all.add(e.at("/data/clientId").asText()));
                assertThat(all).as("every message once, across the crash").containsExactlyInAnyOrderElementsOf(sent);
            }
        }
    }
}

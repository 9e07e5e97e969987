package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
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
import org.stoa.server.support.TestPostgres;
import org.stoa.server.support.TestRedis;
import org.stoa.server.support.User;

/**
 * Two {@code ./stoa serve} nodes on one PostgreSQL database and one Redis bus, as an operator runs
 * them: a member streaming from node B gets, in order and once, everything sent through either
 * node, and when node A is killed with SIGKILL under load from both nodes, every acknowledged send
 * is stored once and a retry through node B of what A never answered is stored once.
 */
class ServeClusterIT {

    @TempDir
    Path folder;

    @Test
    void killNineOfOneNodeUnderLoadLosesNoAcknowledgedSendAndTheOtherNodeDeliversEverything() {
        String database = TestPostgres.newDatabase();
        try (TestRedis redis = TestRedis.start(folder.resolve("redis"))) {
            String yaml = """
                    cluster:
                      bus: %s
                    media:
                      dir: %s
                    exports:
                      dir: %s
                    limits:
                      messagesPerAccountBurst: 1000000/1s
                      messagesPerAccountSustained: 1000000/1s
                    """.formatted(redis.url(), folder.resolve("shared-media"), folder.resolve("shared-exports"));
            try (LaunchedServer a = LaunchedServer.startNode(folder.resolve("a"), database, yaml);
                 LaunchedServer b = LaunchedServer.startNode(folder.resolve("b"), database, yaml)) {
                User alice = a.register("alice");
                User bob = a.register("bob");
                long group = a.group(alice, List.of(bob));
                Map<String, String> acknowledged = new ConcurrentHashMap<>();
                Map<String, String> unanswered = new ConcurrentHashMap<>();
                AtomicBoolean crashed = new AtomicBoolean();
                try (StreamClient bobOnB = StreamClient.connect(b.port(), bob.token(), null)) {
                    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                        for (int t = 0; t < 8; t++) {
                            LaunchedServer node = t % 2 == 0 ? a : b;
                            User sender = node.current(alice);
                            int thread = t;
                            senders.submit(() -> {
                                for (int i = 0; ; i++) {
                                    String clientId = thread + "-" + i, text = "message " + clientId;
                                    try {
                                        Response r = sender.send(group, clientId, text);
                                        assertThat(r.status()).as(r.toString()).isEqualTo(201);
                                        acknowledged.put(clientId, text);
                                        if (crashed.get()) return;
                                    } catch (UncheckedIOException e) {
                                        unanswered.put(clientId, text); // cut off by the kill
                                        return;
                                    }
                                }
                            });
                        }
                        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> acknowledged.size() >= 300);
                        a.kill();
                        crashed.set(true);
                    }
                    assertThat(unanswered).as("the kill cut sends to node A off mid-flight").isNotEmpty();

                    User aliceOnB = b.current(alice);
                    for (var e : unanswered.entrySet()) {
                        Response retry = aliceOnB.send(group, e.getKey(), e.getValue());
                        assertThat(retry.status()).as("a retry through node B: " + retry).isEqualTo(201);
                    }
                    List<String> stored = ServeCrashIT.history(b.current(bob), group).stream()
                            .map(m -> m.get("clientId").asText()).toList();
                    assertThat(stored).as("nothing twice").doesNotHaveDuplicates();
                    assertThat(stored).as("every acknowledged send").containsAll(acknowledged.keySet());
                    Set<String> sent = new HashSet<>(acknowledged.keySet());
                    sent.addAll(unanswered.keySet());
                    assertThat(sent).as("and every retried one, nothing else").containsExactlyInAnyOrderElementsOf(stored);

                    // Bob's stream on node B got all of it live, in eventSeq order, each once.
                    List<JsonNode> live = bobOnB.awaitEvents("message.created", stored.size());
                    assertThat(live.stream().map(e -> e.at("/data/clientId").asText()).toList())
                            .containsExactlyInAnyOrderElementsOf(stored);
                    List<Long> seqs = bobOnB.events().stream().map(e -> e.get("eventSeq").asLong()).toList();
                    for (int i = 1; i < seqs.size(); i++) assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
                }
            }
        }
    }
}

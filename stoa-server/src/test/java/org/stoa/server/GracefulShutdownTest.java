package org.stoa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

class GracefulShutdownTest {

    @TempDir
    Path dir;

    @Test
    void everySendThatGotA201SurvivesAShutdownUnderLoad() throws Exception {
        // Floods on purpose: as fast as eight threads can send, from one account.
        try (TestServer server = new TestServer(dir, TestServer.MESSAGE_FLOOD)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Set<String> unanswered = ConcurrentHashMap.newKeySet();
            Set<String> refusals = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    pool.submit(() -> {
                        for (int i = 0; !stop.get(); i++) {
                            String id = thread + "-" + i;
                            try {
                                Response r = alice.send(group, id, "load " + id);
                                if (r.status() == 201) acknowledged.add(id);
                                else {
                                    refusals.add(r.toString());
                                    return;
                                }
                            } catch (UncheckedIOException e) {
                                unanswered.add(id); // the server went away mid-request: outcome unknown to the client
                                return;
                            }
                        }
                    });
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() > 100);
                server.restart();
                stop.set(true);
            }
            assertThat(refusals).as("sends during shutdown are refused cleanly")
                    .allSatisfy(r -> assertThat(r).startsWith("503").contains("shutting_down"));
            Set<String> stored = new HashSet<>();
            User bob2 = server.current(bob);
            Long before = null;
            while (true) {
                Response page = bob2.api().get("/api/v1/conversations/" + group + "/messages?limit=200" + (before == null ? "" : "&before=" + before));
                page.json().get("messages").forEach(m -> stored.add(m.get("clientId").asText()));
                if (!page.json().get("hasMore").asBoolean()) break;
                before = page.json().at("/messages/0/seq").asLong();
            }
            assertThat(stored).as("every acknowledged send is durable").containsAll(acknowledged);
            Set<String> explained = new HashSet<>(acknowledged);
            explained.addAll(unanswered);
            assertThat(explained).as("nothing is stored that its sender was told failed").containsAll(stored);
        }
    }
}

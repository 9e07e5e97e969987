package org.stoa.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/** Stream events are kept for {@code events.retention}; a resume from before that is refused with 410, clearly. */
class EventRetentionTest {

    @TempDir
    Path dir;

    @Test
    void eventsOlderThanTheRetentionArePrunedAndAResumeFromThemIsTooOld() {
        try (TestServer server = new TestServer(dir, Map.of("events.retention", "30d", "sessions.ttl", "365d"))) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            long before;
            try (StreamClient s = bob.stream(null)) {
                alice.send(group, "old", "a month ago");
                s.awaitEvents("message.created", 1);
                before = s.lastEventSeq();
            }
            assertThat(server.pruneExpiredEvents()).as("nothing is old yet").isZero();

            server.clock().advance(Duration.ofDays(31));
            alice.send(group, "new", "today");
            int pruned = server.pruneExpiredEvents();
            assertThat(pruned).as("alice's and bob's events from a month ago").isGreaterThanOrEqualTo((int) before);
            assertThat(server.pruneExpiredEvents()).as("done once").isZero();

            Response ticket = bob.api().post("/api/v1/stream/tickets?since=" + (before - 1), Map.of());
            assertThat(ticket.status()).as(ticket.toString()).isEqualTo(410);
            assertThat(ticket.code()).isEqualTo("since_too_old");
            assertThat(ticket.contentType()).startsWith("application/problem+json");
            assertThat(ticket.json().get("firstKeptEventSeq").asLong()).isEqualTo(before + 1);
            assertThat(StreamClient.refusal(server.port(), bob.token(), "?since=" + (before - 1)).statusCode()).isEqualTo(410);

            try (StreamClient resumed = bob.stream(before)) {
                assertThat(resumed.awaitEvents("message.created", 1)).as("what was kept after the last event seen")
                        .extracting(e -> e.at("/data/text").asText()).containsExactly("today");
            }
            try (StreamClient fresh = bob.stream(null)) {
                assertThat(fresh.frames().getLast().get("type").asText()).isEqualTo("stream.ready");
            }
            assertThat(bob.api().get("/api/v1/conversations/" + group + "/messages").json().get("messages"))
                    .as("the conversation itself keeps everything").extracting(m -> m.get("text").asText())
                    .containsExactly("a month ago", "today");
        }
    }

    /** The last eventSeq of {@code u}'s stream, as a fresh connection reports it. */
    private static long lastEventSeq(User u) {
        try (StreamClient s = u.stream(null)) {
            return s.frames().getLast().get("lastEventSeq").asLong();
        }
    }

    @Test
    void thousandsOfOldEventsArePrunedInSmallJobsAndEveryYoungOneStays() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(TestServer.MESSAGE_FLOOD);
        settings.putAll(Map.of("events.retention", "1d", "sessions.ttl", "365d"));
        try (TestServer server = new TestServer(dir, settings)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            try (var senders = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    senders.submit(() -> {
                        for (int i = 0; i < 330; i++) assertThat(alice.send(group, thread + "-" + i, "old " + i).status()).isEqualTo(201);
                    });
                }
            }
            long aliceOld = lastEventSeq(alice), bobOld = lastEventSeq(bob);
            server.clock().advance(Duration.ofDays(2));
            alice.send(group, "kept", "young");

            assertThat(server.pruneExpiredEvents()).as("more than one job's worth (5,000)").isEqualTo((int) (aliceOld + bobOld));
            for (User u : List.of(alice, bob)) {
                long old = u == alice ? aliceOld : bobOld;
                assertThat(u.api().post("/api/v1/stream/tickets?since=" + (old - 1), Map.of()).code()).isEqualTo("since_too_old");
                try (StreamClient s = u.stream(old)) {
                    assertThat(s.awaitEvents("message.created", 1)).extracting(e -> e.at("/data/text").asText()).containsExactly("young");
                }
            }
        }
    }
}

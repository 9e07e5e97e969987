package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.LaunchedServer;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.User;

/**
 * {@code ./stoa serve} stopped with SIGTERM and started again on the same folder loses nothing, and
 * takes every client back at once.
 */
class ServeRestartIT {

    @TempDir
    Path folder;

    @Test
    void aGracefulStopAndARestartKeepEveryMessageEventAndSession() {
        try (LaunchedServer server = LaunchedServer.start(folder, "")) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            List<String> sent = new ArrayList<>();
            long bobSeenUpTo;
            try (StreamClient bobStream = bob.stream(null)) {
                for (int i = 0; i < 20; i++) {
                    Response r = alice.send(group, "m" + i, "message " + i);
                    assertThat(r.status()).as(r.toString()).isEqualTo(201);
                    sent.add("message " + i);
                }
                bobStream.awaitEvents("message.created", 20);
                bobSeenUpTo = bobStream.lastEventSeq();
            }
            Response whileAway = alice.send(group, "late", "sent while bob was away");
            assertThat(whileAway.status()).isEqualTo(201);
            sent.add("sent while bob was away");

            int exit = server.stopGracefully();
            assertThat(exit).as("SIGTERM ends the JVM through its shutdown hook").isEqualTo(143);
            assertThat(server.output()).contains("stoa stopped");

            server.restart();
            User aliceAgain = server.current(alice);
            User bobAgain = server.current(bob);
            JsonNode history = bobAgain.api().get("/api/v1/conversations/" + group + "/messages?limit=100").json();
            assertThat(history.get("messages")).extracting(m -> m.get("text").asText()).containsExactlyInAnyOrderElementsOf(sent);

            try (StreamClient resumed = bobAgain.stream(bobSeenUpTo)) {
                JsonNode missed = resumed.awaitEvent("message.created", e -> e.at("/data/clientId").asText().equals("late"));
                assertThat(missed.at("/data/text").asText()).isEqualTo("sent while bob was away");
                assertThat(resumed.events("message.created")).as("only what bob missed, once").hasSize(1);
            }
            assertThat(aliceAgain.send(group, "after", "back again").status()).as("the session outlived the restart").isEqualTo(201);
        }
    }

    /**
     * After a restart every client connects again at the same moment. The kernel holds connections
     * Jetty has not accepted yet in the listening socket's queue; one that does not fit is dropped,
     * and its client waits a second or more for its retry. 400 connections opened at once must all
     * be queued (Linux counts each one dropped in ListenOverflows), and each is answered.
     */
    @Test
    void fourHundredClientsConnectingAtOnceAreQueuedNotDropped() throws Exception {
        try (LaunchedServer server = LaunchedServer.start(folder, "")) {
            long overflowsBefore = listenOverflows();
            List<SocketChannel> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 400; i++) {
                    SocketChannel c = SocketChannel.open();
                    c.configureBlocking(false);
                    c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
                    clients.add(c);
                }
                for (SocketChannel c : clients) {
                    c.configureBlocking(true);
                    c.finishConnect();
                    c.socket().setSoTimeout(30_000);
                    c.write(StandardCharsets.US_ASCII.encode("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
                }
                for (SocketChannel c : clients) {
                    String answer = new String(c.socket().getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    assertThat(answer).startsWith("HTTP/1.1 200");
                }
                assertThat(listenOverflows() - overflowsBefore).as("connections the kernel dropped because the accept queue was full").isZero();
            } finally {
                for (SocketChannel c : clients) c.close();
            }
        }
    }

    /** Linux's count of connections dropped because a listening socket's accept queue was full, machine-wide. */
    private static long listenOverflows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            List<String> names = List.of(lines.get(i).split(" "));
            if (names.getFirst().equals("TcpExt:")) return Long.parseLong(lines.get(i + 1).split(" ")[names.indexOf("ListenOverflows")]);
        }
        throw new IllegalStateException("no TcpExt ListenOverflows in /proc/net/netstat");
    }
}

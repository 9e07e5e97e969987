package org.stoa.server.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.server.config.BusUrl;

/**
 * The bus of a cluster: Redis (or Valkey) publish/subscribe. Each message starts with the id of the
 * node that sent it, so a node ignores its own. Publishing never waits and never queues while the
 * server is away (lossy by contract: the nodes poll the database meanwhile); the subscription
 * reconnects by itself within about two seconds of the server coming back.
 */
public final class RedisBus implements ClusterBus {

    private static final Logger log = LoggerFactory.getLogger(RedisBus.class);
    private static final String BELLS = "stoa:bells";
    private static final String CHANGES = "stoa:changes";

    private final String node = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile Listener listener;

    private RedisBus(ClientResources resources, RedisClient client) {
        this.resources = resources;
        this.client = client;
        this.publisher = client.connect();
        this.subscriber = client.connectPubSub();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                heard(channel, message);
            }
        });
        subscriber.sync().subscribe(BELLS, CHANGES);
    }

    /** Connects to the bus at {@code url}; fails at start-up, with the address, when it cannot be reached. */
    public static RedisBus connect(BusUrl url) {
        ClientResources resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, java.util.concurrent.TimeUnit.MILLISECONDS))
                .build();
        RedisURI.Builder uri = RedisURI.builder().withHost(url.host()).withPort(url.port()).withTimeout(Duration.ofSeconds(2));
        url.password().ifPresent(p -> uri.withPassword(p.toCharArray()));
        RedisClient client = RedisClient.create(resources, uri.build());
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        try {
            RedisBus bus = new RedisBus(resources, client);
            log.info("cluster bus {} connected; this node is {}", url, bus.node);
            return bus;
        } catch (RuntimeException e) {
            client.shutdown();
            resources.shutdown();
            throw new IllegalStateException("cannot reach the cluster bus at " + url + " (cluster.bus): " + e.getMessage(), e);
        }
    }

    /** The Redis connection, for the parts of a cluster kept on the bus's server (rate limits, stream tickets). */
    public StatefulRedisConnection<String, String> connection() {
        return publisher;
    }

    @Override
    public void ring(Map<Long, Long> upToSeqByAccount) {
        if (upToSeqByAccount.isEmpty()) return;
        StringBuilder m = new StringBuilder(node);
        upToSeqByAccount.forEach((account, seq) -> m.append(' ').append(account).append(':').append(seq));
        publish(BELLS, m.toString());
    }

    @Override
    public void announce(ClusterChange change) {
        publish(CHANGES, node + " " + change.encode());
    }

    private void publish(String channel, String message) {
        try {
            publisher.async().publish(channel, message);
        } catch (RuntimeException e) {
            log.debug("bus message dropped: {}", e.toString()); // away: the other nodes poll meanwhile
        }
    }

    @Override
    public void listen(Listener listener) {
        this.listener = listener;
    }

    @Override
    public boolean live() {
        return subscriber.isOpen();
    }

    @Override
    public boolean clustered() {
        return true;
    }

    private void heard(String channel, String message) {
        Listener l = listener;
        int space = message.indexOf(' ');
        if (l == null || space < 0 || message.regionMatches(0, node, 0, space) && space == node.length()) return;
        String body = message.substring(space + 1);
        try {
            if (channel.equals(BELLS)) {
                for (String pair : body.split(" ")) {
                    int colon = pair.indexOf(':');
                    l.rung(Long.parseLong(pair, 0, colon, 10), Long.parseLong(pair, colon + 1, pair.length(), 10));
                }
            } else {
                l.changed(ClusterChange.decode(body));
            }
        } catch (RuntimeException e) {
            log.warn("ignored a bus message this node cannot read on {}: {}", channel, e.toString());
        }
    }

    @Override
    public void close() {
        subscriber.close();
        publisher.close();
        client.shutdown();
        resources.shutdown();
    }
}

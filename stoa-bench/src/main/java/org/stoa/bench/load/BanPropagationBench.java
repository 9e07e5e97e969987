package org.stoa.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * How long a sanction made on one node of a cluster takes to stop a send through another: each round
 * a fresh member sends through node B (so B has her cached), an admin restricts her group sends
 * through node A, and she sends through node B until refused. Reports the time from the sanction's
 * 201 to the first 403 on node B, and how many sends node B accepted in between (should be none).
 *
 * <pre>
 * java -cp 'stoa-bench/target/stoa-bench.jar:stoa-bench/target/lib/*' org.stoa.bench.load.BanPropagationBench \
 *      --url http://node-a:8080,http://node-b:8080 --admin NAME --password PASSWORD [--rounds 200]
 * </pre>
 * The nodes need {@code STOA_LIMITS_ACCOUNTS_PER_ADDRESS=100000/1h} (every round registers accounts).
 */
public final class BanPropagationBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String a;
    private final String b;

    private BanPropagationBench(String a, String b) {
        this.a = a;
        this.b = b;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        String[] urls = opts.getOrDefault("url", "").split(",");
        if (urls.length != 2) throw new IllegalArgumentException("--url names two nodes: http://a:8080,http://b:8080");
        new BanPropagationBench(urls[0], urls[1]).run(opts.get("admin"), opts.get("password"),
                Integer.parseInt(opts.getOrDefault("rounds", "200")));
        System.exit(0);
    }

    private void run(String adminName, String adminPassword, int rounds) throws Exception {
        String admin = call(a, null, "POST", "/api/v1/sessions", Map.of("username", adminName, "password", adminPassword))
                .json().get("token").asText();
        Histogram propagation = new Histogram(60_000_000_000L, 3);
        long acceptedAfterBan = 0;
        for (int round = 0; round < rounds; round++) {
            String name = "banned" + System.nanoTime() % 100_000_000;
            String owner = register("banowner" + System.nanoTime() % 100_000_000); // one group each: groups are limited per account
            String member = register(name);
            long memberId = call(a, member, "GET", "/api/v1/me", null).json().get("id").asLong();
            long request = call(a, owner, "POST", "/api/v1/contacts/requests", Map.of("username", name)).json().get("id").asLong();
            call(a, member, "POST", "/api/v1/contacts/requests/" + request + "/accept", Map.of());
            long group = call(a, owner, "POST", "/api/v1/conversations",
                    Map.of("type", "group", "title", "round " + round, "members", List.of(memberId))).json().get("id").asLong();
            if (send(b, member, group, "warm-" + round) != 201) throw new IllegalStateException("the warm-up send was refused");
            call(a, admin, "POST", "/api/v1/moderation/accounts/" + memberId + "/sanctions", Map.of("kind", "restriction",
                    "features", List.of("send_group"), "duration", "1h", "reason", "ban propagation benchmark, round " + round));
            long acknowledged = System.nanoTime();
            for (int attempt = 0; ; attempt++) {
                int status = send(b, member, group, "after-" + round + "-" + attempt);
                if (status == 403) break;
                if (status == 201) acceptedAfterBan++;
                else throw new IllegalStateException("unexpected status " + status);
            }
            propagation.recordValue(System.nanoTime() - acknowledged);
        }
        System.out.printf("rounds=%d accepted-after-sanction=%d%n", rounds, acceptedAfterBan);
        System.out.printf("sanction 201 on node A -> first 403 on node B, ms: p50=%.2f p99=%.2f max=%.2f%n",
                propagation.getValueAtPercentile(50) / 1e6, propagation.getValueAtPercentile(99) / 1e6, propagation.getMaxValue() / 1e6);
    }

    private String register(String name) throws Exception {
        String password = "bench-password-" + name;
        call(a, null, "POST", "/api/v1/accounts", Map.of("username", name, "password", password));
        return call(a, null, "POST", "/api/v1/sessions", Map.of("username", name, "password", password)).json().get("token").asText();
    }

    private int send(String node, String token, long group, String clientId) throws Exception {
        return call(node, token, "POST", "/api/v1/conversations/" + group + "/messages",
                Map.of("clientId", clientId, "text", "hello " + clientId), true).status();
    }

    private record Answer(int status, JsonNode json) {}

    private Answer call(String node, String token, String method, String path, Object body) throws Exception {
        return call(node, token, method, path, body, false);
    }

    private Answer call(String node, String token, String method, String path, Object body, boolean anyStatus) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(node + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) r.header("Authorization", "Bearer " + token);
        HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        if (!anyStatus && response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }
}

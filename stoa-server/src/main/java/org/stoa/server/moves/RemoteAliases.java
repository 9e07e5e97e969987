package org.stoa.server.moves;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.stoa.server.config.ServerAddress;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.Json;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;

/**
 * Asks another Stoa server whether one of its accounts names an account here as its alias
 * ({@code GET /.well-known/stoa/aliases/{name}}), which is what makes a move there verified. A
 * request a user's input makes the server send is an abuse surface, so: the address is only a host
 * and port (the scheme and path are ours: https, http only to loopback), loopback and private
 * networks are refused unless the operator allows them, redirects are not followed, the connection
 * and the answer have short time-outs, the answer is read up to {@value #MAX_ANSWER_BYTES} bytes,
 * and lookups are limited per account and per server. Failures say what happened, never what the
 * other server sent.
 */
public final class RemoteAliases {

    static final int MAX_ANSWER_BYTES = 16 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final boolean allowPrivateAddresses;
    private final Limits limits;

    public RemoteAliases(boolean allowPrivateAddresses, Limits limits) {
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.limits = limits;
    }

    /**
     * Whether {@code name} on {@code server} lists {@code alias} among its aliases; asked on behalf
     * of {@code accountId}. Throws a 422 for a server that may not be asked, a 429 past a limit and a
     * 502 when the server cannot be asked or gives no usable answer.
     */
    boolean lists(long accountId, ServerAddress server, String name, String alias) {
        limits.acquire(Limit.ALIAS_LOOKUPS_PER_ACCOUNT, accountId);
        limits.acquire(Limit.ALIAS_LOOKUPS_PER_HOST, server);
        boolean loopback = checkHost(server);
        HttpRequest request = HttpRequest.newBuilder(uri(server, loopback, name)).timeout(ANSWER_TIMEOUT)
                .header("Accept", "application/json").header("User-Agent", "stoa (alias check for a move)").GET().build();
        CompletableFuture<HttpResponse<Answer>> sent = client.sendAsync(request, info -> Answer.reader(info.statusCode()));
        Answer answer;
        try {
            answer = sent.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).body(); // the whole answer, not only its head
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw unreachable(server, "it did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw unreachable(server, e.getCause() instanceof HttpTimeoutException
                    ? "it did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s" : "it could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(server, "the check was interrupted");
        }
        if (answer.status() == 404) return false;
        if (answer.status() != 200) throw unreachable(server, "it answered HTTP " + answer.status());
        if (answer.tooLarge()) throw unreachable(server, "its answer was larger than a list of aliases can be");
        JsonNode aliases;
        try {
            aliases = Json.MAPPER.readTree(answer.bytes()).path("aliases");
        } catch (IOException e) {
            throw unreachable(server, "its answer is not a Stoa list of aliases");
        }
        if (!aliases.isArray()) throw unreachable(server, "its answer is not a Stoa list of aliases");
        for (JsonNode a : aliases) if (a.isTextual() && a.asText().equalsIgnoreCase(alias)) return true;
        return false;
    }

    /** An answer's status and body, read up to {@value #MAX_ANSWER_BYTES} bytes; a larger one is cut off unread. */
    private record Answer(int status, byte[] bytes, boolean tooLarge) {

        static HttpResponse.BodySubscriber<Answer> reader(int status) {
            return new Reader(status);
        }

        private static final class Reader implements HttpResponse.BodySubscriber<Answer> {
            private final int status;
            private final ByteArrayOutputStream out = new ByteArrayOutputStream();
            private final CompletableFuture<Answer> answer = new CompletableFuture<>();
            private Flow.Subscription subscription;

            Reader(int status) {
                this.status = status;
            }

            @Override
            public CompletableFuture<Answer> getBody() {
                return answer;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                for (ByteBuffer b : buffers) {
                    if (out.size() + b.remaining() > MAX_ANSWER_BYTES) {
                        subscription.cancel();
                        answer.complete(new Answer(status, new byte[0], true));
                        return;
                    }
                    byte[] chunk = new byte[b.remaining()];
                    b.get(chunk);
                    out.writeBytes(chunk);
                }
            }

            @Override
            public void onError(Throwable error) {
                answer.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                answer.complete(new Answer(status, out.toByteArray(), false));
            }
        }
    }

    /** https, or http to a loopback address (a second server on the same machine). */
    private static URI uri(ServerAddress server, boolean loopback, String name) {
        try {
            return new URI(loopback ? "http" : "https", null, server.bareHost(), server.port() == null ? -1 : server.port(),
                    "/.well-known/stoa/aliases/" + name, null, null);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("invalid_move_target", "'" + server + "' is not a server address");
        }
    }

    /**
     * Resolves the host and refuses loopback, private, link-local and other addresses that are not
     * on the public internet unless the operator allows them; answers whether it is loopback.
     */
    private boolean checkHost(ServerAddress server) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(server.bareHost());
        } catch (UnknownHostException e) {
            throw unreachable(server, "no such host is known");
        }
        boolean loopback = true;
        for (InetAddress a : addresses) {
            loopback &= a.isLoopbackAddress();
            if (!allowPrivateAddresses && !isPublic(a)) {
                throw new ApiException(422, "remote_host_not_allowed", server + " is not on the public internet (" + a.getHostAddress()
                        + "); this server only asks public Stoa servers", Map.of("server", server.toString()));
            }
        }
        return loopback;
    }

    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) return (b[0] & 0xfe) != 0xfc; // fc00::/7, unique local
        return !((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) // 100.64.0.0/10, carrier-grade NAT
                && (b[0] & 0xff) != 0; // 0.0.0.0/8
    }

    private static ApiException unreachable(ServerAddress server, String why) {
        return new ApiException(502, "alias_lookup_failed", "could not check the aliases at " + server + ": " + why
                + "; try again later", Map.of("server", server.toString()));
    }
}

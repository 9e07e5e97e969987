package org.stoa.server.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.Json;
import org.stoa.server.http.Problems;
import org.stoa.server.http.Requests;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.stream.ReplyFrames;
import org.stoa.server.stream.StreamRequests;

/**
 * Sending over the open stream. A {@code message.send} frame is the body of
 * {@code POST /api/v1/conversations/{id}/messages} (the same {@link ConversationsRoutes.SendBody})
 * with the {@code conversationId} beside it and, if the client likes, a {@code requestId} of its
 * own; it goes through the same {@link MessageService#send}, so the review, the idempotency by
 * {@code clientId}, the sanctions, the limits and the problems are the HTTP send's. The answer, once
 * the message is durable (or refused), is one {@code message.ack} carrying what the HTTP answer
 * carries: {@code status} (201, 202 held, or the problem's), the message or the problem, and
 * {@code replayed} for a retry of a stored message. A frame that is not a request at all is answered
 * with a {@code stream.error} and costs a token of the sender's message burst, as a send does.
 */
public final class StreamSends implements StreamRequests {

    static final String SEND = "message.send";
    /** Where acks are written once their message is durable: a virtual thread each. */
    private static final Executor ACKS = Thread::startVirtualThread;
    private static final String WHAT = "the frame";

    /** What every frame a client sends carries, whatever it asks. */
    record Envelope(String type, String requestId) {}

    /** Where a {@code message.send} goes; the rest of it is the HTTP send's body. */
    record Target(Long conversationId) {}

    private final MessageService messages;
    private final Limits limits;
    private final Counter acknowledged;
    private final Counter problems;

    public StreamSends(MessageService messages, Limits limits, MeterRegistry metrics) {
        this.messages = messages;
        this.limits = limits;
        String name = StreamSends.class.getName() + ".sends";
        this.acknowledged = Counter.builder(name).tag("answer", "message").description("message.send frames answered with the message")
                .register(metrics);
        this.problems = Counter.builder(name).tag("answer", "problem").description("message.send frames answered with a problem")
                .register(metrics);
    }

    @Override
    public CompletableFuture<String> answer(Principal me, String frame) {
        JsonNode tree;
        Envelope envelope;
        try {
            tree = Requests.parse(frame, JsonNode.class, WHAT);
            if (!tree.isObject()) throw ApiException.badRequest("malformed_json", "a frame is a JSON object with a \"type\"");
            envelope = Requests.convert(tree, Envelope.class, WHAT);
            if (envelope.requestId() != null && (envelope.requestId().isEmpty() || envelope.requestId().length() > ReplyFrames.MAX_REQUEST_ID)) {
                throw ApiException.badRequest("invalid_request_id", "requestId is 1 to " + ReplyFrames.MAX_REQUEST_ID + " characters, or left out");
            }
            if (envelope.type() == null) throw ApiException.badRequest("missing_field", "field 'type' is required");
            if (!SEND.equals(envelope.type())) {
                throw ApiException.badRequest("unknown_frame_type",
                        "a client sends only \"" + SEND + "\" frames on the stream; '" + shortened(envelope.type()) + "' is not one");
            }
        } catch (ApiException e) {
            return CompletableFuture.completedFuture(notARequest(me, e, ReplyFrames.requestIdOf(frame)));
        }
        return send(me, tree, envelope.requestId());
    }

    private CompletableFuture<String> send(Principal me, JsonNode frame, String requestId) {
        String clientId = textual(frame, "clientId");
        CompletableFuture<MessageService.Sent> later;
        try {
            Target target = Requests.convert(frame, Target.class, WHAT);
            long conversationId = Requests.required(target.conversationId(), "conversationId");
            ConversationsRoutes.SendBody body = Requests.convert(frame, ConversationsRoutes.SendBody.class, WHAT);
            later = messages.sendLater(me, conversationId, MessageService.Draft.of(body.clientId(), body.text(), body.mediaId(),
                    body.replyTo()));
        } catch (ApiException e) {
            return CompletableFuture.completedFuture(problem(requestId, clientId, e));
        }
        // Off the writer's thread, which completes the write: the ack's JSON is this stream's work, not every send's.
        return later.handleAsync((sent, failure) -> {
            if (failure == null) {
                acknowledged.increment();
                return ack(requestId, clientId, sent.status(), (sent.replayed() ? ",\"replayed\":true" : "")
                        + ",\"message\":" + Json.write(sent.message()));
            }
            Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
            if (cause instanceof ApiException e) return problem(requestId, clientId, e);
            throw new CompletionException(cause);
        }, ACKS);
    }

    private String problem(String requestId, String clientId, ApiException e) {
        problems.increment();
        return ack(requestId, clientId, e.status(), ",\"problem\":" + Problems.toJson(e));
    }

    /** {@code {"type":"message.ack","requestId":...,"clientId":...,"status":N,...}}: the ids only when the client gave them. */
    private static String ack(String requestId, String clientId, int status, String rest) {
        StringBuilder b = new StringBuilder(256).append("{\"type\":\"message.ack\"");
        if (requestId != null) b.append(",\"requestId\":").append(Json.write(requestId));
        if (clientId != null && clientId.length() <= 64) b.append(",\"clientId\":").append(Json.write(clientId));
        return b.append(",\"status\":").append(status).append(rest).append('}').toString();
    }

    /** A frame that is no request: answered, and counted against the sender's burst so that a flood of them stops. */
    private String notARequest(Principal me, ApiException problem, String requestId) {
        try {
            limits.acquire(Limit.MESSAGES_BURST, me.accountId());
        } catch (ApiException limited) {
            return ReplyFrames.error(limited, requestId);
        }
        return ReplyFrames.error(problem, requestId);
    }

    private static String textual(JsonNode node, String field) {
        if (node == null || !node.isObject()) return null;
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static String shortened(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}

package org.stoa.server.conversations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.stoa.engine.image.ImageHashes;
import org.stoa.engine.policy.Feature;
import org.stoa.engine.review.Content;
import org.stoa.engine.review.ContentReview;
import org.stoa.engine.review.Decision;
import org.stoa.engine.review.ReviewContext;
import org.stoa.server.accounts.Principal;
import org.stoa.server.contacts.ContactStore;
import org.stoa.server.enforcement.DecisionRecord.Outcome;
import org.stoa.server.enforcement.DecisionView;
import org.stoa.server.enforcement.Refusal;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.enforcement.DecisionSubject;
import org.stoa.server.enforcement.SanctionManager;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.Json;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.media.MediaHashes;
import org.stoa.server.media.MediaRecord;
import org.stoa.server.media.MediaStore;
import org.stoa.server.storage.Writer;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventType;

/**
 * The send path: validate, check the sender's sanctions, review (the one call that knows nothing
 * of how review works), then either refuse with the decision, or store durably (delivered with the
 * next {@code seq}, or held) and deliver to every member's stream. Also history and recall.
 */
public final class MessageService {

    public static final int MAX_TEXT = 4000;
    private static final int MAX_CLIENT_ID = 64;
    private static final Duration RECALL_WINDOW = Duration.ofMinutes(2);

    /** A stored message, and whether this request was a retry of an earlier one. */
    public record Sent(MessageView message, boolean replayed) {}

    /** An image message just delivered, for the checks that run after delivery (OCR). */
    public record DeliveredImage(MessageView message, ReviewContext context, String sha256) {}

    private final Memberships memberships;
    private final ConversationStore conversations;
    private final MessageStore messages;
    private final RefusedMessages refusedMessages;
    private final ContactStore contacts;
    private final MediaStore media;
    private final MediaHashes mediaHashes;
    private final ContentReview review;
    private final Enforcer enforcer;
    private final SanctionManager sanctions;
    private final Writer writer;
    private final EventLog events;
    private final Consumer<DeliveredImage> afterImageDelivered;
    private final Limits limits;
    private final Counter delivered;
    private final Counter held;
    private final Counter refused;

    public MessageService(Memberships memberships, ConversationStore conversations, MessageStore messages,
                          RefusedMessages refusedMessages, ContactStore contacts, MediaStore media, MediaHashes mediaHashes,
                          ContentReview review, Enforcer enforcer, SanctionManager sanctions, Writer writer, EventLog events,
                          Consumer<DeliveredImage> afterImageDelivered, Limits limits, MeterRegistry metrics) {
        this.limits = limits;
        this.memberships = memberships;
        this.conversations = conversations;
        this.messages = messages;
        this.refusedMessages = refusedMessages;
        this.contacts = contacts;
        this.media = media;
        this.mediaHashes = mediaHashes;
        this.review = review;
        this.enforcer = enforcer;
        this.sanctions = sanctions;
        this.writer = writer;
        this.events = events;
        this.afterImageDelivered = afterImageDelivered;
        String name = MessageService.class.getName() + ".sends";
        this.delivered = Counter.builder(name).tag("outcome", "delivered").register(metrics);
        this.held = Counter.builder(name).tag("outcome", "held").register(metrics);
        this.refused = Counter.builder(name).tag("outcome", "refused").register(metrics);
    }

    public Sent send(Principal me, long conversationId, String clientId, String text, String mediaId) {
        validateClientId(clientId);
        if ((text == null) == (mediaId == null)) {
            throw ApiException.badRequest("invalid_message", "send either 'text' or 'mediaId', not both and not neither");
        }
        if (text != null) validateText(text);
        ConversationStore.Membership m = memberships.membership(conversationId, me.accountId())
                .orElseThrow(() -> ConversationManager.notFound(conversationId));

        // A retry of a stored message is answered as the first attempt was, without a second review.
        Optional<MessageView> earlier = messages.byClientId(conversationId, me.accountId(), clientId);
        if (earlier.isPresent()) return new Sent(sameAsEarlier(earlier.get(), text, mediaId), true);

        sanctions.require(me.accountId(), m.type() == ConversationType.DIRECT ? Feature.SEND_DIRECT : Feature.SEND_GROUP);
        // Counted after the replay above: retrying a send that was stored costs nothing.
        limits.acquire(Limit.MESSAGES_BURST, me.accountId());
        limits.acquire(Limit.MESSAGES_SUSTAINED, me.accountId());
        ReviewContext context = new ReviewContext(me.accountId(), conversationId, m.type().reviewScope());
        MediaRecord image = null;
        Content content;
        if (text != null) {
            content = new Content.Text(context, text);
        } else {
            image = media.accessible(mediaId, me.accountId())
                    .orElseThrow(() -> ApiException.notFound("media_not_found", "no image " + mediaId + " that you can send"));
            ImageHashes hashes = mediaHashes.get(image.sha256())
                    .orElseThrow(() -> new IllegalStateException("no hashes stored for image " + mediaId));
            content = new Content.Image(context, mediaId, hashes);
        }
        Decision decision = review.review(content);
        DecisionSubject reviewed = new DecisionSubject(me.accountId(), conversationId, null,
                image == null ? null : image.sha256(), text != null ? text : "image " + mediaId, clientId);
        if (decision instanceof Decision.Refuse) {
            // A retried refusal gets the first decision again: one offence, one set of strikes.
            DecisionView d = writer.execute(tx -> {
                DecisionView v = enforcer.refuseOnce(tx, reviewed, decision);
                Instant appealableUntil = v.decision().appealableUntil();
                if (appealableUntil != null) {
                    refusedMessages.keep(tx, new RefusedMessages.Refused(v.decision().id(), conversationId, me.accountId(),
                            clientId, text, mediaId), appealableUntil.toEpochMilli());
                }
                return v;
            });
            refused.increment();
            throw refusal(d);
        }
        MessageView.MediaInfo info = image == null ? null
                : new MessageView.MediaInfo(image.id(), image.contentType(), image.width(), image.height());
        Sent sent = store(me, conversationId, clientId, text, info, decision, reviewed);
        if (!sent.replayed() && info != null && sent.message().status() == MessageStatus.DELIVERED) {
            afterImageDelivered.accept(new DeliveredImage(sent.message(), context, image.sha256()));
        }
        return sent;
    }

    /** The 422 a refused send gets: the rule, its explanation, the evidence and the decision to cite. */
    private static ApiException refusal(DecisionView d) {
        return Refusal.problem("message_refused", "not delivered", d);
    }

    private Sent store(Principal me, long conversationId, String clientId, String text, MessageView.MediaInfo image,
                       Decision decision, DecisionSubject reviewed) {
        String mediaId = image == null ? null : image.id();
        boolean deliver = decision instanceof Decision.Deliver;
        Sent sent = writer.execute(tx -> {
            Handle h = tx.handle();
            Memberships.Roster roster = memberships.roster(h, conversationId)
                    .filter(r -> r.members().containsKey(me.accountId()))
                    .orElseThrow(() -> ConversationManager.notFound(conversationId));
            Optional<MessageView> earlier = messages.byClientId(h, conversationId, me.accountId(), clientId);
            if (earlier.isPresent()) return new Sent(sameAsEarlier(earlier.get(), text, mediaId), true);
            Collection<Long> members = roster.members().keySet();
            if (roster.type() == ConversationType.DIRECT) requireDirectAllowed(h, me.accountId(), members);
            sanctions.requireInWrite(tx, me.accountId(), roster.type() == ConversationType.DIRECT ? Feature.SEND_DIRECT : Feature.SEND_GROUP);
            Long seq = deliver ? conversations.nextSeq(tx, conversationId) : null;
            MessageStatus status = deliver ? MessageStatus.DELIVERED : MessageStatus.HELD;
            long id = messages.insert(tx, conversationId, seq, status, me.accountId(), clientId, text, mediaId);
            Optional<DecisionView> decided = enforcer.recordReview(tx, reviewed.withMessage(id), decision,
                    deliver ? Outcome.FLAGGED : Outcome.HELD);
            MessageView.Moderation moderation = null;
            if (!deliver) {
                long decisionId = decided.orElseThrow().decision().id();
                messages.moderate(tx, id, MessageStatus.HELD, decisionId);
                moderation = MessageView.Moderation.of(decisionId, "pending review by a moderator ("
                        + decided.get().decision().ruleTitle() + ")");
            }
            MessageView view = new MessageView(id, conversationId, seq, me.accountId(), clientId, status, text, mediaId,
                    image, Instant.ofEpochMilli(tx.now()), null, moderation);
            if (deliver) {
                conversations.markSent(tx, conversationId, me.accountId(), seq);
                events.appendMessage(tx, members, EventType.MESSAGE_CREATED, id, Json.write(view));
            }
            return new Sent(view, false);
        });
        if (!sent.replayed()) (deliver ? delivered : held).increment();
        return sent;
    }

    private void requireDirectAllowed(Handle h, long me, Collection<Long> members) {
        directRefusal(contacts, h, me, members).ifPresent(problem -> {
            throw problem;
        });
    }

    /** Why {@code me} may not write to the other member of a direct chat: blocked, or no longer contacts. */
    static Optional<ApiException> directRefusal(ContactStore contacts, Handle h, long me, Collection<Long> members) {
        for (long other : members) {
            if (other == me) continue;
            if (contacts.hasBlocked(h, other, me)) {
                return Optional.of(ApiException.forbidden("blocked", "this account does not accept messages from you"));
            }
            if (!contacts.areContacts(h, me, other)) {
                return Optional.of(ApiException.forbidden("not_a_contact", "you can message this account again once you are contacts"));
            }
        }
        return Optional.empty();
    }

    /** A retry must carry the same content; reusing a clientId for something else is a client bug. */
    private static MessageView sameAsEarlier(MessageView earlier, String text, String mediaId) {
        boolean same = earlier.recalledAt() != null || earlier.moderation() != null
                || (Objects.equals(earlier.text(), text) && Objects.equals(earlier.mediaId(), mediaId));
        if (!same) {
            throw ApiException.conflict("client_id_reused",
                    "clientId was already used for a different message; use a new clientId for each message");
        }
        return earlier;
    }

    public MessageStore.Page history(Principal me, long conversationId, Long before, Integer limit) {
        ConversationStore.Membership m = memberships.membership(conversationId, me.accountId())
                .orElseThrow(() -> ConversationManager.notFound(conversationId));
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > 200) throw ApiException.badRequest("invalid_limit", "limit is 1 to 200");
        long b = before == null ? Long.MAX_VALUE : before;
        if (b < 1) throw ApiException.badRequest("invalid_before", "before is a message seq, 1 or more");
        return messages.page(conversationId, m.joinedSeq(), b, n);
    }

    public MessageView recall(Principal me, long messageId) {
        return writer.execute(tx -> {
            Handle h = tx.handle();
            MessageView msg = messages.byId(h, messageId)
                    .filter(x -> memberships.membership(h, x.conversationId(), me.accountId()).isPresent())
                    .orElseThrow(() -> ApiException.notFound("message_not_found", "no message " + messageId + " in your conversations"));
            if (msg.senderId() != me.accountId()) {
                throw ApiException.forbidden("not_your_message", "only the sender can recall a message");
            }
            if (msg.recalledAt() != null) return msg;
            if (msg.createdAt().plus(RECALL_WINDOW).isBefore(Instant.ofEpochMilli(tx.now()))) {
                throw ApiException.conflict("recall_window_passed", "messages can be recalled within 2 minutes of sending");
            }
            messages.recall(tx, messageId);
            MessageView recalled = messages.byId(h, messageId).orElseThrow();
            if (msg.seq() != null) {
                events.appendMessage(tx, memberships.roster(h, msg.conversationId()).orElseThrow().members().keySet(),
                        EventType.MESSAGE_RECALLED, messageId, Json.write(recalled));
            }
            return recalled;
        });
    }

    private static void validateClientId(String clientId) {
        if (clientId == null) throw ApiException.badRequest("missing_field", "field 'clientId' is required");
        if (clientId.isBlank() || clientId.length() > MAX_CLIENT_ID) {
            throw ApiException.badRequest("invalid_client_id", "clientId is 1 to " + MAX_CLIENT_ID + " characters, unique per message");
        }
    }

    private static void validateText(String text) {
        if (text.isBlank()) throw ApiException.badRequest("empty_text", "the message text is empty");
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp == 0) throw ApiException.badRequest("invalid_text", "the text contains a NUL character");
            if (Character.getType(cp) == Character.SURROGATE) {
                throw ApiException.badRequest("invalid_text", "the text contains an unpaired surrogate (invalid Unicode)");
            }
            i += Character.charCount(cp);
        }
        if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            throw ApiException.badRequest("text_too_long", "messages are at most " + MAX_TEXT + " characters");
        }
    }
}

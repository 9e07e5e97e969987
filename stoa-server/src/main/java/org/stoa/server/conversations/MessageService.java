package org.stoa.server.conversations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.moderation.VisibleMessages;
import org.stoa.server.media.MediaHashes;
import org.stoa.server.media.MediaKind;
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
    static final Duration EDIT_WINDOW = Duration.ofMinutes(15);

    /** A stored message, and whether this request was a retry of an earlier one. */
    public record Sent(MessageView message, boolean replayed) {

        /** What the answer says, over HTTP or the stream: 201 stored and delivered, 202 held for review. */
        public int status() {
            return message.status() == MessageStatus.HELD ? 202 : 201;
        }
    }

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
    private final VisibleMessages visible;
    private final Clock clock;
    private final Counter delivered;
    private final Counter held;
    private final Counter refused;

    public MessageService(Memberships memberships, ConversationStore conversations, MessageStore messages,
                          RefusedMessages refusedMessages, ContactStore contacts, MediaStore media, MediaHashes mediaHashes,
                          ContentReview review, Enforcer enforcer, SanctionManager sanctions, Writer writer, EventLog events,
                          Consumer<DeliveredImage> afterImageDelivered, Limits limits, Clock clock, MeterRegistry metrics) {
        this.clock = clock;
        this.visible = new VisibleMessages(messages, memberships);
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

    /**
     * What a send asks for: a text, an upload (an image, which the text then captions, or a file),
     * the message it answers, and the message it forwards (set by {@link #forward} only).
     */
    public record Draft(String clientId, String text, String mediaId, Long replyTo, Long forwardedFrom) {

        public static Draft of(String clientId, String text, String mediaId, Long replyTo) {
            return new Draft(clientId, text, mediaId, replyTo, null);
        }
    }

    public Sent send(Principal me, long conversationId, Draft draft) {
        return Writer.await(sendLater(me, conversationId, draft));
    }

    /**
     * {@link #send} that returns once the checks and the review are done and the write is queued
     * (throwing what they refuse with); the future completes when the message is durable, or
     * refused. The writer runs its queue in order, so sends one thread queues one after another are
     * stored in that order: a stream can have many in flight and still keep its client's order.
     */
    public CompletableFuture<Sent> sendLater(Principal me, long conversationId, Draft draft) {
        validateClientId(draft.clientId());
        if (draft.text() == null && draft.mediaId() == null) {
            throw ApiException.badRequest("invalid_message", "send 'text', 'mediaId', or both (an image with its caption)");
        }
        if (draft.text() != null) validateText(draft.text());
        ConversationStore.Membership m = memberships.membership(conversationId, me.accountId())
                .orElseThrow(() -> ConversationManager.notFound(conversationId));
        try {
            return reviewAndStore(me, conversationId, m.type(), draft);
        } catch (ApiException refusedBeforeTheWrite) {
            // A retry of a stored message is answered as the first attempt was, whatever has changed
            // since (a sanction, a limit, the policy). Looked up only now: on SQLite a read connection
            // reads its pages afresh after every commit, and this lookup before each send was 4 % of
            // the server's CPU under load. A retry that gets as far as the write is answered there,
            // from the writer's own lookup.
            return CompletableFuture.completedFuture(earlier(me, conversationId, draft).orElseThrow(() -> refusedBeforeTheWrite));
        }
    }

    /** The answer to a retry of a message already stored: the first attempt's. */
    private Optional<Sent> earlier(Principal me, long conversationId, Draft draft) {
        return messages.byClientId(conversationId, me.accountId(), draft.clientId())
                .map(earlier -> new Sent(sameAsEarlier(earlier, draft.text(), draft.mediaId()), true));
    }

    private CompletableFuture<Sent> reviewAndStore(Principal me, long conversationId, ConversationType type, Draft draft) {
        String clientId = draft.clientId();
        String text = draft.text();
        String mediaId = draft.mediaId();
        if (draft.replyTo() != null) requireReplyTarget(me, conversationId, draft.replyTo());
        sanctions.require(me.accountId(), type == ConversationType.DIRECT ? Feature.SEND_DIRECT : Feature.SEND_GROUP);
        limits.acquire(Limit.MESSAGES_BURST, me.accountId());
        limits.acquire(Limit.MESSAGES_SUSTAINED, me.accountId());
        ReviewContext context = new ReviewContext(me.accountId(), conversationId, type.reviewScope());
        MediaRecord upload = null;
        Content content;
        if (mediaId == null) {
            content = new Content.Text(context, text);
        } else {
            upload = media.accessible(mediaId, me.accountId())
                    .orElseThrow(() -> ApiException.notFound("media_not_found", "no upload " + mediaId + " that you can send"));
            ImageHashes hashes = mediaHashes.get(upload.sha256())
                    .orElseThrow(() -> new IllegalStateException("no hashes stored for upload " + mediaId));
            // A caption is reviewed with its image (or file) in one review: one decision for the message.
            content = new Content.Image(context, mediaId, hashes, text);
        }
        Decision decision = review.review(content);
        DecisionSubject reviewed = new DecisionSubject(me.accountId(), conversationId, null,
                upload == null ? null : upload.sha256(), new MessageStore.RawContent(text, mediaId).excerpt(), clientId);
        if (decision instanceof Decision.Refuse) {
            Optional<Sent> stored = earlier(me, conversationId, draft); // stored under an earlier policy
            if (stored.isPresent()) return CompletableFuture.completedFuture(stored.get());
            // A retried refusal gets the first decision again: one offence, one set of strikes.
            return writer.submit(tx -> {
                DecisionView v = enforcer.refuseOnce(tx, reviewed, decision);
                Instant appealableUntil = v.decision().appealableUntil();
                if (appealableUntil != null) {
                    refusedMessages.keep(tx, new RefusedMessages.Refused(v.decision().id(), conversationId, me.accountId(),
                            clientId, text, mediaId), appealableUntil.toEpochMilli());
                }
                return v;
            }).thenApply(d -> {
                refused.increment();
                throw refusal(d);
            });
        }
        MessageView.MediaInfo info = upload == null ? null : upload.kind() == MediaKind.FILE
                ? MessageView.MediaInfo.file(upload.id(), upload.contentType(), upload.fileName(), upload.sizeBytes())
                : MessageView.MediaInfo.image(upload.id(), upload.contentType(), upload.width(), upload.height());
        CompletableFuture<Sent> stored = store(me, conversationId, draft, info, decision, reviewed);
        if (upload != null && upload.kind() == MediaKind.IMAGE) {
            String sha256 = upload.sha256();
            // Off the writer's thread, which completes the write: reading the image is this send's work.
            stored.thenAcceptAsync(sent -> {
                if (!sent.replayed() && sent.message().status() == MessageStatus.DELIVERED) {
                    afterImageDelivered.accept(new DeliveredImage(sent.message(), context, sha256));
                }
            }, Thread::startVirtualThread);
        }
        return stored;
    }

    /** A reply answers a message of the same conversation that its sender can read. */
    private void requireReplyTarget(Principal me, long conversationId, long replyTo) {
        boolean readable = visible.message(me, replyTo).filter(x -> x.conversationId() == conversationId).isPresent();
        if (!readable) {
            throw ApiException.badRequest("invalid_reply_to",
                    "replyTo must be a message of this conversation that you can read; " + replyTo + " is not");
        }
    }

    /**
     * Forwards a message {@code me} can read to another conversation of theirs: a new message
     * marked forwarded, reviewed again there, with that conversation's membership and sanctions.
     */
    public Sent forward(Principal me, long messageId, long toConversationId, String clientId) {
        MessageView source = visible.message(me, messageId)
                .orElseThrow(() -> ApiException.notFound("message_not_found", "no message " + messageId + " in your conversations"));
        if (source.seq() == null || source.recalledAt() != null || source.status() != MessageStatus.DELIVERED) {
            throw ApiException.conflict("not_forwardable", "only delivered messages that still have their content can be forwarded");
        }
        return send(me, toConversationId, new Draft(clientId, source.text(), source.mediaId(), null, messageId));
    }

    /** The 422 a refused send gets: the rule, its explanation, the evidence and the decision to cite. */
    private static ApiException refusal(DecisionView d) {
        return Refusal.problem("message_refused", "not delivered", d);
    }

    private CompletableFuture<Sent> store(Principal me, long conversationId, Draft draft, MessageView.MediaInfo image,
                                          Decision decision, DecisionSubject reviewed) {
        String clientId = draft.clientId();
        String text = draft.text();
        String mediaId = image == null ? null : image.id();
        boolean deliver = decision instanceof Decision.Deliver;
        return writer.submit(tx -> {
            Handle h = tx.handle();
            Memberships.Roster roster = memberships.roster(h, conversationId)
                    .filter(r -> r.members().containsKey(me.accountId()))
                    .orElseThrow(() -> ConversationManager.notFound(conversationId));
            Optional<MessageView> earlier = messages.byClientId(h, conversationId, me.accountId(), clientId);
            if (earlier.isPresent()) return new Sent(sameAsEarlier(earlier.get(), text, mediaId), true);
            Collection<Long> members = roster.members().keySet();
            if (roster.type() == ConversationType.DIRECT) requireDirectAllowed(h, me.accountId(), members);
            sanctions.requireInWrite(tx, me.accountId(), roster.type() == ConversationType.DIRECT ? Feature.SEND_DIRECT : Feature.SEND_GROUP);
            SlowMode.admit(tx, roster, roster.member(me.accountId()).orElseThrow());
            Long seq = deliver ? conversations.nextSeq(tx, conversationId) : null;
            MessageStatus status = deliver ? MessageStatus.DELIVERED : MessageStatus.HELD;
            long id = messages.insert(tx, conversationId, seq, status, me.accountId(), clientId, text, mediaId,
                    draft.replyTo(), draft.forwardedFrom());
            Optional<DecisionView> decided = enforcer.recordReview(tx, reviewed.withMessage(id), decision,
                    deliver ? Outcome.FLAGGED : Outcome.HELD);
            MessageView.Moderation moderation = null;
            if (!deliver) {
                long decisionId = decided.orElseThrow().decision().id();
                messages.moderate(tx, id, MessageStatus.HELD, decisionId);
                moderation = MessageView.Moderation.of(decisionId, "pending review by a moderator ("
                        + decided.get().decision().ruleTitle() + ")");
            }
            MessageView.Quote quote = draft.replyTo() == null ? null
                    : messages.byId(h, id).map(MessageView::quote).orElse(null);
            MessageView view = new MessageView(id, conversationId, seq, me.accountId(), clientId, status, text, mediaId,
                    image, Instant.ofEpochMilli(tx.now()), null, moderation, draft.replyTo(), quote, null,
                    draft.forwardedFrom() == null ? null : Boolean.TRUE);
            if (deliver) {
                conversations.markSent(tx, conversationId, me.accountId(), seq);
                events.appendMessage(tx, members, EventType.MESSAGE_CREATED, id, view);
            }
            return new Sent(view, false);
        }).thenApply(sent -> {
            if (!sent.replayed()) (deliver ? delivered : held).increment();
            return sent;
        });
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
            ContactStore.DirectStanding standing = contacts.directStanding(h, me, other);
            if (standing == ContactStore.DirectStanding.BLOCKED_BY_OTHER) {
                return Optional.of(ApiException.forbidden("blocked", "this account does not accept messages from you"));
            }
            if (standing == ContactStore.DirectStanding.NOT_CONTACTS) {
                return Optional.of(ApiException.forbidden("not_a_contact", "you can message this account again once you are contacts"));
            }
        }
        return Optional.empty();
    }

    /** A retry must carry the same content; reusing a clientId for something else is a client bug. */
    private static MessageView sameAsEarlier(MessageView earlier, String text, String mediaId) {
        boolean same = earlier.recalledAt() != null || earlier.moderation() != null || earlier.editedAt() != null
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
        return messages.page(conversationId, me.accountId(), m.joinedSeq(), b, n);
    }

    /**
     * Edits the text of {@code me}'s own message within {@link #EDIT_WINDOW} of sending. The new
     * text is reviewed as a new message would be; a refusal (or a hold: an edit cannot wait for a
     * moderator) is recorded and answered as a refused send is, and the message stays as it was.
     */
    public MessageView edit(Principal me, long messageId, String text) {
        if (text == null) throw ApiException.badRequest("missing_field", "field 'text' is required");
        validateText(text);
        MessageView msg = visible.message(me, messageId)
                .orElseThrow(() -> ApiException.notFound("message_not_found", "no message " + messageId + " in your conversations"));
        requireEditable(me, msg, clock.instant());
        ConversationType type = memberships.membership(msg.conversationId(), me.accountId())
                .orElseThrow(() -> ConversationManager.notFound(msg.conversationId())).type();
        sanctions.require(me.accountId(), type == ConversationType.DIRECT ? Feature.SEND_DIRECT : Feature.SEND_GROUP);
        limits.acquire(Limit.MESSAGES_BURST, me.accountId());
        limits.acquire(Limit.MESSAGES_SUSTAINED, me.accountId());
        ReviewContext context = new ReviewContext(me.accountId(), msg.conversationId(), type.reviewScope());
        Content content = msg.mediaId() == null ? new Content.Text(context, text) : new Content.Image(context, msg.mediaId(),
                mediaHashes.get(media.record(msg.mediaId()).orElseThrow().sha256()).orElseThrow(), text);
        Decision decision = review.review(content);
        DecisionSubject reviewed = DecisionSubject.message(me.accountId(), msg.conversationId(), messageId,
                "edit: " + new MessageStore.RawContent(text, msg.mediaId()).excerpt());
        if (!(decision instanceof Decision.Deliver)) {
            DecisionView d = writer.execute(tx -> enforcer.refuse(tx, reviewed, decision,
                    "not edited: the message kept its earlier text, and nobody saw the edit"));
            refused.increment();
            throw Refusal.problem("message_refused", "not edited", d);
        }
        return writer.execute(tx -> {
            Handle h = tx.handle();
            MessageView current = messages.byId(h, messageId).orElseThrow();
            requireEditable(me, current, Instant.ofEpochMilli(tx.now()));
            messages.edit(tx, messageId, text);
            enforcer.recordReview(tx, reviewed, decision, Outcome.FLAGGED);
            MessageView edited = messages.byId(h, messageId).orElseThrow();
            events.appendMessage(tx, memberships.roster(h, msg.conversationId()).orElseThrow().members().keySet(),
                    EventType.MESSAGE_EDITED, messageId, edited);
            return edited;
        });
    }

    private static void requireEditable(Principal me, MessageView msg, Instant now) {
        if (msg.senderId() != me.accountId()) {
            throw ApiException.forbidden("not_your_message", "only the sender can edit a message");
        }
        if (msg.recalledAt() != null || msg.status() != MessageStatus.DELIVERED) {
            throw ApiException.conflict("message_not_editable", "only a delivered message that was not recalled can be edited");
        }
        if (msg.text() == null) {
            throw ApiException.conflict("message_not_editable", "a photo or file sent without a caption has no text to edit");
        }
        if (msg.createdAt().plus(EDIT_WINDOW).isBefore(now)) {
            throw ApiException.conflict("edit_window_passed", "messages can be edited within 15 minutes of sending");
        }
    }

    /** "Delete for me": the message leaves {@code me}'s history and other devices; nobody else's view changes. */
    public void hide(Principal me, long messageId) {
        MessageView msg = visible.message(me, messageId)
                .orElseThrow(() -> ApiException.notFound("message_not_found", "no message " + messageId + " in your conversations"));
        limits.acquire(Limit.MESSAGE_HIDES, me.accountId());
        writer.execute(tx -> {
            if (messages.hide(tx, me.accountId(), messageId)) {
                events.append(tx, List.of(me.accountId()), EventType.MESSAGE_HIDDEN,
                        new Hidden(messageId, msg.conversationId(), msg.clientId()));
            }
            return null;
        });
    }

    /** The event a hide sends to its account's other devices. */
    record Hidden(long id, long conversationId, String clientId) {}

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
                        EventType.MESSAGE_RECALLED, messageId, recalled);
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

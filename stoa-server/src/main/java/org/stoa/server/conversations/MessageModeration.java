package org.stoa.server.conversations;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.stoa.server.contacts.ContactStore;
import org.stoa.server.http.ApiException;
import org.stoa.server.storage.Tx;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventType;

/**
 * What moderation does to a message, inside the caller's transaction: release a held one into the
 * timeline, take one down, and after a reversed appeal restore one taken down or deliver one that
 * was refused. Each tells every member on their stream. The decision behind the change is the
 * caller's to record.
 */
public final class MessageModeration {

    private final MessageStore messages;
    private final RefusedMessages refused;
    private final ConversationStore conversations;
    private final Memberships memberships;
    private final ContactStore contacts;
    private final EventLog events;

    public MessageModeration(MessageStore messages, RefusedMessages refused, ConversationStore conversations,
                             Memberships memberships, ContactStore contacts, EventLog events) {
        this.messages = messages;
        this.refused = refused;
        this.conversations = conversations;
        this.memberships = memberships;
        this.contacts = contacts;
        this.events = events;
    }

    /** The message whatever its status, for moderators; 404 if there is none. */
    public MessageView find(Handle h, long messageId) {
        return messages.byId(h, messageId)
                .orElseThrow(() -> ApiException.notFound("message_not_found", "there is no message " + messageId));
    }

    /** The message whatever its status, if it exists. */
    public Optional<MessageView> current(Handle h, long messageId) {
        return messages.byId(h, messageId);
    }

    /** The content as sent, whatever became of it: what a decision quotes. */
    public MessageStore.RawContent content(Handle h, long messageId) {
        return messages.rawContent(h, messageId).orElse(MessageStore.RawContent.NONE);
    }

    /** The content of a committed message, for moderators; 404 if there is none. */
    public MessageStore.RawContent content(long messageId) {
        return messages.rawContent(messageId)
                .orElseThrow(() -> ApiException.notFound("message_not_found", "there is no message " + messageId));
    }

    /** A held message goes out after all, at the end of the timeline, under {@code decisionId}. */
    public MessageView release(Tx tx, MessageView held, long decisionId) {
        long seq = conversations.nextSeq(tx, held.conversationId());
        messages.release(tx, held.id(), seq, decisionId);
        MessageView released = messages.byId(tx.handle(), held.id()).orElseThrow();
        events.appendMessage(tx, members(tx, held.conversationId()), EventType.MESSAGE_CREATED, held.id(), released);
        return released;
    }

    /** Withdraws or removes a message for everyone; members who had it see a notice in its place. */
    public void takeDown(Tx tx, MessageView m, MessageStatus status, long decisionId) {
        if (!status.takenDown()) throw new IllegalArgumentException(status + " does not take a message down");
        messages.moderate(tx, m.id(), status, decisionId);
        if (m.seq() != null) {
            MessageView gone = messages.byId(tx.handle(), m.id()).orElseThrow();
            events.appendMessage(tx, members(tx, m.conversationId()), EventType.MESSAGE_WITHDRAWN, m.id(), gone);
        }
    }

    /**
     * A message taken down is delivered again for everyone under {@code decisionId} (a reversal),
     * in its old place; one that was never delivered (held, then removed) at the end of the timeline.
     * Every member is sent {@code message.restored}. Empty if it is not taken down.
     */
    public Optional<MessageView> restore(Tx tx, MessageView m, long decisionId) {
        if (!m.status().takenDown()) return Optional.empty();
        long seq = m.seq() != null ? m.seq() : conversations.nextSeq(tx, m.conversationId());
        messages.release(tx, m.id(), seq, decisionId);
        MessageView restored = messages.byId(tx.handle(), m.id()).orElseThrow();
        events.appendMessage(tx, members(tx, m.conversationId()), EventType.MESSAGE_RESTORED, m.id(), restored);
        return Optional.of(restored);
    }

    /**
     * Delivers a refused send after all, under {@code decisionId} (a reversal): stored at the end of
     * the timeline with its original {@code clientId} (so its sender's retry finds it) and sent to
     * every member. Answers why it cannot be delivered, if so: its sender is no longer a member, or
     * may no longer write to the other person of a direct chat, or its content is gone.
     */
    public Delivery deliverRefused(Tx tx, long refusalDecisionId, long decisionId) {
        Optional<RefusedMessages.Refused> kept = refused.find(tx.handle(), refusalDecisionId);
        if (kept.isEmpty()) return Delivery.failed("its content was deleted when the appeal window closed");
        RefusedMessages.Refused r = kept.get();
        Handle h = tx.handle();
        Optional<Memberships.Roster> roster = memberships.roster(h, r.conversationId())
                .filter(x -> x.members().containsKey(r.senderId()));
        if (roster.isEmpty()) return Delivery.failed("you are no longer in that conversation");
        if (roster.get().type() == ConversationType.DIRECT) {
            Optional<ApiException> refusal = MessageService.directRefusal(contacts, h, r.senderId(), roster.get().members().keySet());
            if (refusal.isPresent()) return Delivery.failed(refusal.get().detail());
        }
        String clientId = messages.byClientId(h, r.conversationId(), r.senderId(), r.clientId()).isPresent()
                ? "appeal-" + decisionId : r.clientId();
        long seq = conversations.nextSeq(tx, r.conversationId());
        long id = messages.insert(tx, r.conversationId(), seq, MessageStatus.DELIVERED, r.senderId(), clientId, r.text(), r.mediaId());
        messages.release(tx, id, seq, decisionId);
        conversations.markSent(tx, r.conversationId(), r.senderId(), seq);
        refused.forget(tx, refusalDecisionId);
        MessageView delivered = messages.byId(h, id).orElseThrow();
        events.appendMessage(tx, List.copyOf(roster.get().members().keySet()), EventType.MESSAGE_CREATED, id, delivered);
        return new Delivery(Optional.of(delivered), null);
    }

    /** A delivery after appeal: the message, or why there is none. */
    public record Delivery(Optional<MessageView> message, String failure) {
        static Delivery failed(String why) {
            return new Delivery(Optional.empty(), why);
        }
    }

    private List<Long> members(Tx tx, long conversationId) {
        return List.copyOf(memberships.roster(tx.handle(), conversationId).orElseThrow().members().keySet());
    }
}

package org.stoa.server.conversations;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.Json;
import org.stoa.server.storage.Tx;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventType;

/**
 * What moderation does to a stored message, inside the caller's transaction: release a held one
 * into the timeline, or take one down; each tells every member on their stream. The decision
 * behind the change is the caller's to record.
 */
public final class MessageModeration {

    private final MessageStore messages;
    private final ConversationStore conversations;
    private final Memberships memberships;
    private final EventLog events;

    public MessageModeration(MessageStore messages, ConversationStore conversations, Memberships memberships, EventLog events) {
        this.messages = messages;
        this.conversations = conversations;
        this.memberships = memberships;
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
        events.appendMessage(tx, members(tx, held.conversationId()), EventType.MESSAGE_CREATED, held.id(), Json.write(released));
        return released;
    }

    /** Withdraws or removes a message for everyone; members who had it see a notice in its place. */
    public void takeDown(Tx tx, MessageView m, MessageStatus status, long decisionId) {
        if (!status.takenDown()) throw new IllegalArgumentException(status + " does not take a message down");
        messages.moderate(tx, m.id(), status, decisionId);
        if (m.seq() != null) {
            MessageView gone = messages.byId(tx.handle(), m.id()).orElseThrow();
            events.appendMessage(tx, members(tx, m.conversationId()), EventType.MESSAGE_WITHDRAWN, m.id(), Json.write(gone));
        }
    }

    private List<Long> members(Tx tx, long conversationId) {
        return List.copyOf(memberships.roster(tx.handle(), conversationId).orElseThrow().members().keySet());
    }
}

package org.stoa.server.conversations;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.stoa.server.storage.Tx;

/**
 * What a refused send carried, kept until its decision's appeal window closes so that a reversal
 * can deliver it. Nobody reads it but the appeal that delivers it; the sender and moderators see
 * the same content in the decision, until it is deleted with this row.
 */
public final class RefusedMessages {

    /** A refused send: where it was going, from whom, with which {@code clientId}, and its text or image. */
    public record Refused(long decisionId, long conversationId, long senderId, String clientId, String text, String mediaId) {}

    /** Keeps a refusal's content until {@code deleteAfter} (epoch ms); a retried refusal keeps nothing twice. */
    void keep(Tx tx, Refused r, long deleteAfter) {
        tx.handle().createUpdate("""
                        INSERT INTO refused_messages (decision_id, conversation_id, sender_id, client_id, text, media_id, delete_after)
                        VALUES (:d, :c, :s, :k, :text, :media, :after) ON CONFLICT (decision_id) DO NOTHING""")
                .bind("d", r.decisionId()).bind("c", r.conversationId()).bind("s", r.senderId()).bind("k", r.clientId())
                .bind("text", r.text()).bind("media", r.mediaId()).bind("after", deleteAfter).execute();
    }

    public Optional<Refused> find(Handle h, long decisionId) {
        return h.createQuery("SELECT * FROM refused_messages WHERE decision_id = :d").bind("d", decisionId)
                .map((rs, ctx) -> new Refused(rs.getLong("decision_id"), rs.getLong("conversation_id"), rs.getLong("sender_id"),
                        rs.getString("client_id"), rs.getString("text"), rs.getString("media_id")))
                .findOne();
    }

    void forget(Tx tx, long decisionId) {
        tx.handle().createUpdate("DELETE FROM refused_messages WHERE decision_id = :d").bind("d", decisionId).execute();
    }

    /** Whether any refusal's window has closed by {@code now}: a cheap check before a writer job. */
    public boolean anyExpired(Handle h, long now) {
        return h.createQuery("SELECT 1 FROM refused_messages WHERE delete_after <= :now LIMIT 1").bind("now", now)
                .mapTo(Integer.class).findOne().isPresent();
    }

    /** Deletes the content of refusals whose appeal window has closed; answers their decision ids. */
    public List<Long> deleteExpired(Tx tx) {
        return tx.handle().createQuery("DELETE FROM refused_messages WHERE delete_after <= :now RETURNING decision_id")
                .bind("now", tx.now()).mapTo(Long.class).list();
    }
}

package org.stoa.server.stream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.stoa.server.http.Json;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Tx;

/**
 * Every account's durable stream of events. Appending happens inside the writer's transaction and
 * delivery to live connections after it commits, so a client never sees an event that a crash
 * could take back, and replay from the table yields exactly what was delivered.
 */
public final class EventLog {

    private final Jdbi reads;
    private final StreamHub hub;
    private volatile MessageRenderer renderer;

    public EventLog(Jdbi reads, StreamHub hub) {
        this.reads = reads;
        this.hub = hub;
    }

    /** Wired once at start-up by the feature that owns messages. */
    public void renderMessagesWith(MessageRenderer renderer) {
        this.renderer = renderer;
    }

    /** Appends an event with {@code data} (serialized as JSON) to each account's stream. */
    public void append(Tx tx, Collection<Long> accountIds, EventType type, Object data) {
        append(tx, accountIds, type, null, Json.write(data));
    }

    /** Appends a message event; the stored row refers to the message, {@code messageJson} goes live. */
    public void appendMessage(Tx tx, Collection<Long> accountIds, EventType type, long messageId, String messageJson) {
        append(tx, accountIds, type, messageId, messageJson);
    }

    /**
     * Appends an event to the stream of every moderator and admin, as they are in this transaction
     * (the review queue changed, say).
     */
    public void appendToStaff(Tx tx, EventType type, Object data) {
        List<long[]> seqs = tx.handle().createQuery(
                        "UPDATE accounts SET event_seq = event_seq + 1 WHERE role <> 'user' RETURNING id, event_seq")
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list();
        insert(tx, seqs, type, null, Json.write(data));
    }

    private void append(Tx tx, Collection<Long> accountIds, EventType type, Long messageId, String dataJson) {
        if (accountIds.isEmpty()) return;
        List<long[]> seqs = tx.handle().createQuery(
                        "UPDATE accounts SET event_seq = event_seq + 1 WHERE id IN (<ids>) RETURNING id, event_seq")
                .bindList("ids", List.copyOf(accountIds))
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list();
        insert(tx, seqs, type, messageId, dataJson);
    }

    /** Stores one event per {account id, its new eventSeq} and delivers them live once the transaction commits. */
    private void insert(Tx tx, List<long[]> seqs, EventType type, Long messageId, String dataJson) {
        if (seqs.isEmpty()) return;
        PreparedBatch batch = tx.handle().prepareBatch("""
                INSERT INTO events (account_id, seq, type, message_id, payload, created_at)
                VALUES (:account, :seq, :type, :message, :payload, :now)""");
        String payload = messageId == null ? dataJson : null;
        List<StreamEvent> live = new ArrayList<>(seqs.size());
        for (long[] s : seqs) {
            batch.bind("account", s[0]).bind("seq", s[1]).bind("type", type.wireName())
                    .bind("message", messageId).bind("payload", payload).bind("now", tx.now()).add();
            live.add(new StreamEvent(s[0], s[1], type, dataJson));
        }
        batch.execute();
        tx.afterCommit(() -> live.forEach(hub::publish));
    }

    /** Up to {@code limit} events of {@code accountId} after {@code afterSeq}, in order. */
    List<StreamEvent> read(long accountId, long afterSeq, int limit) {
        return reads.withHandle(h -> {
            record Row(long seq, EventType type, Long messageId, String payload) {}
            List<Row> rows = h.createQuery("""
                            SELECT seq, type, message_id, payload FROM events
                            WHERE account_id = :account AND seq > :after ORDER BY seq LIMIT :limit""")
                    .bind("account", accountId).bind("after", afterSeq).bind("limit", limit)
                    .map((rs, ctx) -> new Row(rs.getLong("seq"), EventType.fromWireName(rs.getString("type")),
                            Rows.nullableLong(rs, "message_id"), rs.getString("payload")))
                    .list();
            List<Long> messageIds = rows.stream().map(Row::messageId).filter(id -> id != null).distinct().toList();
            Map<Long, String> messages = messageIds.isEmpty() ? Map.of() : renderer.render(h, messageIds);
            List<StreamEvent> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                String data = r.messageId() != null ? messages.get(r.messageId()) : r.payload();
                out.add(new StreamEvent(accountId, r.seq(), r.type(), data));
            }
            return out;
        });
    }

    /** The last eventSeq handed out to {@code accountId} (0 if none). */
    long latestSeq(long accountId) {
        return reads.withHandle(h -> h.createQuery("SELECT event_seq FROM accounts WHERE id = :id")
                .bind("id", accountId).mapTo(Long.class).findOne().orElse(0L));
    }
}

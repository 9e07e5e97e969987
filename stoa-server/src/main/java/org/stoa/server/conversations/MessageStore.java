package org.stoa.server.conversations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.stoa.engine.policy.WireName;
import org.stoa.server.http.Json;
import org.stoa.server.media.MediaKind;
import org.stoa.server.search.DocumentKind;
import org.stoa.server.search.SearchTerms;
import org.stoa.server.storage.DirectSql;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Tx;
import org.stoa.server.stream.MessageRenderer;

/** SQL for messages. */
public final class MessageStore implements MessageRenderer {

    private static final String SELECT = """
            SELECT m.id, m.conversation_id, m.seq, m.status, m.sender_id, m.client_id, m.text, m.media_id,
                   m.created_at, m.recalled_at, m.decision_id, d.content_type, d.width, d.height, x.rule_title,
                   x.outcome AS decision_outcome, m.reply_to, m.edited_at, m.forwarded_from, d.kind AS media_kind,
                   d.file_name, d.size_bytes, q.sender_id AS q_sender, q.status AS q_status, q.text AS q_text,
                   q.recalled_at AS q_recalled, q.media_id AS q_media, qd.kind AS q_kind, qd.file_name AS q_name
            FROM messages m LEFT JOIN media d ON d.id = m.media_id LEFT JOIN decisions x ON x.id = m.decision_id
            LEFT JOIN messages q ON q.id = m.reply_to LEFT JOIN media qd ON qd.id = q.media_id
            """;

    private static final RowMapper<MessageView> VIEW = (rs, ctx) -> {
        MessageStatus status = WireName.parse(MessageStatus.class, rs.getString("status")).orElseThrow();
        boolean hidden = status.takenDown();
        String mediaId = hidden ? null : rs.getString("media_id");
        Long decisionId = Rows.nullableLong(rs, "decision_id");
        boolean afterAppeal = "reversed".equals(rs.getString("decision_outcome"));
        MessageView.Moderation moderation = decisionId == null ? null
                : new MessageView.Moderation(decisionId, afterAppeal ? "delivered after an appeal"
                        : notice(status, rs.getString("rule_title")), afterAppeal ? Boolean.TRUE : null);
        Long replyTo = Rows.nullableLong(rs, "reply_to");
        return new MessageView(
                rs.getLong("id"), rs.getLong("conversation_id"), Rows.nullableLong(rs, "seq"),
                rs.getLong("sender_id"), rs.getString("client_id"), status,
                hidden ? null : rs.getString("text"), mediaId,
                mediaId == null ? null : mediaInfo(mediaId, rs.getString("media_kind"), rs.getString("content_type"),
                        rs.getInt("width"), rs.getInt("height"), rs.getString("file_name"), rs.getLong("size_bytes")),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Rows.nullableInstant(rs, "recalled_at"), moderation,
                replyTo, replyTo == null ? null : quote(replyTo, rs), Rows.nullableInstant(rs, "edited_at"),
                rs.getObject("forwarded_from") == null ? null : Boolean.TRUE);
    };

    static MessageView.MediaInfo mediaInfo(String id, String kind, String contentType, int width, int height, String name, long size) {
        return WireName.parse(MediaKind.class, kind).orElseThrow() == MediaKind.FILE
                ? MessageView.MediaInfo.file(id, contentType, name, size)
                : MessageView.MediaInfo.image(id, contentType, width, height);
    }

    /** The quoted message as it is now: its state instead of its content once that is gone. */
    private static MessageView.Quote quote(long id, ResultSet rs) throws SQLException {
        MessageStatus status = WireName.parse(MessageStatus.class, rs.getString("q_status")).orElseThrow();
        String state = rs.getObject("q_recalled") != null ? "recalled"
                : status.takenDown() || status == MessageStatus.HELD ? WireName.of(status) : null;
        String kind = rs.getString("q_media") == null ? "text" : "file".equals(rs.getString("q_kind")) ? "file" : "photo";
        String text = null;
        if (state == null) {
            String t = rs.getString("q_text");
            text = t != null ? shorten(t) : "file".equals(kind) ? rs.getString("q_name") : null;
        }
        return new MessageView.Quote(id, rs.getLong("q_sender"), kind, text, state);
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        if (oneLine.codePointCount(0, oneLine.length()) <= MessageView.Quote.MAX_TEXT) return oneLine;
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, MessageView.Quote.MAX_TEXT - 1)) + "…";
    }

    private static String notice(MessageStatus status, String rule) {
        String why = rule == null ? "" : " (" + rule + ")";
        return switch (status) {
            case HELD -> "pending review by a moderator" + why;
            case WITHDRAWN -> "withdrawn: it broke a rule" + why;
            case REMOVED -> "removed by a moderator" + why;
            case DELIVERED -> "reviewed" + why;
        };
    }

    /** A page of history, oldest first. */
    public record Page(List<MessageView> messages, boolean hasMore) {}

    private final Jdbi reads;
    private final SearchTerms terms;

    public MessageStore(Jdbi reads, SearchTerms terms) {
        this.reads = reads;
        this.terms = terms;
    }

    Optional<MessageView> byClientId(long conversationId, long senderId, String clientId) {
        return reads.withHandle(h -> byClientId(h, conversationId, senderId, clientId));
    }

    /** The message a sender already sent with {@code clientId}: a cheap indexed probe, then the view if any. */
    Optional<MessageView> byClientId(Handle h, long conversationId, long senderId, String clientId) {
        return DirectSql.firstLong(h, "SELECT id FROM messages WHERE conversation_id = ? AND sender_id = ? AND client_id = ?",
                conversationId, senderId, clientId).flatMap(id -> byId(h, id));
    }

    public Optional<MessageView> byId(Handle h, long id) {
        return h.createQuery(SELECT + " WHERE m.id = :id").bind("id", id).map(VIEW).findOne();
    }

    public Optional<MessageView> byId(long id) {
        return reads.withHandle(h -> byId(h, id));
    }

    /** A message's content as sent (a text or an image's media id), whatever became of it. */
    public record RawContent(String text, String mediaId) {

        static final RawContent NONE = new RawContent(null, null);

        /** What a decision quotes: the text, or "image" and the media id, with its caption if any. */
        public String excerpt() {
            if (mediaId == null) return text;
            return text == null ? "image " + mediaId : "image " + mediaId + " with the caption: " + text;
        }
    }

    public Optional<RawContent> rawContent(long id) {
        return reads.withHandle(h -> rawContent(h, id));
    }

    public Optional<RawContent> rawContent(Handle h, long id) {
        return h.createQuery("SELECT text, media_id FROM messages WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new RawContent(rs.getString("text"), rs.getString("media_id"))).findOne();
    }

    /** Puts a message under a decision: held, withdrawn or removed (content kept for review and appeal). */
    void moderate(Tx tx, long messageId, MessageStatus status, long decisionId) {
        tx.handle().createUpdate("UPDATE messages SET status = :s, decision_id = :d WHERE id = :id")
                .bind("s", WireName.of(status)).bind("d", decisionId).bind("id", messageId).execute();
    }

    /** A held message approved by a moderator takes its place at the end of the timeline. */
    void release(Tx tx, long messageId, long seq, long decisionId) {
        tx.handle().createUpdate("UPDATE messages SET status = :s, seq = :seq, decision_id = :d WHERE id = :id")
                .bind("s", WireName.of(MessageStatus.DELIVERED)).bind("seq", seq).bind("d", decisionId).bind("id", messageId).execute();
    }

    long insert(Tx tx, long conversationId, Long seq, MessageStatus status, long senderId, String clientId, String text, String mediaId) {
        return insert(tx, conversationId, seq, status, senderId, clientId, text, mediaId, null, null);
    }

    long insert(Tx tx, long conversationId, Long seq, MessageStatus status, long senderId, String clientId, String text, String mediaId,
                Long replyTo, Long forwardedFrom) {
        long id = DirectSql.oneLong(tx.handle(), """
                        INSERT INTO messages (conversation_id, seq, status, sender_id, client_id, text, media_id, created_at,
                                              reply_to, forwarded_from)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                conversationId, seq, WireName.of(status), senderId, clientId, text, mediaId, tx.now(), replyTo, forwardedFrom);
        terms.add(tx.handle(), DocumentKind.MESSAGE, conversationId, id, text);
        return id;
    }

    /** An accepted edit: the new text for everyone, with when, and in the search index instead of the old. */
    void edit(Tx tx, long messageId, String text) {
        indexed(tx, messageId).ifPresent(m -> terms.replace(tx.handle(), DocumentKind.MESSAGE, m.getKey(), messageId,
                m.getValue().orElse(null), text));
        tx.handle().createUpdate("UPDATE messages SET text = :text, edited_at = :now WHERE id = :id")
                .bind("text", text).bind("now", tx.now()).bind("id", messageId).execute();
    }

    /** A message's conversation and its text as the search index has it. */
    private static Optional<Map.Entry<Long, Optional<String>>> indexed(Tx tx, long messageId) {
        return tx.handle().createQuery("SELECT conversation_id, text FROM messages WHERE id = :id").bind("id", messageId)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), Optional.ofNullable(rs.getString(2)))).findOne();
    }

    /** "Delete for me": true if it was not hidden yet. */
    boolean hide(Tx tx, long accountId, long messageId) {
        return tx.handle().createUpdate("""
                        INSERT INTO hidden_messages (account_id, message_id, hidden_at) VALUES (:a, :m, :now)
                        ON CONFLICT DO NOTHING""")
                .bind("a", accountId).bind("m", messageId).bind("now", tx.now()).execute() > 0;
    }

    /** Recalling removes the content for everyone, and from the search index; the message keeps its place in the timeline. */
    void recall(Tx tx, long messageId) {
        indexed(tx, messageId).ifPresent(m -> terms.remove(tx.handle(), DocumentKind.MESSAGE, m.getKey(), messageId, m.getValue().orElse(null)));
        tx.handle().createUpdate("UPDATE messages SET recalled_at = :now, text = NULL, media_id = NULL WHERE id = :id")
                .bind("now", tx.now()).bind("id", messageId).execute();
    }

    /** Delivered messages after {@code afterSeq} and before {@code beforeSeq}, newest {@code limit} of them. */
    Page page(long conversationId, long viewerId, long afterSeq, long beforeSeq, int limit) {
        return reads.withHandle(h -> {
            List<MessageView> newestFirst = h.createQuery(SELECT + """
                             WHERE m.conversation_id = :c AND m.seq > :after AND m.seq < :before
                               AND NOT EXISTS (SELECT 1 FROM hidden_messages hm WHERE hm.account_id = :viewer AND hm.message_id = m.id)
                             ORDER BY m.seq DESC LIMIT :limit""")
                    .bind("c", conversationId).bind("viewer", viewerId).bind("after", afterSeq).bind("before", beforeSeq).bind("limit", limit + 1)
                    .map(VIEW).list();
            boolean more = newestFirst.size() > limit;
            List<MessageView> page = newestFirst.subList(0, Math.min(limit, newestFirst.size())).reversed();
            return new Page(List.copyOf(page), more);
        });
    }

    /** Up to {@code limit} messages of the timeline after {@code afterSeq}, oldest first: a conversation read from start to end. */
    public List<MessageView> timeline(Handle h, long conversationId, long afterSeq, int limit) {
        return h.createQuery(SELECT + " WHERE m.conversation_id = :c AND m.seq > :after ORDER BY m.seq LIMIT :limit")
                .bind("c", conversationId).bind("after", afterSeq).bind("limit", limit).map(VIEW).list();
    }

    /** {@code senderId}'s messages in a conversation still waiting for a moderator (no {@code seq} yet), oldest first. */
    public List<MessageView> heldFrom(Handle h, long conversationId, long senderId) {
        return h.createQuery(SELECT + " WHERE m.conversation_id = :c AND m.sender_id = :s AND m.status = :held ORDER BY m.id")
                .bind("c", conversationId).bind("s", senderId).bind("held", WireName.of(MessageStatus.HELD)).map(VIEW).list();
    }

    public Map<Long, MessageView> views(Handle h, Collection<Long> ids) {
        Map<Long, MessageView> out = new LinkedHashMap<>();
        if (ids.isEmpty()) return out;
        h.createQuery(SELECT + " WHERE m.id IN (<ids>)").bindList("ids", List.copyOf(ids)).map(VIEW)
                .forEach(v -> out.put(v.id(), v));
        return out;
    }

    @Override
    public Map<Long, String> render(Handle h, Collection<Long> messageIds) {
        Map<Long, String> out = new LinkedHashMap<>();
        views(h, messageIds).forEach((id, v) -> out.put(id, Json.write(v)));
        return out;
    }
}

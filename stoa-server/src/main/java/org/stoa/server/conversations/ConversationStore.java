package org.stoa.server.conversations;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.stoa.engine.policy.WireName;
import org.stoa.server.accounts.AccountRef;
import org.stoa.server.storage.DirectSql;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Tx;

/** SQL for conversations and their members. */
public final class ConversationStore {

    /** One member's view of one conversation: enough to authorize and route a request. */
    public record Membership(long conversationId, ConversationType type, long accountId, MemberRole role, long joinedSeq) {}

    private final Jdbi reads;
    private final MessageStore messages;

    public ConversationStore(Jdbi reads, MessageStore messages) {
        this.reads = reads;
        this.messages = messages;
    }

    Optional<Memberships.Roster> roster(Handle h, long conversationId) {
        record Head(ConversationType type, int slowModeSeconds) {}
        Optional<Head> head = h.createQuery("SELECT type, slow_mode_seconds FROM conversations WHERE id = :c")
                .bind("c", conversationId)
                .map((rs, ctx) -> new Head(WireName.parse(ConversationType.class, rs.getString(1)).orElseThrow(), rs.getInt(2)))
                .findOne();
        if (head.isEmpty()) return Optional.empty();
        ConversationType type = head.get().type();
        Map<Long, Membership> members = new HashMap<>();
        h.createQuery("SELECT account_id, role, joined_seq FROM members WHERE conversation_id = :c")
                .bind("c", conversationId)
                .map((rs, ctx) -> new Membership(conversationId, type, rs.getLong("account_id"),
                        WireName.parse(MemberRole.class, rs.getString("role")).orElseThrow(), rs.getLong("joined_seq")))
                .forEach(m -> members.put(m.accountId(), m));
        return Optional.of(new Memberships.Roster(conversationId, type, Map.copyOf(members), head.get().slowModeSeconds()));
    }

    /** Every conversation {@code accountId} is a member of, by id. */
    public List<Membership> membershipsOf(Handle h, long accountId) {
        return h.createQuery("""
                        SELECT m.conversation_id, c.type, m.role, m.joined_seq FROM members m JOIN conversations c ON c.id = m.conversation_id
                        WHERE m.account_id = :a ORDER BY m.conversation_id""")
                .bind("a", accountId)
                .map((rs, ctx) -> new Membership(rs.getLong("conversation_id"),
                        WireName.parse(ConversationType.class, rs.getString("type")).orElseThrow(), accountId,
                        WireName.parse(MemberRole.class, rs.getString("role")).orElseThrow(), rs.getLong("joined_seq")))
                .list();
    }

    Optional<Long> directBetween(Handle h, String directKey) {
        return h.createQuery("SELECT id FROM conversations WHERE direct_key = :k").bind("k", directKey)
                .mapTo(Long.class).findOne();
    }

    long insert(Tx tx, ConversationType type, String title, String directKey, long createdBy) {
        return tx.handle().createQuery("""
                        INSERT INTO conversations (type, title, direct_key, created_by, created_at, updated_at)
                        VALUES (:type, :title, :key, :by, :now, :now) RETURNING id""")
                .bind("type", WireName.of(type)).bind("title", title).bind("key", directKey)
                .bind("by", createdBy).bind("now", tx.now()).mapTo(Long.class).one();
    }

    void addMember(Tx tx, long conversationId, long accountId, MemberRole role) {
        tx.handle().createUpdate("""
                        INSERT INTO members (conversation_id, account_id, role, joined_at, joined_seq, last_read_seq)
                        SELECT :c, :a, :role, :now, last_seq, last_seq FROM conversations WHERE id = :c""")
                .bind("c", conversationId).bind("a", accountId).bind("role", WireName.of(role)).bind("now", tx.now())
                .execute();
    }

    void removeMember(Tx tx, long conversationId, long accountId) {
        tx.handle().createUpdate("DELETE FROM members WHERE conversation_id = :c AND account_id = :a")
                .bind("c", conversationId).bind("a", accountId).execute();
    }

    void setRole(Tx tx, long conversationId, long accountId, MemberRole role) {
        tx.handle().createUpdate("UPDATE members SET role = :role WHERE conversation_id = :c AND account_id = :a")
                .bind("role", WireName.of(role)).bind("c", conversationId).bind("a", accountId).execute();
    }

    /** The member who takes over a group its owner left: the longest-standing admin, else member. */
    Optional<Long> successor(Handle h, long conversationId) {
        return h.createQuery("""
                        SELECT account_id FROM members WHERE conversation_id = :c
                        ORDER BY CASE role WHEN 'admin' THEN 0 ELSE 1 END, joined_at, account_id LIMIT 1""")
                .bind("c", conversationId).mapTo(Long.class).findOne();
    }

    /** What a group's settings are now: its title, description and avatar. */
    record GroupProfile(String title, String description, String avatarId) {}

    GroupProfile groupProfile(Handle h, long conversationId) {
        return h.createQuery("SELECT title, description, avatar_media_id FROM conversations WHERE id = :c").bind("c", conversationId)
                .map((rs, ctx) -> new GroupProfile(rs.getString(1), rs.getString(2), rs.getString(3))).one();
    }

    void setGroupProfile(Tx tx, long conversationId, GroupProfile profile) {
        tx.handle().createUpdate("""
                        UPDATE conversations SET title = :t, description = :d, avatar_media_id = :a, updated_at = :now WHERE id = :c""")
                .bind("t", profile.title()).bind("d", profile.description()).bind("a", profile.avatarId())
                .bind("now", tx.now()).bind("c", conversationId).execute();
        PublicGroupStore.list(tx.handle(), conversationId);
    }

    void setMuted(Tx tx, long conversationId, long accountId, boolean muted) {
        tx.handle().createUpdate("UPDATE members SET muted = :m WHERE conversation_id = :c AND account_id = :a")
                .bind("m", muted ? 1 : 0).bind("c", conversationId).bind("a", accountId).execute();
    }

    /** Hands out the next {@code seq} of the conversation's timeline. */
    public long nextSeq(Tx tx, long conversationId) {
        return DirectSql.oneLong(tx.handle(),
                "UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq", tx.now(), conversationId);
    }

    /** The sender has read everything up to what they just sent. */
    void markSent(Tx tx, long conversationId, long accountId, long seq) {
        DirectSql.update(tx.handle(), "UPDATE members SET last_read_seq = ? WHERE conversation_id = ? AND account_id = ?",
                seq, conversationId, accountId);
    }

    /** Moves a read marker forward (never back, never past the end); returns the marker now. */
    long markRead(Tx tx, long conversationId, long accountId, long seq) {
        tx.handle().createUpdate("""
                        UPDATE members SET last_read_seq = (
                            SELECT CASE WHEN :seq > c.last_seq THEN c.last_seq ELSE :seq END
                            FROM conversations c WHERE c.id = :c)
                        WHERE conversation_id = :c AND account_id = :a AND last_read_seq < :seq""")
                .bind("seq", seq).bind("c", conversationId).bind("a", accountId).execute();
        return tx.handle().createQuery("SELECT last_read_seq FROM members WHERE conversation_id = :c AND account_id = :a")
                .bind("c", conversationId).bind("a", accountId).mapTo(Long.class).one();
    }

    public ConversationView view(Handle h, long conversationId) {
        List<MemberView> members = h.createQuery("""
                        SELECT a.id, a.username, a.display_name, a.avatar_media_id, a.deleted_at, m.role, m.joined_at, m.last_read_seq
                        FROM members m JOIN accounts a ON a.id = m.account_id
                        WHERE m.conversation_id = :c ORDER BY m.joined_at, a.id""")
                .bind("c", conversationId)
                .map((rs, ctx) -> new MemberView(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        rs.getString("avatar_media_id"), AccountRef.deleted(Rows.nullableLong(rs, "deleted_at")),
                        WireName.parse(MemberRole.class, rs.getString("role")).orElseThrow(), Instant.ofEpochMilli(rs.getLong("joined_at")),
                        rs.getLong("last_read_seq")))
                .list();
        return h.createQuery("""
                        SELECT id, type, title, description, avatar_media_id, created_by, created_at, last_seq, visibility,
                               slow_mode_seconds
                        FROM conversations WHERE id = :c""")
                .bind("c", conversationId)
                .map((rs, ctx) -> new ConversationView(rs.getLong("id"), WireName.parse(ConversationType.class, rs.getString("type")).orElseThrow(),
                        rs.getString("title"), rs.getString("description"), rs.getString("avatar_media_id"),
                        rs.getLong("created_by"), Instant.ofEpochMilli(rs.getLong("created_at")), rs.getLong("last_seq"), members,
                        WireName.parse(GroupVisibility.class, rs.getString("visibility")).orElseThrow(), rs.getInt("slow_mode_seconds")))
                .one();
    }

    public ConversationView view(long conversationId) {
        return reads.withHandle(h -> view(h, conversationId));
    }

    /**
     * How many unread messages in each conversation mention {@code accountId} by {@code @username}:
     * the database finds the candidates (the text contains it, in any case), {@link Mentions} the
     * whole word.
     */
    private static Map<Long, Integer> unreadMentions(Handle h, long accountId) {
        String username = h.createQuery("SELECT username FROM accounts WHERE id = :me").bind("me", accountId).mapTo(String.class).one();
        Map<Long, Integer> counts = new HashMap<>();
        h.createQuery("""
                        SELECT m.conversation_id, msg.text FROM members m
                        JOIN messages msg ON msg.conversation_id = m.conversation_id AND msg.seq > m.last_read_seq
                        WHERE m.account_id = :me AND msg.sender_id <> :me AND msg.status = 'delivered' AND msg.recalled_at IS NULL
                          AND lower(msg.text) LIKE :pattern""")
                .bind("me", accountId).bind("pattern", "%@" + username + "%")
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> {
                    if (Mentions.mentions(e.getValue(), username)) counts.merge(e.getKey(), 1, Integer::sum);
                });
        return counts;
    }

    List<ConversationSummary> summaries(long accountId) {
        return reads.withHandle(h -> {
            record Row(long id, ConversationType type, String title, String avatarId, int memberCount, MemberRole role,
                       boolean muted, Long lastMessageId, long lastSeq, long lastReadSeq, long updatedAt) {}
            List<Row> rows = h.createQuery("""
                            SELECT c.id, c.type, c.title, c.avatar_media_id, c.last_seq, c.updated_at, m.role, m.muted, m.last_read_seq,
                                   last.id AS last_message_id,
                                   (SELECT count(*) FROM members x WHERE x.conversation_id = c.id) AS member_count
                            FROM members m JOIN conversations c ON c.id = m.conversation_id
                            LEFT JOIN messages last ON last.conversation_id = c.id AND last.seq = c.last_seq AND c.last_seq > m.joined_seq
                            WHERE m.account_id = :me ORDER BY c.updated_at DESC, c.id DESC""")
                    .bind("me", accountId)
                    .map((rs, ctx) -> new Row(rs.getLong("id"), WireName.parse(ConversationType.class, rs.getString("type")).orElseThrow(),
                            rs.getString("title"), rs.getString("avatar_media_id"), rs.getInt("member_count"),
                            WireName.parse(MemberRole.class, rs.getString("role")).orElseThrow(), rs.getInt("muted") != 0,
                            Rows.nullableLong(rs, "last_message_id"), rs.getLong("last_seq"),
                            rs.getLong("last_read_seq"), rs.getLong("updated_at")))
                    .list();
            Map<Long, AccountRef> peers = new HashMap<>();
            h.createQuery("""
                            SELECT m.conversation_id, a.id, a.username, a.display_name, a.avatar_media_id, a.deleted_at
                            FROM members mine JOIN conversations c ON c.id = mine.conversation_id AND c.type = 'direct'
                            JOIN members m ON m.conversation_id = c.id AND m.account_id <> :me
                            JOIN accounts a ON a.id = m.account_id
                            WHERE mine.account_id = :me""")
                    .bind("me", accountId)
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), new AccountRef(rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), AccountRef.deleted(Rows.nullableLong(rs, "deleted_at")))))
                    .forEach(e -> peers.put(e.getKey(), e.getValue()));
            List<Long> lastIds = rows.stream().map(Row::lastMessageId).filter(id -> id != null).toList();
            Map<Long, MessageView> last = messages.views(h, lastIds);
            Map<Long, Integer> mentions = unreadMentions(h, accountId);
            return rows.stream().map(r -> new ConversationSummary(r.id(), r.type(), r.title(), r.avatarId(), peers.get(r.id()),
                    r.memberCount(), r.role(), r.lastMessageId() == null ? null : last.get(r.lastMessageId()),
                    r.lastSeq(), r.lastReadSeq(), Math.max(0, r.lastSeq() - r.lastReadSeq()), mentions.getOrDefault(r.id(), 0),
                    r.muted(), Instant.ofEpochMilli(r.updatedAt()))).toList();
        });
    }
}

package org.stoa.server.media;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.stoa.engine.policy.WireName;
import org.stoa.server.enforcement.DecisionStore;
import org.stoa.server.storage.Tx;

/** SQL for media records. */
public final class MediaStore {

    private static final RowMapper<MediaRecord> RECORD = (rs, ctx) -> new MediaRecord(
            rs.getString("id"), rs.getString("sha256"), WireName.parse(MediaKind.class, rs.getString("kind")).orElseThrow(),
            rs.getString("content_type"), rs.getLong("size_bytes"), rs.getInt("width"), rs.getInt("height"),
            rs.getString("file_name"), rs.getLong("uploader_id"), Instant.ofEpochMilli(rs.getLong("created_at")));

    private final Jdbi reads;

    public MediaStore(Jdbi reads) {
        this.reads = reads;
    }

    void insert(Tx tx, MediaRecord r) {
        tx.handle().createUpdate("""
                        INSERT INTO media (id, sha256, kind, content_type, size_bytes, width, height, file_name, uploader_id, created_at)
                        VALUES (:id, :sha, :kind, :type, :size, :w, :h, :name, :uploader, :now)""")
                .bind("id", r.id()).bind("sha", r.sha256()).bind("kind", WireName.of(r.kind())).bind("name", r.fileName())
                .bind("type", r.contentType()).bind("size", r.sizeBytes())
                .bind("w", r.width()).bind("h", r.height()).bind("uploader", r.uploaderId()).bind("now", tx.now())
                .execute();
    }

    /** The media record whoever may see it: for moderators and the engine's checks. */
    public Optional<MediaRecord> record(String mediaId) {
        return reads.withHandle(h -> record(h, mediaId));
    }

    public Optional<MediaRecord> record(Handle h, String mediaId) {
        return h.createQuery("SELECT * FROM media WHERE id = :id").bind("id", mediaId).map(RECORD).findOne();
    }

    /**
     * The media, if {@code accountId} may see it: its uploader, a member of a conversation where it
     * was sent (and not before they joined), or anyone logged in once it is in a post of a channel that
     * is not closed (anyone may read such a channel's posts).
     */
    public Optional<MediaRecord> accessible(String mediaId, long accountId) {
        return reads.withHandle(h -> accessible(h, mediaId, accountId));
    }

    /** The media, if it is an account's or a group's avatar now: anyone logged in sees the people and groups they meet. */
    public Optional<MediaRecord> avatar(String mediaId) {
        return reads.withHandle(h -> h.createQuery("""
                        SELECT d.* FROM media d WHERE d.id = :id AND (EXISTS (SELECT 1 FROM accounts a WHERE a.avatar_media_id = d.id)
                            OR EXISTS (SELECT 1 FROM conversations c WHERE c.avatar_media_id = d.id))""")
                .bind("id", mediaId).map(RECORD).findOne());
    }

    /**
     * The media, if a message carrying it waits in the moderators' review queue (a decision awaiting
     * review, or an open report), or a channel post carries it (moderators review channels, held and
     * removed posts too). Moderators see what they are asked to judge, not every image.
     */
    public Optional<MediaRecord> inReview(String mediaId) {
        return reads.withHandle(h -> h.createQuery("""
                        SELECT d.* FROM media d WHERE d.id = :id AND EXISTS (
                            SELECT 1 FROM messages m WHERE m.media_id = d.id AND (
                                EXISTS (SELECT 1 FROM decisions WHERE decisions.message_id = m.id AND %s)
                                OR EXISTS (SELECT 1 FROM reports r WHERE r.message_id = m.id AND r.status = 'open')))
                          OR EXISTS (SELECT 1 FROM channel_posts p WHERE p.media_id = d.id)"""
                        .formatted(DecisionStore.awaitingReview("decisions")))
                .bind("id", mediaId).map(RECORD).findOne());
    }

    /** An image's bytes as stored (by SHA-256) and their type. */
    public record StoredImage(String sha256, String contentType) {}

    /** Images in messages {@code :me} can read: delivered after they joined, and their own held ones. */
    private static final String IN_CONVERSATIONS_OF = """
            FROM media d JOIN messages m ON m.media_id = d.id JOIN members x ON x.conversation_id = m.conversation_id
            WHERE x.account_id = :me
              AND ((m.status = 'delivered' AND m.seq > x.joined_seq) OR (m.status = 'held' AND m.sender_id = :me))
            """;

    /** The images in messages {@code accountId} can read, each stored file once, by SHA-256 after {@code afterSha256}. */
    public List<StoredImage> inConversationsOf(Handle h, long accountId, String afterSha256, int limit) {
        return h.createQuery("SELECT DISTINCT d.sha256, d.content_type " + IN_CONVERSATIONS_OF
                        + " AND d.sha256 > :after ORDER BY d.sha256 LIMIT :limit")
                .bind("me", accountId).bind("after", afterSha256).bind("limit", limit)
                .map((rs, ctx) -> new StoredImage(rs.getString(1), rs.getString(2))).list();
    }

    public int countInConversationsOf(Handle h, long accountId) {
        return h.createQuery("SELECT count(DISTINCT d.sha256) " + IN_CONVERSATIONS_OF).bind("me", accountId)
                .mapTo(Integer.class).one();
    }

    Optional<MediaRecord> accessible(Handle h, String mediaId, long accountId) {
        return h.createQuery("""
                        SELECT d.* FROM media d WHERE d.id = :id AND (d.uploader_id = :me OR EXISTS (
                            SELECT 1 FROM messages m JOIN members x ON x.conversation_id = m.conversation_id
                            WHERE m.media_id = d.id AND x.account_id = :me AND m.status = 'delivered'
                              AND m.seq > x.joined_seq)
                          OR EXISTS (SELECT 1 FROM channel_posts p WHERE p.media_id = d.id AND p.status = 'delivered'
                              AND NOT EXISTS (SELECT 1 FROM sanctions s WHERE s.channel_id = p.channel_id AND s.kind = 'closed'
                                  AND s.lifted_at IS NULL)))""")
                .bind("id", mediaId).bind("me", accountId).map(RECORD).findOne();
    }
}

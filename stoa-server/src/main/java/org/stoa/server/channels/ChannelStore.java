package org.stoa.server.channels;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.stoa.engine.policy.WireName;
import org.stoa.server.accounts.AccountRef;
import org.stoa.server.conversations.MessageView.MediaInfo;
import org.stoa.server.http.Json;
import org.stoa.server.search.ChannelPostSource;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Tx;

/** SQL for channels, their editors and subscriptions, and the channel log. */
final class ChannelStore {

    /** A channel's row with its owner's name. */
    record Row(long id, String handle, String title, String description, ChannelVisibility visibility, AccountRef owner,
               long subscriberCount, Instant createdAt) {}

    private static final String SELECT_CHANNEL = """
            SELECT c.*, a.username AS owner_username, a.display_name AS owner_display_name,
                   a.avatar_media_id AS owner_avatar, a.deleted_at AS owner_deleted_at
            FROM channels c JOIN accounts a ON a.id = c.owner_id""";

    private static final RowMapper<Row> ROW = (rs, ctx) -> new Row(rs.getLong("id"), rs.getString("handle"),
            rs.getString("title"), rs.getString("description"),
            WireName.parse(ChannelVisibility.class, rs.getString("visibility")).orElseThrow(),
            new AccountRef(rs.getLong("owner_id"), rs.getString("owner_username"), rs.getString("owner_display_name"),
                    rs.getString("owner_avatar"), AccountRef.deleted(Rows.nullableLong(rs, "owner_deleted_at"))),
            rs.getLong("subscriber_count"), Instant.ofEpochMilli(rs.getLong("created_at")));

    /** An entry with its image's type and size: {@code p} is the entry, {@code d} its image. */
    private static final String SELECT_POST = """
            SELECT p.*, d.content_type AS media_type, d.width AS media_width, d.height AS media_height
            FROM channel_posts p LEFT JOIN media d ON d.id = p.media_id""";

    private static final RowMapper<ChannelPost> POST = (rs, ctx) -> {
        String notice = rs.getString("notice");
        String mediaId = rs.getString("media_id");
        return new ChannelPost(rs.getLong("id"), rs.getLong("channel_id"), rs.getLong("seq"), rs.getLong("log_seq"),
                rs.getString("kind"), Rows.nullableLong(rs, "author_id"), rs.getString("client_id"), rs.getString("text"),
                mediaId == null ? null : MediaInfo.image(mediaId, rs.getString("media_type"), rs.getInt("media_width"),
                        rs.getInt("media_height")),
                rs.getString("status"), notice == null ? null : readNotice(notice),
                Rows.nullableLong(rs, "decision_id"), Instant.ofEpochMilli(rs.getLong("created_at")));
    };

    private static Restriction readNotice(String json) {
        try {
            return Json.MAPPER.readValue(json, Restriction.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("a stored channel notice is not readable", e);
        }
    }

    private final Jdbi reads;

    ChannelStore(Jdbi reads) {
        this.reads = reads;
    }

    Jdbi reads() {
        return reads;
    }

    boolean handleTaken(Handle h, String handle) {
        return h.createQuery("SELECT 1 FROM channels WHERE handle = :h").bind("h", handle).mapTo(Integer.class).findOne().isPresent();
    }

    long insert(Tx tx, String handle, String title, String description, ChannelVisibility visibility, long ownerId) {
        return tx.handle().createQuery("""
                        INSERT INTO channels (handle, title, description, visibility, owner_id, created_at)
                        VALUES (:handle, :title, :description, :visibility, :owner, :now) RETURNING id""")
                .bind("handle", handle).bind("title", title).bind("description", description)
                .bind("visibility", WireName.of(visibility)).bind("owner", ownerId).bind("now", tx.now())
                .mapTo(Long.class).one();
    }

    void describe(Tx tx, long id, String title, String description) {
        tx.handle().createUpdate("UPDATE channels SET title = :t, description = :d WHERE id = :id")
                .bind("t", title).bind("d", description).bind("id", id).execute();
    }

    Optional<Row> byId(Handle h, long id) {
        return h.createQuery(SELECT_CHANNEL + " WHERE c.id = :id").bind("id", id).map(ROW).findOne();
    }

    Optional<Row> byHandle(Handle h, String handle) {
        return h.createQuery(SELECT_CHANNEL + " WHERE c.handle = :h").bind("h", handle).map(ROW).findOne();
    }

    /** Public channels with ids below {@code beforeId}, newest first, a page at a time for the directory to match. */
    List<Row> publicChannels(Handle h, long beforeId, int limit) {
        return h.createQuery(SELECT_CHANNEL + " WHERE c.visibility = 'public' AND c.id < :before ORDER BY c.id DESC LIMIT :n")
                .bind("before", beforeId).bind("n", limit).map(ROW).list();
    }

    /** Channels whose handle or title starts with {@code prefix} (lower case), any visibility: the console's search. */
    List<Row> search(Handle h, String prefix, int limit) {
        // '!' escapes: a backslash in the SQL would read as escaping the quote to the statement parser.
        String like = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return h.createQuery(SELECT_CHANNEL
                        + " WHERE c.handle LIKE :like ESCAPE '!' OR lower(c.title) LIKE :like ESCAPE '!' ORDER BY c.id DESC LIMIT :n")
                .bind("like", like).bind("n", limit).map(ROW).list();
    }

    boolean isEditor(Handle h, long channelId, long accountId) {
        return h.createQuery("SELECT 1 FROM channel_editors WHERE channel_id = :c AND account_id = :a")
                .bind("c", channelId).bind("a", accountId).mapTo(Integer.class).findOne().isPresent();
    }

    List<AccountRef> editors(Handle h, long channelId) {
        return h.createQuery("""
                        SELECT a.id, a.username, a.display_name, a.avatar_media_id, a.deleted_at FROM channel_editors e
                        JOIN accounts a ON a.id = e.account_id WHERE e.channel_id = :c ORDER BY e.added_at""")
                .bind("c", channelId)
                .map((rs, ctx) -> new AccountRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        AccountRef.deleted(Rows.nullableLong(rs, "deleted_at"))))
                .list();
    }

    void addEditor(Tx tx, long channelId, long accountId) {
        tx.handle().createUpdate("""
                        INSERT INTO channel_editors (channel_id, account_id, added_at) VALUES (:c, :a, :now)
                        ON CONFLICT (channel_id, account_id) DO NOTHING""")
                .bind("c", channelId).bind("a", accountId).bind("now", tx.now()).execute();
    }

    boolean removeEditor(Tx tx, long channelId, long accountId) {
        return tx.handle().createUpdate("DELETE FROM channel_editors WHERE channel_id = :c AND account_id = :a")
                .bind("c", channelId).bind("a", accountId).execute() > 0;
    }

    boolean isSubscribed(Handle h, long channelId, long accountId) {
        return h.createQuery("SELECT 1 FROM channel_subscriptions WHERE account_id = :a AND channel_id = :c")
                .bind("c", channelId).bind("a", accountId).mapTo(Integer.class).findOne().isPresent();
    }

    /** Subscribes from log position {@code fromLogSeq}; answers false if already subscribed. */
    boolean subscribe(Tx tx, long channelId, long accountId, long fromLogSeq) {
        int added = tx.handle().createUpdate("""
                        INSERT INTO channel_subscriptions (account_id, channel_id, from_log_seq, created_at)
                        VALUES (:a, :c, :from, :now) ON CONFLICT (account_id, channel_id) DO NOTHING""")
                .bind("a", accountId).bind("c", channelId).bind("from", fromLogSeq).bind("now", tx.now()).execute();
        if (added > 0) {
            tx.handle().createUpdate("UPDATE channels SET subscriber_count = subscriber_count + 1 WHERE id = :c")
                    .bind("c", channelId).execute();
        }
        return added > 0;
    }

    boolean unsubscribe(Tx tx, long channelId, long accountId) {
        int removed = tx.handle().createUpdate("DELETE FROM channel_subscriptions WHERE account_id = :a AND channel_id = :c")
                .bind("a", accountId).bind("c", channelId).execute();
        if (removed > 0) {
            tx.handle().createUpdate("UPDATE channels SET subscriber_count = subscriber_count - 1 WHERE id = :c")
                    .bind("c", channelId).execute();
        }
        return removed > 0;
    }

    /** The channels {@code accountId} owns, edits or follows, newest first (at most 500). */
    List<Long> channelsOf(Handle h, long accountId) {
        return h.createQuery("""
                        SELECT id FROM channels WHERE owner_id = :a
                        UNION SELECT channel_id FROM channel_editors WHERE account_id = :a
                        UNION SELECT channel_id FROM channel_subscriptions WHERE account_id = :a
                        ORDER BY 1 DESC LIMIT 500""")
                .bind("a", accountId).mapTo(Long.class).list();
    }

    /**
     * The channels {@code accountId} owns, edits or follows (at most 500, newest first), without the
     * closed ones it does not own: a closure is permanent, so an unlifted one is in force.
     */
    List<ChannelPostSource.ChannelRef> searchable(Handle h, long accountId) {
        return h.createQuery("""
                        SELECT c.id, c.handle, c.title FROM channels c WHERE c.id IN (
                            SELECT id FROM channels WHERE owner_id = :a
                            UNION SELECT channel_id FROM channel_editors WHERE account_id = :a
                            UNION SELECT channel_id FROM channel_subscriptions WHERE account_id = :a)
                        AND (c.owner_id = :a OR NOT EXISTS (SELECT 1 FROM sanctions s WHERE s.channel_id = c.id
                            AND s.kind = 'closed' AND s.lifted_at IS NULL))
                        ORDER BY c.id DESC LIMIT 500""")
                .bind("a", accountId)
                .map((rs, ctx) -> new ChannelPostSource.ChannelRef(rs.getLong("id"), rs.getString("handle"), rs.getString("title")))
                .list();
    }

    /**
     * Calls {@code each} with every subscriber whose subscription began before log position
     * {@code logSeq}, streaming the rows (a channel may have 100,000).
     */
    void forEachSubscriber(long channelId, long logSeq, LongConsumer each) {
        reads.useHandle(h -> {
            try (var rows = h.createQuery("""
                            SELECT account_id FROM channel_subscriptions WHERE channel_id = :c AND from_log_seq < :seq""")
                    .bind("c", channelId).bind("seq", logSeq).setFetchSize(4096).mapTo(Long.class).stream()) {
                rows.forEach(each::accept);
            }
        });
    }

    /** Those of {@code accounts} who follow the channel from before log position {@code logSeq}. */
    List<Long> subscribersAmong(long channelId, long logSeq, List<Long> accounts) {
        return reads.withHandle(h -> h.createQuery("""
                        SELECT account_id FROM channel_subscriptions
                        WHERE channel_id = :c AND from_log_seq < :seq AND account_id IN (<ids>)""")
                .bind("c", channelId).bind("seq", logSeq).bindList("ids", accounts).mapTo(Long.class).list());
    }

    long subscriberCount(long channelId) {
        return reads.withHandle(h -> h.createQuery("SELECT subscriber_count FROM channels WHERE id = :c").bind("c", channelId)
                .mapTo(Long.class).findOne().orElse(0L));
    }

    /**
     * The next log position: the counter row (made by the first post, so a new database stays empty
     * for {@code stoa admin migrate}) stays locked until commit, so positions commit in order.
     */
    long nextLogSeq(Tx tx) {
        return tx.handle().createQuery("""
                        INSERT INTO channel_log (id, last_seq) VALUES (1, 1)
                        ON CONFLICT (id) DO UPDATE SET last_seq = channel_log.last_seq + 1 RETURNING last_seq""")
                .mapTo(Long.class).one();
    }

    long latestLogSeq(Handle h) {
        return h.createQuery("SELECT coalesce((SELECT last_seq FROM channel_log WHERE id = 1), 0)").mapTo(Long.class).one();
    }

    long nextSeq(Tx tx, long channelId) {
        return tx.handle().createQuery("UPDATE channels SET last_seq = last_seq + 1 WHERE id = :c RETURNING last_seq")
                .bind("c", channelId).mapTo(Long.class).one();
    }

    long insertEntry(Tx tx, long channelId, long seq, long logSeq, String kind, Long authorId, String clientId, String text,
                     String mediaId, Restriction notice, String status) {
        return tx.handle().createQuery("""
                        INSERT INTO channel_posts (channel_id, seq, log_seq, kind, author_id, client_id, text, media_id, notice, status,
                            created_at)
                        VALUES (:c, :seq, :log, :kind, :author, :client, :text, :media, :notice, :status, :now) RETURNING id""")
                .bind("c", channelId).bind("seq", seq).bind("log", logSeq).bind("kind", kind).bind("author", authorId)
                .bind("client", clientId).bind("text", text).bind("media", mediaId).bind("status", status)
                .bind("notice", notice == null ? null : Json.write(notice))
                .bind("now", tx.now()).mapTo(Long.class).one();
    }

    Optional<ChannelPost> post(Handle h, long postId) {
        return h.createQuery(SELECT_POST + " WHERE p.id = :id").bind("id", postId).map(POST).findOne();
    }

    Optional<ChannelPost> byClientId(Handle h, long channelId, long authorId, String clientId) {
        return h.createQuery(SELECT_POST + " WHERE p.channel_id = :c AND p.author_id = :a AND p.client_id = :k")
                .bind("c", channelId).bind("a", authorId).bind("k", clientId).map(POST).findOne();
    }

    /** These posts, by id, whatever their state (a search renders its hits with them). */
    List<ChannelPost> posts(Handle h, List<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return h.createQuery(SELECT_POST + " WHERE p.id IN (<ids>)").bindList("ids", ids).map(POST).list();
    }

    /** Up to {@code limit} entries before {@code beforeSeq}, newest first; removed posts only if {@code withRemoved}. */
    List<ChannelPost> page(Handle h, long channelId, long beforeSeq, int limit, boolean withRemoved) {
        return h.createQuery(SELECT_POST + " WHERE p.channel_id = :c AND p.seq < :before AND p.seq > 0"
                        + (withRemoved ? "" : " AND p.status = 'delivered'") + " ORDER BY p.seq DESC LIMIT :n")
                .bind("c", channelId).bind("before", beforeSeq).bind("n", limit).map(POST).list();
    }

    /** Every entry in order, a page at a time after {@code afterSeq}: the owner's export. */
    List<ChannelPost> after(Handle h, long channelId, long afterSeq, int limit) {
        return h.createQuery(SELECT_POST + " WHERE p.channel_id = :c AND p.seq > :after ORDER BY p.seq LIMIT :n")
                .bind("c", channelId).bind("after", afterSeq).bind("n", limit).map(POST).list();
    }

    /** The delivered entries of every channel after {@code afterLogSeq}, in log order. */
    List<ChannelPost> logAfter(Handle h, long afterLogSeq, int limit) {
        return h.createQuery(SELECT_POST + " WHERE p.log_seq > :after AND p.status = 'delivered' ORDER BY p.log_seq LIMIT :n")
                .bind("after", afterLogSeq).bind("n", limit).map(POST).list();
    }

    /** Entries of the channels {@code accountId} follows after log position {@code afterLogSeq}, since each subscription began. */
    List<ChannelPost> feed(Handle h, long accountId, long afterLogSeq, int limit) {
        return h.createQuery("""
                        SELECT p.*, d.content_type AS media_type, d.width AS media_width, d.height AS media_height
                        FROM channel_posts p LEFT JOIN media d ON d.id = p.media_id
                        JOIN channel_subscriptions s ON s.channel_id = p.channel_id AND s.account_id = :a
                        WHERE p.log_seq > :after AND p.log_seq > s.from_log_seq AND p.status = 'delivered'
                        ORDER BY p.log_seq LIMIT :n""")
                .bind("a", accountId).bind("after", afterLogSeq).bind("n", limit).map(POST).list();
    }

    /** {@code authorId}'s posts to the channel that wait for a moderator, newest first. */
    List<ChannelPost> heldBy(Handle h, long channelId, long authorId) {
        return h.createQuery(SELECT_POST + " WHERE p.channel_id = :c AND p.author_id = :a AND p.status = 'held' ORDER BY p.id DESC")
                .bind("c", channelId).bind("a", authorId).map(POST).list();
    }

    /** The channel's posts that wait for a moderator, oldest first. */
    List<ChannelPost> held(Handle h, long channelId) {
        return h.createQuery(SELECT_POST + " WHERE p.channel_id = :c AND p.status = 'held' ORDER BY p.id")
                .bind("c", channelId).map(POST).list();
    }

    void setDecision(Tx tx, long postId, long decisionId) {
        tx.handle().createUpdate("UPDATE channel_posts SET decision_id = :d WHERE id = :id")
                .bind("d", decisionId).bind("id", postId).execute();
    }

    /** A held post goes out: its place in the channel and the log now, as if posted now. */
    void release(Tx tx, long postId, long seq, long logSeq) {
        tx.handle().createUpdate("""
                        UPDATE channel_posts SET status = 'delivered', seq = :seq, log_seq = :log, decision_id = NULL, created_at = :now
                        WHERE id = :id""")
                .bind("seq", seq).bind("log", logSeq).bind("now", tx.now()).bind("id", postId).execute();
    }

    void remove(Tx tx, long postId, long decisionId) {
        tx.handle().createUpdate("UPDATE channel_posts SET status = 'removed', decision_id = :d WHERE id = :id")
                .bind("d", decisionId).bind("id", postId).execute();
    }
}

package org.stoa.server.moves;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.stoa.engine.policy.WireName;
import org.stoa.server.accounts.AccountRef;
import org.stoa.server.moves.MoveCardView.GroupOffer;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Tx;

/** SQL for moves and their cards. */
public final class MoveStore {

    /** A move as stored: the old account, the address it went to (and the new account, on this server). */
    record Move(long id, long accountId, String to, Long toAccountId, MoveStatus status, Instant createdAt, Instant endedAt) {}

    private static final RowMapper<Move> MOVE = (rs, ctx) -> new Move(rs.getLong("id"), rs.getLong("account_id"),
            rs.getString("to_address"), Rows.nullableLong(rs, "to_account_id"),
            WireName.parse(MoveStatus.class, rs.getString("status")).orElseThrow(),
            Instant.ofEpochMilli(rs.getLong("created_at")), Rows.nullableInstant(rs, "ended_at"));

    private static final String CARD_SELECT = """
            SELECT c.id, c.move_id, c.recipient_id, c.was_contact, c.status, c.created_at, c.decided_at,
                   m.to_address, m.to_account_id, f.id AS from_id, f.username AS from_name, f.display_name AS from_display,
                   f.avatar_media_id AS from_avatar, t.username AS to_name
            FROM move_cards c JOIN moves m ON m.id = c.move_id JOIN accounts f ON f.id = m.account_id
            LEFT JOIN accounts t ON t.id = m.to_account_id
            """;

    /** A card without its groups, and whose it is. */
    record Card(long recipientId, MoveCardView view) {}

    private static final RowMapper<Card> CARD = (rs, ctx) -> {
        Long toId = Rows.nullableLong(rs, "to_account_id");
        return new Card(rs.getLong("recipient_id"), new MoveCardView(rs.getLong("id"), rs.getLong("move_id"),
                new AccountRef(rs.getLong("from_id"), rs.getString("from_name"), rs.getString("from_display"),
                        rs.getString("from_avatar"), null), rs.getString("to_address"),
                toId == null ? null : new AccountRef(toId, rs.getString("to_name")), toId != null,
                rs.getInt("was_contact") == 1, List.of(),
                WireName.parse(MoveCardStatus.class, rs.getString("status")).orElseThrow(),
                Instant.ofEpochMilli(rs.getLong("created_at")), Rows.nullableInstant(rs, "decided_at")));
    };

    long insert(Tx tx, long accountId, String to, Long toAccountId) {
        return tx.handle().createQuery("""
                        INSERT INTO moves (account_id, to_address, to_account_id, status, created_at)
                        VALUES (:a, :to, :toAccount, :status, :now) RETURNING id""")
                .bind("a", accountId).bind("to", to).bind("toAccount", toAccountId)
                .bind("status", WireName.of(MoveStatus.ACTIVE)).bind("now", tx.now()).mapTo(Long.class).one();
    }

    Optional<Move> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM moves WHERE id = :id").bind("id", id).map(MOVE).findOne();
    }

    /** The account's latest move, whatever became of it. */
    Optional<Move> latest(Handle h, long accountId) {
        return h.createQuery("SELECT * FROM moves WHERE account_id = :a ORDER BY id DESC LIMIT 1")
                .bind("a", accountId).map(MOVE).findOne();
    }

    void end(Tx tx, long moveId, MoveStatus status) {
        tx.handle().createUpdate("UPDATE moves SET status = :status, ended_at = :now WHERE id = :id")
                .bind("status", WireName.of(status)).bind("now", tx.now()).bind("id", moveId).execute();
    }

    /**
     * The contacts of {@code oldId} to tell of its move to {@code newId} (-1 for an account on another
     * server): every one but the new account, leaving out any who blocked either account or whom
     * either blocked.
     */
    List<Long> contactRecipients(Handle h, long oldId, long newId) {
        return h.createQuery("""
                        SELECT c.contact_id FROM contacts c
                        WHERE c.account_id = :old AND c.contact_id <> :new
                        AND NOT EXISTS (SELECT 1 FROM blocks b
                            WHERE (b.blocker_id = c.contact_id AND b.blocked_id IN (:old, :new))
                               OR (b.blocked_id = c.contact_id AND b.blocker_id IN (:old, :new)))
                        ORDER BY c.contact_id""")
                .bind("old", oldId).bind("new", newId).mapTo(Long.class).list();
    }

    /**
     * The owners and admins of the groups {@code oldId} is in and {@code newId} is not, with those
     * groups: whoever could re-invite the new account, blocks between them left out.
     */
    Map<Long, List<Long>> groupRecipients(Handle h, long oldId, long newId) {
        Map<Long, List<Long>> out = new LinkedHashMap<>();
        h.createQuery("""
                        SELECT r.account_id, r.conversation_id FROM members o
                        JOIN conversations v ON v.id = o.conversation_id AND v.type = 'group'
                        JOIN members r ON r.conversation_id = o.conversation_id AND r.role IN ('owner', 'admin')
                        WHERE o.account_id = :old AND r.account_id NOT IN (:old, :new)
                        AND NOT EXISTS (SELECT 1 FROM members n WHERE n.conversation_id = o.conversation_id AND n.account_id = :new)
                        AND NOT EXISTS (SELECT 1 FROM blocks b
                            WHERE (b.blocker_id = r.account_id AND b.blocked_id IN (:old, :new))
                               OR (b.blocked_id = r.account_id AND b.blocker_id IN (:old, :new)))
                        ORDER BY r.account_id, r.conversation_id""")
                .bind("old", oldId).bind("new", newId)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    /** Groups' titles (null for an untitled one), by id. */
    Map<Long, String> titles(Handle h, List<Long> conversationIds) {
        Map<Long, String> out = new HashMap<>();
        if (conversationIds.isEmpty()) return out;
        h.createQuery("SELECT id, title FROM conversations WHERE id IN (<ids>)").bindList("ids", conversationIds)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), Optional.ofNullable(rs.getString(2))))
                .forEach(e -> out.put(e.getKey(), e.getValue().orElse(null)));
        return out;
    }

    /** Inserts a pending card per recipient (whether it was a contact) and answers each card's id by recipient. */
    Map<Long, Long> insertCards(Tx tx, long moveId, Map<Long, Boolean> wasContact) {
        if (wasContact.isEmpty()) return Map.of();
        PreparedBatch batch = tx.handle().prepareBatch("""
                INSERT INTO move_cards (move_id, recipient_id, was_contact, status, created_at)
                VALUES (:move, :recipient, :contact, :status, :now)""");
        wasContact.forEach((recipient, contact) -> batch.bind("move", moveId).bind("recipient", recipient)
                .bind("contact", contact ? 1 : 0).bind("status", WireName.of(MoveCardStatus.PENDING)).bind("now", tx.now()).add());
        batch.execute();
        Map<Long, Long> ids = new HashMap<>();
        tx.handle().createQuery("SELECT recipient_id, id FROM move_cards WHERE move_id = :move").bind("move", moveId)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2))).forEach(e -> ids.put(e.getKey(), e.getValue()));
        return ids;
    }

    void insertGroups(Tx tx, long cardId, List<Long> conversationIds) {
        if (conversationIds.isEmpty()) return;
        PreparedBatch batch = tx.handle().prepareBatch(
                "INSERT INTO move_card_groups (card_id, conversation_id) VALUES (:card, :conversation)");
        conversationIds.forEach(id -> batch.bind("card", cardId).bind("conversation", id).add());
        batch.execute();
    }

    Optional<Card> card(Handle h, long cardId) {
        return h.createQuery(CARD_SELECT + " WHERE c.id = :id").bind("id", cardId).map(CARD).findOne()
                .map(c -> withGroups(h, List.of(c)).getFirst());
    }

    /** A recipient's cards, newest first: pending ones only, or all. */
    List<MoveCardView> cardsOf(Handle h, long recipientId, boolean pendingOnly) {
        List<Card> cards = h.createQuery(CARD_SELECT + " WHERE c.recipient_id = :r"
                        + (pendingOnly ? " AND c.status = 'pending'" : "") + " ORDER BY c.id DESC LIMIT 500")
                .bind("r", recipientId).map(CARD).list();
        return withGroups(h, cards).stream().map(Card::view).toList();
    }

    /** Withdraws a move's pending cards; answers them as their recipients now see them. */
    List<Card> withdrawPending(Tx tx, long moveId) {
        List<Long> ids = tx.handle().createQuery("""
                        UPDATE move_cards SET status = :withdrawn, decided_at = :now WHERE move_id = :move AND status = 'pending'
                        RETURNING id""")
                .bind("withdrawn", WireName.of(MoveCardStatus.WITHDRAWN)).bind("now", tx.now()).bind("move", moveId)
                .mapTo(Long.class).list();
        if (ids.isEmpty()) return List.of();
        return withGroups(tx.handle(), tx.handle().createQuery(CARD_SELECT + " WHERE c.id IN (<ids>)").bindList("ids", ids)
                .map(CARD).list());
    }

    /** Answers a pending card; false if it was no longer pending. */
    boolean decide(Tx tx, long cardId, MoveCardStatus status) {
        return tx.handle().createUpdate("""
                        UPDATE move_cards SET status = :status, decided_at = :now WHERE id = :id AND status = 'pending'""")
                .bind("status", WireName.of(status)).bind("now", tx.now()).bind("id", cardId).execute() > 0;
    }

    void reinvited(Tx tx, long cardId, long conversationId) {
        tx.handle().createUpdate("""
                        UPDATE move_card_groups SET reinvited_at = :now WHERE card_id = :card AND conversation_id = :c""")
                .bind("now", tx.now()).bind("card", cardId).bind("c", conversationId).execute();
    }

    /** How many of a move's cards are in each state. */
    Map<MoveCardStatus, Integer> counts(Handle h, long moveId) {
        Map<MoveCardStatus, Integer> out = new EnumMap<>(MoveCardStatus.class);
        for (MoveCardStatus s : MoveCardStatus.values()) out.put(s, 0);
        h.createQuery("SELECT status, count(*) FROM move_cards WHERE move_id = :move GROUP BY status").bind("move", moveId)
                .map((rs, ctx) -> Map.entry(WireName.parse(MoveCardStatus.class, rs.getString(1)).orElseThrow(), rs.getInt(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private List<Card> withGroups(Handle h, List<Card> cards) {
        if (cards.isEmpty()) return cards;
        Map<Long, List<GroupOffer>> groups = new HashMap<>();
        h.createQuery("""
                        SELECT g.card_id, g.conversation_id, v.title, g.reinvited_at FROM move_card_groups g
                        JOIN conversations v ON v.id = g.conversation_id WHERE g.card_id IN (<ids>) ORDER BY g.conversation_id""")
                .bindList("ids", cards.stream().map(c -> c.view().id()).toList())
                .map((rs, ctx) -> Map.entry(rs.getLong("card_id"), new GroupOffer(rs.getLong("conversation_id"),
                        rs.getString("title"), Rows.nullableInstant(rs, "reinvited_at"))))
                .forEach(e -> groups.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return cards.stream()
                .map(c -> new Card(c.recipientId(), c.view().withGroups(groups.getOrDefault(c.view().id(), List.of()))))
                .toList();
    }
}

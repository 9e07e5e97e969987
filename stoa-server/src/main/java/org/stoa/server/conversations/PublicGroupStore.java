package org.stoa.server.conversations;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.stoa.engine.policy.WireName;
import org.stoa.server.directory.DirectoryKind;
import org.stoa.server.directory.DirectoryTerms;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Tx;

/** SQL for what makes a group public: its visibility, its slow mode and when each member last sent. */
final class PublicGroupStore {

    private PublicGroupStore() {}

    /** A group's settings that joining and sending ask about. */
    record Settings(GroupVisibility visibility, int slowModeSeconds, String title, String description, int memberCount) {}

    static Optional<Settings> settings(Handle h, long conversationId) {
        return h.createQuery("""
                        SELECT visibility, slow_mode_seconds, title, description, (SELECT count(*) FROM members m WHERE m.conversation_id = c.id) AS n
                        FROM conversations c WHERE id = :c AND type = 'group'""")
                .bind("c", conversationId)
                .map((rs, ctx) -> new Settings(WireName.parse(GroupVisibility.class, rs.getString("visibility")).orElseThrow(),
                        rs.getInt("slow_mode_seconds"), rs.getString("title"), rs.getString("description"), rs.getInt("n")))
                .findOne();
    }

    /** Sets the visibility; a public group is listed in the directory under its title, a private one nowhere. */
    static void setVisibility(Tx tx, long conversationId, GroupVisibility visibility) {
        tx.handle().createUpdate("UPDATE conversations SET visibility = :v, updated_at = :now WHERE id = :c")
                .bind("v", WireName.of(visibility)).bind("now", tx.now()).bind("c", conversationId).execute();
        list(tx.handle(), conversationId);
    }

    /** Puts the group in the directory as it is now (public, under its title and description), or takes it out. */
    static void list(Handle h, long conversationId) {
        Optional<Settings> settings = settings(h, conversationId);
        if (settings.isPresent() && settings.get().visibility() == GroupVisibility.PUBLIC) {
            DirectoryTerms.put(h, DirectoryKind.GROUP, conversationId, settings.get().title(), settings.get().description());
        } else {
            DirectoryTerms.remove(h, DirectoryKind.GROUP, conversationId);
        }
    }

    static void setSlowMode(Tx tx, long conversationId, int seconds) {
        tx.handle().createUpdate("UPDATE conversations SET slow_mode_seconds = :s, updated_at = :now WHERE id = :c")
                .bind("s", seconds).bind("now", tx.now()).bind("c", conversationId).execute();
    }

    /** When the member last sent to the conversation, if the server has noted it (slow mode notes every send). */
    static Optional<Long> lastSentAt(Handle h, long conversationId, long accountId) {
        return h.createQuery("SELECT last_sent_at FROM members WHERE conversation_id = :c AND account_id = :a")
                .bind("c", conversationId).bind("a", accountId)
                .map((rs, ctx) -> Optional.ofNullable(Rows.nullableLong(rs, "last_sent_at"))).findOne().flatMap(x -> x);
    }

    static void noteSent(Tx tx, long conversationId, long accountId) {
        tx.handle().createUpdate("UPDATE members SET last_sent_at = :now WHERE conversation_id = :c AND account_id = :a")
                .bind("now", tx.now()).bind("c", conversationId).bind("a", accountId).execute();
    }
}

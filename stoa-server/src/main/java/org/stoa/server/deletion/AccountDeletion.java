package org.stoa.server.deletion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.stoa.server.accounts.AccountManager;
import org.stoa.server.accounts.Principal;
import org.stoa.server.directory.DirectoryKind;
import org.stoa.server.directory.DirectoryTerms;
import org.stoa.server.media.MediaFiles;
import org.stoa.server.storage.Tx;
import org.stoa.server.storage.Writer;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventType;

/**
 * Deleting one's own account, with its password. In one transaction: the profile and the password
 * are erased (nobody can log in to it again); contacts, requests, invites and
 * aliases go; its event log and the content of its refused messages are deleted, and decisions
 * about it lose the content they quote (excerpt) but keep the rule, category and outcome, which the
 * transparency figures count. The row stays, so the username is never given to someone else, and
 * its messages stay in their conversations, from "a deleted account". After commit, the images it
 * uploaded are erased from disk unless another account uploaded the same bytes, and every login
 * ends as a revocation: its streams close and its stream tickets lapse.
 */
public final class AccountDeletion {

    /** What others are told: a deleted account, by its id, with no name but its username. */
    record Deleted(long id, String username, boolean deleted) {}

    private final AccountManager accounts;
    private final Writer writer;
    private final EventLog events;
    private final MediaFiles mediaFiles;

    public AccountDeletion(AccountManager accounts, Writer writer, EventLog events, MediaFiles mediaFiles) {
        this.accounts = accounts;
        this.writer = writer;
        this.events = events;
        this.mediaFiles = mediaFiles;
    }

    void delete(Principal me, String password, String address) {
        accounts.requirePassword(me, password, address);
        List<String> images = writer.execute(tx -> erase(tx, me));
        accounts.revokeSessions(me.accountId()); // its streams close, its tickets lapse, its cached tokens go
        for (String sha256 : images) {
            try {
                Files.deleteIfExists(mediaFiles.path(sha256));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot erase an image of a deleted account", e);
            }
        }
    }

    private List<String> erase(Tx tx, Principal me) {
        Handle h = tx.handle();
        long id = me.accountId();
        long now = tx.now();
        Set<Long> told = Set.copyOf(h.createQuery("""
                        SELECT contact_id FROM contacts WHERE account_id = :me
                        UNION SELECT o.account_id FROM members m JOIN members o ON o.conversation_id = m.conversation_id
                        WHERE m.account_id = :me AND o.account_id <> :me""")
                .bind("me", id).mapTo(Long.class).list());
        List<Long> contacts = h.createQuery("SELECT contact_id FROM contacts WHERE account_id = :me").bind("me", id)
                .mapTo(Long.class).list();
        Map<Long, Long> requestPeers = new java.util.HashMap<>();
        h.createQuery("""
                        SELECT id, CASE WHEN from_id = :me THEN to_id ELSE from_id END AS peer FROM contact_requests
                        WHERE (from_id = :me OR to_id = :me) AND status = 'pending'""")
                .bind("me", id).map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getLong("peer")))
                .forEach(e -> requestPeers.put(e.getKey(), e.getValue()));
        List<String> images = h.createQuery("""
                        SELECT DISTINCT sha256 FROM media d WHERE uploader_id = :me
                        AND NOT EXISTS (SELECT 1 FROM media o WHERE o.sha256 = d.sha256 AND o.uploader_id <> :me)""")
                .bind("me", id).mapTo(String.class).list();

        h.createUpdate("""
                        UPDATE accounts SET deleted_at = :now, display_name = NULL, bio = NULL, avatar_media_id = NULL,
                        password_hash = 'deleted' WHERE id = :me""").bind("me", id).bind("now", now).execute();
        // A group picture it set goes with its images (the group keeps its name; members see its initial).
        h.createUpdate("UPDATE conversations SET avatar_media_id = NULL WHERE avatar_media_id IN (SELECT id FROM media WHERE uploader_id = :me)")
                .bind("me", id).execute();
        h.createUpdate("DELETE FROM contacts WHERE account_id = :me OR contact_id = :me").bind("me", id).execute();
        h.createUpdate("""
                        UPDATE contact_requests SET status = 'cancelled', decided_at = :now
                        WHERE (from_id = :me OR to_id = :me) AND status = 'pending'""").bind("me", id).bind("now", now).execute();
        h.createUpdate("UPDATE invites SET revoked_at = :now WHERE account_id = :me AND revoked_at IS NULL")
                .bind("me", id).bind("now", now).execute();
        h.createUpdate("DELETE FROM account_aliases WHERE account_id = :me").bind("me", id).execute();
        DirectoryTerms.remove(h, DirectoryKind.ACCOUNT, id);
        h.createUpdate("DELETE FROM refused_messages WHERE sender_id = :me").bind("me", id).execute();
        h.createUpdate("UPDATE decisions SET excerpt = NULL WHERE account_id = :me").bind("me", id).execute();
        events.deleteAll(tx, id);

        for (long other : contacts) events.append(tx, List.of(other), EventType.CONTACT_REMOVED, Map.of("accountId", id));
        requestPeers.forEach((request, peer) -> events.append(tx, List.of(peer), EventType.CONTACT_REQUEST_UPDATED,
                Map.of("id", request, "status", "cancelled")));
        events.append(tx, told, EventType.PROFILE_UPDATED, new Deleted(id, me.username(), true));
        return images;
    }
}

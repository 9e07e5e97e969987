package org.stoa.server.conversations;

import org.stoa.server.accounts.Principal;
import org.stoa.server.http.ApiException;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.storage.Writer;

/**
 * Public groups: listed in the directory and joined without an invitation, up to
 * {@code groups.maxPublicMembers}; their owner makes them public or private, and owners and admins
 * set slow mode.
 */
public final class PublicGroups {

    /** Slow mode's longest interval: a day. */
    static final int MAX_SLOW_MODE_SECONDS = 86_400;

    private final ConversationManager conversations;
    private final ConversationStore store;
    private final Memberships memberships;
    private final Writer writer;
    private final Limits limits;
    private final int maxPublicMembers;

    public PublicGroups(ConversationManager conversations, ConversationStore store, Memberships memberships, Writer writer,
                        Limits limits, int maxPublicMembers) {
        this.conversations = conversations;
        this.store = store;
        this.memberships = memberships;
        this.writer = writer;
        this.limits = limits;
        this.maxPublicMembers = maxPublicMembers;
    }

    /** The owner makes the group public (it needs a title to be found by) or private again. */
    public ConversationView setVisibility(Principal me, long conversationId, GroupVisibility visibility) {
        return writer.execute(tx -> {
            ConversationStore.Membership m = conversations.manager(tx.handle(), conversationId, me);
            if (m.role() != MemberRole.OWNER) throw ApiException.forbidden("not_allowed", "only the owner makes a group public or private");
            PublicGroupStore.Settings settings = PublicGroupStore.settings(tx.handle(), conversationId).orElseThrow();
            if (visibility == GroupVisibility.PUBLIC && settings.title() == null) {
                throw ApiException.conflict("title_required", "give the group a title before making it public: it is listed by it");
            }
            PublicGroupStore.setVisibility(tx, conversationId, visibility);
            return conversations.announce(tx, conversationId);
        });
    }

    /** Owners and admins set slow mode: one message per member every {@code seconds} (0 turns it off). */
    public ConversationView setSlowMode(Principal me, long conversationId, int seconds) {
        if (seconds < 0 || seconds > MAX_SLOW_MODE_SECONDS) {
            throw ApiException.badRequest("invalid_slow_mode", "slowModeSeconds is 0 (off) to " + MAX_SLOW_MODE_SECONDS);
        }
        return writer.execute(tx -> {
            conversations.manager(tx.handle(), conversationId, me);
            PublicGroupStore.setSlowMode(tx, conversationId, seconds);
            memberships.changed(tx, conversationId);
            return conversations.announce(tx, conversationId);
        });
    }

    /**
     * Joins a public group; joining one you are in answers it again. A group that is not public is a
     * 404, as for anyone not in it.
     */
    public ConversationView join(Principal me, long conversationId) {
        limits.acquire(Limit.GROUP_JOINS, me.accountId());
        return writer.execute(tx -> {
            PublicGroupStore.Settings settings = PublicGroupStore.settings(tx.handle(), conversationId)
                    .filter(s -> s.visibility() == GroupVisibility.PUBLIC)
                    .orElseThrow(() -> ConversationManager.notFound(conversationId));
            if (memberships.membership(tx.handle(), conversationId, me.accountId()).isPresent()) {
                return store.view(tx.handle(), conversationId);
            }
            if (settings.memberCount() >= maxPublicMembers) {
                throw ApiException.conflict("group_full", "public groups have at most " + maxPublicMembers + " members");
            }
            store.addMember(tx, conversationId, me.accountId(), MemberRole.MEMBER);
            memberships.changed(tx, conversationId);
            return conversations.announce(tx, conversationId);
        });
    }
}

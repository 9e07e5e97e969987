package org.stoa.server.conversations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.stoa.engine.policy.Feature;
import org.stoa.server.accounts.Principal;
import org.stoa.server.contacts.ContactStore;
import org.stoa.server.enforcement.SanctionManager;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.UserText;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.storage.Tx;
import org.stoa.server.storage.Writer;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventType;
import org.stoa.server.stream.StreamHub;

/** Direct and group conversations: creation, membership, roles, titles and read markers. */
public final class ConversationManager {

    private static final int MAX_TITLE = 100;

    /** The outcome of a create: a direct chat that already existed is returned, not duplicated. */
    public record Created(ConversationView conversation, boolean existed) {}

    public record ReadMarker(long conversationId, long accountId, long lastReadSeq) {}

    private final ConversationStore store;
    private final Memberships memberships;
    private final ContactStore contacts;
    private final SanctionManager sanctions;
    private final Writer writer;
    private final EventLog events;
    private final Limits limits;
    private final StreamHub hub;
    private final int maxGroupMembers;

    public ConversationManager(ConversationStore store, Memberships memberships, ContactStore contacts,
                               SanctionManager sanctions, Writer writer, EventLog events, StreamHub hub, Limits limits,
                               int maxGroupMembers) {
        this.limits = limits;
        this.hub = hub;
        this.sanctions = sanctions;
        this.store = store;
        this.memberships = memberships;
        this.contacts = contacts;
        this.writer = writer;
        this.events = events;
        this.maxGroupMembers = maxGroupMembers;
    }

    public Created create(Principal me, ConversationType type, List<Long> requested, String rawTitle) {
        Set<Long> others = new LinkedHashSet<>(requested);
        others.remove(me.accountId());
        String title = title(rawTitle, type == ConversationType.GROUP);
        return switch (type) {
            case DIRECT -> {
                if (others.size() != 1) {
                    throw ApiException.badRequest("invalid_members", "a direct chat has exactly one other member");
                }
                yield createDirect(me, others.iterator().next());
            }
            case GROUP -> {
                sanctions.require(me.accountId(), Feature.CREATE_GROUP);
                if (others.size() + 1 > maxGroupMembers) {
                    throw ApiException.conflict("group_full", "groups have at most " + maxGroupMembers + " members");
                }
                limits.acquire(Limit.GROUPS, me.accountId());
                yield createGroup(me, others, title);
            }
        };
    }

    private Created createDirect(Principal me, long other) {
        String key = Math.min(me.accountId(), other) + ":" + Math.max(me.accountId(), other);
        return writer.execute(tx -> {
            requireReachable(tx.handle(), me, other);
            Optional<Long> existing = store.directBetween(tx.handle(), key);
            if (existing.isPresent()) return new Created(store.view(tx.handle(), existing.get()), true);
            long id = store.insert(tx, ConversationType.DIRECT, null, key, me.accountId());
            store.addMember(tx, id, me.accountId(), MemberRole.MEMBER);
            store.addMember(tx, id, other, MemberRole.MEMBER);
            return new Created(announce(tx, id), false);
        });
    }

    private Created createGroup(Principal me, Set<Long> others, String title) {
        return writer.execute(tx -> {
            for (long other : others) requireReachable(tx.handle(), me, other);
            long id = store.insert(tx, ConversationType.GROUP, title, null, me.accountId());
            store.addMember(tx, id, me.accountId(), MemberRole.OWNER);
            for (long other : others) store.addMember(tx, id, other, MemberRole.MEMBER);
            return new Created(announce(tx, id), false);
        });
    }

    /** Only your contacts can be put in a conversation with you, and not if they blocked you. */
    private void requireReachable(Handle h, Principal me, long other) {
        if (!contacts.areContacts(h, me.accountId(), other)) {
            throw new ApiException(403, "not_a_contact", "account " + other + " is not one of your contacts",
                    Map.of("accountId", other));
        }
        if (contacts.hasBlocked(h, other, me.accountId())) {
            throw new ApiException(403, "blocked", "account " + other + " does not accept messages from you",
                    Map.of("accountId", other));
        }
    }

    public List<ConversationSummary> list(Principal me) {
        return store.summaries(me.accountId());
    }

    public ConversationView get(Principal me, long conversationId) {
        member(conversationId, me);
        return store.view(conversationId);
    }

    /** The caller's membership, or a 404 that does not reveal whether the conversation exists. */
    public ConversationStore.Membership member(long conversationId, Principal me) {
        return memberships.membership(conversationId, me.accountId()).orElseThrow(() -> notFound(conversationId));
    }

    private ConversationStore.Membership member(Handle h, long conversationId, long accountId) {
        return memberships.membership(h, conversationId, accountId).orElseThrow(() -> notFound(conversationId));
    }

    static ApiException notFound(long conversationId) {
        return ApiException.notFound("conversation_not_found", "you are not in a conversation " + conversationId);
    }

    public ConversationView addMembers(Principal me, long conversationId, List<Long> requested) {
        return writer.execute(tx -> {
            manager(tx.handle(), conversationId, me);
            Set<Long> current = memberships.roster(tx.handle(), conversationId).orElseThrow().members().keySet();
            List<Long> added = new ArrayList<>();
            for (long id : new LinkedHashSet<>(requested)) {
                if (current.contains(id)) continue;
                requireReachable(tx.handle(), me, id);
                added.add(id);
            }
            if (current.size() + added.size() > maxGroupMembers) {
                throw ApiException.conflict("group_full", "groups have at most " + maxGroupMembers + " members");
            }
            for (long id : added) store.addMember(tx, conversationId, id, MemberRole.MEMBER);
            memberships.changed(tx, conversationId);
            return announce(tx, conversationId);
        });
    }

    /** What re-inviting an account to a group came to. */
    public enum Readmission {
        ADDED, ALREADY_MEMBER, NOT_A_MANAGER, GROUP_FULL
    }

    /**
     * Adds {@code accountId} to the group at the request of {@code actorId}, an owner or admin of it,
     * without the contact that adding a member otherwise needs: the account moved here from one
     * that was in the group, which the caller has checked.
     */
    public Readmission readmit(Tx tx, long actorId, long conversationId, long accountId) {
        Optional<ConversationStore.Membership> actor = memberships.membership(tx.handle(), conversationId, actorId);
        if (actor.isEmpty() || actor.get().type() != ConversationType.GROUP || !actor.get().role().canManage()) {
            return Readmission.NOT_A_MANAGER;
        }
        Set<Long> current = memberships.roster(tx.handle(), conversationId).orElseThrow().members().keySet();
        if (current.contains(accountId)) return Readmission.ALREADY_MEMBER;
        if (current.size() + 1 > maxGroupMembers) return Readmission.GROUP_FULL;
        store.addMember(tx, conversationId, accountId, MemberRole.MEMBER);
        memberships.changed(tx, conversationId);
        announce(tx, conversationId);
        return Readmission.ADDED;
    }

    /** Removes {@code accountId}; removing yourself is leaving. */
    public void removeMember(Principal me, long conversationId, long accountId) {
        if (accountId == me.accountId()) {
            leave(me, conversationId);
            return;
        }
        writer.execute(tx -> {
            ConversationStore.Membership actor = manager(tx.handle(), conversationId, me);
            ConversationStore.Membership target = memberships.membership(tx.handle(), conversationId, accountId)
                    .orElseThrow(() -> ApiException.notFound("member_not_found", "account " + accountId + " is not in this group"));
            if (actor.role() != MemberRole.OWNER && target.role() != MemberRole.MEMBER) {
                throw ApiException.forbidden("not_allowed", "only the owner can remove an admin or the owner");
            }
            store.removeMember(tx, conversationId, accountId);
            memberships.changed(tx, conversationId);
            events.append(tx, List.of(accountId), EventType.CONVERSATION_REMOVED,
                    Map.of("conversationId", conversationId, "reason", "removed"));
            announce(tx, conversationId);
            return null;
        });
    }

    public void leave(Principal me, long conversationId) {
        writer.execute(tx -> {
            ConversationStore.Membership m = member(tx.handle(), conversationId, me.accountId());
            if (m.type() == ConversationType.DIRECT) {
                throw ApiException.conflict("cannot_leave_direct", "you cannot leave a direct chat; block the account instead");
            }
            store.removeMember(tx, conversationId, me.accountId());
            if (m.role() == MemberRole.OWNER) {
                store.successor(tx.handle(), conversationId).ifPresent(next -> store.setRole(tx, conversationId, next, MemberRole.OWNER));
            }
            memberships.changed(tx, conversationId);
            events.append(tx, List.of(me.accountId()), EventType.CONVERSATION_REMOVED,
                    Map.of("conversationId", conversationId, "reason", "left"));
            announce(tx, conversationId);
            return null;
        });
    }

    /** The owner makes members admins or members, or hands ownership over (becoming an admin). */
    public ConversationView setRole(Principal me, long conversationId, long accountId, MemberRole role) {
        limits.acquire(Limit.CHAT_SETTINGS, me.accountId());
        return writer.execute(tx -> {
            ConversationStore.Membership actor = manager(tx.handle(), conversationId, me);
            if (actor.role() != MemberRole.OWNER) throw ApiException.forbidden("not_allowed", "only the owner changes roles");
            if (accountId == me.accountId()) {
                throw ApiException.badRequest("invalid_role", "hand ownership to another member instead");
            }
            memberships.membership(tx.handle(), conversationId, accountId)
                    .orElseThrow(() -> ApiException.notFound("member_not_found", "account " + accountId + " is not in this group"));
            store.setRole(tx, conversationId, accountId, role);
            if (role == MemberRole.OWNER) store.setRole(tx, conversationId, me.accountId(), MemberRole.ADMIN);
            memberships.changed(tx, conversationId);
            return announce(tx, conversationId);
        });
    }

    public ReadMarker markRead(Principal me, long conversationId, long seq) {
        ReadMarker read = writer.execute(tx -> {
            ConversationStore.Membership m = member(tx.handle(), conversationId, me.accountId());
            long marker = store.markRead(tx, conversationId, me.accountId(), seq);
            ReadMarker moved = new ReadMarker(conversationId, me.accountId(), marker);
            // In a direct chat the other member sees it as a read receipt, from the log; a group's
            // members hear it live ("read by N"), and read the markers with the group when they reconnect.
            Collection<Long> audience = m.type() == ConversationType.DIRECT
                    ? memberships.roster(tx.handle(), conversationId).orElseThrow().members().keySet() : List.of(me.accountId());
            events.append(tx, audience, EventType.READ_UPDATED, moved);
            return moved;
        });
        memberships.roster(conversationId).filter(r -> r.type() == ConversationType.GROUP).ifPresent(r -> {
            String frame = StreamHub.transientFrame(EventType.READ_UPDATED.wireName(), read);
            hub.publishTransient(r.members().keySet().stream().filter(id -> id != me.accountId()).toList(), frame);
        });
        return read;
    }

    ConversationStore.Membership manager(Handle h, long conversationId, Principal me) {
        return requireManager(member(h, conversationId, me.accountId()));
    }

    /** An owner or admin of a group, or a 409 (a direct chat) or 403. */
    static ConversationStore.Membership requireManager(ConversationStore.Membership m) {
        if (m.type() != ConversationType.GROUP) {
            throw ApiException.conflict("not_a_group", "direct chats have no titles, roles or member changes");
        }
        if (!m.role().canManage()) {
            throw ApiException.forbidden("not_allowed", "only the group's owner and admins can do that");
        }
        return m;
    }

    ConversationView announce(Tx tx, long conversationId) {
        ConversationView view = store.view(tx.handle(), conversationId);
        events.append(tx, view.members().stream().map(MemberView::id).toList(), EventType.CONVERSATION_UPDATED, view);
        return view;
    }

    static String title(String raw, boolean allowed) {
        if (raw == null) return null;
        if (raw.length() > 16 * MAX_TITLE) throw titleTooLong();
        String t = UserText.singleLine(raw).strip();
        if (!allowed) throw ApiException.badRequest("invalid_title", "direct chats have no title");
        if (t.isEmpty()) return null;
        if (t.codePointCount(0, t.length()) > MAX_TITLE) throw titleTooLong();
        return t;
    }

    private static ApiException titleTooLong() {
        return ApiException.badRequest("invalid_title", "titles are at most " + MAX_TITLE + " characters");
    }
}

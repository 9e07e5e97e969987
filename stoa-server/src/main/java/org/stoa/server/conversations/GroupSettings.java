package org.stoa.server.conversations;

import java.text.Normalizer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.UserText;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.profiles.ProfileService;
import org.stoa.server.storage.Writer;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventType;

/**
 * What owners and admins set about a group (its title, description and avatar, each cleaned and
 * reviewed by the policy in the group's rules before it is saved), and what each member sets for
 * themselves (mute).
 */
public final class GroupSettings {

    static final int MAX_DESCRIPTION = 500;

    /** A change: an absent field stays as it is, an empty one is cleared. */
    public record Change(Optional<String> title, Optional<String> description, Optional<String> avatarId) {}

    public record Muted(long conversationId, boolean muted) {}

    private final ConversationManager conversations;
    private final ConversationStore store;
    private final ProfileService review;
    private final Jdbi reads;
    private final Writer writer;
    private final EventLog events;
    private final Limits limits;

    public GroupSettings(ConversationManager conversations, ConversationStore store, ProfileService review, Jdbi reads,
                         Writer writer, EventLog events, Limits limits) {
        this.conversations = conversations;
        this.store = store;
        this.review = review;
        this.reads = reads;
        this.writer = writer;
        this.events = events;
        this.limits = limits;
    }

    public ConversationView update(Principal me, long conversationId, Change change) {
        Optional<String> title = change.title().map(t -> Objects.requireNonNullElse(ConversationManager.title(t, true), ""));
        Optional<String> description = change.description().map(GroupSettings::description);
        Optional<String> avatar = change.avatarId();
        // Who may is checked before anything is reviewed: a member's attempt leaves no decision behind.
        ConversationManager.requireManager(conversations.member(conversationId, me));
        limits.acquire(Limit.CHAT_SETTINGS, me.accountId());
        ConversationStore.GroupProfile current = reads.withHandle(h -> store.groupProfile(h, conversationId));
        title.filter(t -> !t.isEmpty() && !t.equals(current.title()))
                .ifPresent(t -> review.reviewGroupText(me, conversationId, "name", t));
        description.filter(d -> !d.isEmpty() && !d.equals(current.description()))
                .ifPresent(d -> review.reviewGroupText(me, conversationId, "description", d));
        avatar.filter(a -> !a.isEmpty() && !a.equals(current.avatarId()))
                .ifPresent(a -> review.reviewGroupAvatar(me, conversationId, a));
        return writer.execute(tx -> {
            conversations.manager(tx.handle(), conversationId, me);
            ConversationStore.GroupProfile now = store.groupProfile(tx.handle(), conversationId);
            store.setGroupProfile(tx, conversationId, new ConversationStore.GroupProfile(changed(title, now.title()),
                    changed(description, now.description()), changed(avatar, now.avatarId())));
            return conversations.announce(tx, conversationId);
        });
    }

    /** Mutes or unmutes a conversation for {@code me} alone; my other devices hear of it. */
    public Muted mute(Principal me, long conversationId, boolean muted) {
        conversations.member(conversationId, me);
        limits.acquire(Limit.CHAT_SETTINGS, me.accountId());
        return writer.execute(tx -> {
            conversations.member(conversationId, me);
            store.setMuted(tx, conversationId, me.accountId(), muted);
            Muted result = new Muted(conversationId, muted);
            events.append(tx, List.of(me.accountId()), EventType.CONVERSATION_MUTED, result);
            return result;
        });
    }

    /** Cleaned (control characters, bidi overrides), composed, trimmed; at most 500 characters, lines kept. */
    static String description(String raw) {
        if (raw.length() > 16 * MAX_DESCRIPTION) throw descriptionTooLong();
        String text = Normalizer.normalize(UserText.multiLine(raw), Normalizer.Form.NFC).strip();
        if (text.codePointCount(0, text.length()) > MAX_DESCRIPTION) throw descriptionTooLong();
        return text;
    }

    private static ApiException descriptionTooLong() {
        return ApiException.badRequest("invalid_description", "a description is at most " + MAX_DESCRIPTION + " characters");
    }

    private static String changed(Optional<String> change, String current) {
        if (change.isEmpty()) return current;
        return change.get().isEmpty() ? null : change.get();
    }
}

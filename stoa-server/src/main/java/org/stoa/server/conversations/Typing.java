package org.stoa.server.conversations;

import org.stoa.engine.policy.Feature;
import org.stoa.server.accounts.Principal;
import org.stoa.server.enforcement.SanctionManager;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.stream.StreamHub;

/**
 * "Alice is typing…": a notice to the other members' open streams, never stored (no event log, no
 * database), so it costs nothing later; limited per account like any write. Someone who may not send
 * here has nothing to announce.
 */
public final class Typing {

    /** What the other members' streams carry, as {@code {"type":"typing","transient":true,"data":{...}}}. */
    public record Notice(long conversationId, long accountId) {}

    private final ConversationManager conversations;
    private final Memberships memberships;
    private final SanctionManager sanctions;
    private final StreamHub hub;
    private final Limits limits;

    public Typing(ConversationManager conversations, Memberships memberships, SanctionManager sanctions, StreamHub hub,
                  Limits limits) {
        this.conversations = conversations;
        this.memberships = memberships;
        this.sanctions = sanctions;
        this.hub = hub;
        this.limits = limits;
    }

    public void typing(Principal me, long conversationId) {
        ConversationStore.Membership m = conversations.member(conversationId, me);
        limits.acquire(Limit.TYPING, me.accountId());
        sanctions.require(me.accountId(), m.type() == ConversationType.DIRECT ? Feature.SEND_DIRECT : Feature.SEND_GROUP);
        String frame = StreamHub.transientFrame("typing", new Notice(conversationId, me.accountId()));
        hub.publishTransient(memberships.roster(conversationId).orElseThrow().members().keySet().stream()
                .filter(id -> id != me.accountId()).toList(), frame);
    }
}

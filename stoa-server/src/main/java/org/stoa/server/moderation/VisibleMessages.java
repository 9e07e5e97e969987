package org.stoa.server.moderation;

import java.util.Optional;
import org.stoa.server.accounts.Principal;
import org.stoa.server.conversations.MessageStore;
import org.stoa.server.conversations.MessageView;
import org.stoa.server.conversations.Memberships;

/** A message as a given member may see it: only in their conversations, and not from before they joined. */
public final class VisibleMessages {

    private final MessageStore messages;
    private final Memberships memberships;

    public VisibleMessages(MessageStore messages, Memberships memberships) {
        this.messages = messages;
        this.memberships = memberships;
    }

    public Optional<MessageView> message(Principal me, long messageId) {
        return messages.byId(messageId).filter(m -> m.seq() != null || m.senderId() == me.accountId())
                .filter(m -> memberships.roster(m.conversationId()).flatMap(r -> r.member(me.accountId()))
                        .filter(x -> m.seq() == null || m.seq() > x.joinedSeq()).isPresent());
    }
}

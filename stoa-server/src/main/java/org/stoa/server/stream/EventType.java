package org.stoa.server.stream;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** The kinds of event an account's stream carries. */
public enum EventType {
    MESSAGE_CREATED("message.created"),
    MESSAGE_RECALLED("message.recalled"),
    /** A message's sender edited its text: the message as it is now. */
    MESSAGE_EDITED("message.edited"),
    /** I hid a message for myself ("delete for me"), on another device perhaps: {id, conversationId, clientId}. */
    MESSAGE_HIDDEN("message.hidden"),
    READ_UPDATED("read.updated"),
    CONTACT_REQUEST("contact.request"),
    CONTACT_REQUEST_UPDATED("contact.request.updated"),
    CONTACT_ADDED("contact.added"),
    CONTACT_REMOVED("contact.removed"),
    /** A contact moved to another account: a move card, new or changed (accepted, ignored, withdrawn). */
    CONTACT_MOVED("contact.moved"),
    CONVERSATION_UPDATED("conversation.updated"),
    /** Someone I know (a contact, a member of a conversation of mine) or I changed a profile: the new profile. */
    PROFILE_UPDATED("profile.updated"),
    CONVERSATION_REMOVED("conversation.removed"),
    /** To my own devices: I muted or unmuted a conversation. */
    CONVERSATION_MUTED("conversation.muted"),
    MESSAGE_WITHDRAWN("message.withdrawn"),
    MESSAGE_RESTORED("message.restored"),
    MODERATION_DECISION("moderation.decision"),
    MODERATION_APPEAL("moderation.appeal"),
    REPORT_RESOLVED("report.resolved"),
    /** To moderators and admins: the review queue changed (an item arrived or was dealt with). */
    MODERATION_QUEUE("moderation.queue"),
    /** A post in a channel the account follows; from the channel log, resumed with channelSince=. */
    CHANNEL_POST("channel.post"),
    /** A channel the account follows was restricted or restored: the notice, from the channel log. */
    CHANNEL_NOTICE("channel.notice");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    static Optional<EventType> find(String name) {
        for (EventType t : values()) {
            if (t.wireName.equals(name)) return Optional.of(t);
        }
        return Optional.empty();
    }
}

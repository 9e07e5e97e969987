package org.stoa.server.channels;

import java.time.Instant;
import org.stoa.server.enforcement.SanctionKind;

/**
 * What a channel's subscribers and visitors are told of a sanction: its kind, the rule (or, for a
 * moderator's decision resting on none, the reason), since when, until when (null: closed for good),
 * and where to read the public part of the decision. {@code liftedAt} is set on the notice that tells
 * of its end.
 */
public record Restriction(long sanctionId, SanctionKind kind, Rule rule, String reason, Instant since, Instant until,
                          Instant liftedAt, long decisionId, String decisionUrl) {

    /** The rule a decision rests on, as the public may read it. */
    public record Rule(String id, String title, String explanation, String category) {}

    static String decisionUrl(long channelId, long decisionId) {
        return "/api/v1/channels/" + channelId + "/decisions/" + decisionId;
    }
}

package org.stoa.server.conversations;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.stoa.server.http.ApiException;
import org.stoa.server.storage.Tx;

/**
 * A group in slow mode takes one message per member every N seconds; its owner and admins are not
 * slowed. Checked in the send's transaction, so two sends at once cannot both pass.
 */
final class SlowMode {

    private SlowMode() {}

    /** Lets {@code m} send to {@code roster}'s conversation now and notes it, or refuses with when they may send again. */
    static void admit(Tx tx, Memberships.Roster roster, ConversationStore.Membership m) {
        if (m.type() != ConversationType.GROUP || m.role().canManage()) return;
        int seconds = roster.slowModeSeconds();
        if (seconds <= 0) return;
        Optional<Long> last = PublicGroupStore.lastSentAt(tx.handle(), m.conversationId(), m.accountId());
        long next = last.map(at -> at + seconds * 1000L).orElse(Long.MIN_VALUE);
        if (next > tx.now()) {
            Duration wait = Duration.ofMillis(next - tx.now());
            long waitSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw ApiException.retryLater(429, "slow_mode", "this group is in slow mode: one message every " + seconds
                            + " s per member; you may send again in " + waitSeconds + " s", wait,
                    Map.of("slowModeSeconds", seconds, "sendableAt", Instant.ofEpochMilli(next).toString()));
        }
        PublicGroupStore.noteSent(tx, m.conversationId(), m.accountId());
    }
}

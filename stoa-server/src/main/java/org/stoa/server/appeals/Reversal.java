package org.stoa.server.appeals;

import java.util.ArrayList;
import java.util.List;
import org.stoa.engine.policy.WireName;
import org.stoa.server.conversations.MessageModeration;
import org.stoa.server.enforcement.DecisionRecord;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.enforcement.Sanction;
import org.stoa.server.moderation.BankService;
import org.stoa.server.moderation.ReportService;
import org.stoa.server.storage.Tx;

/**
 * What reversing a decision on appeal gives back, in the transaction that records the reversal:
 * its strikes stop counting and sanctions no longer earned are lifted (so is a moderator's sanction
 * behind it); a removed or withdrawn message is restored for everyone, and a withdrawn image's
 * hashes leave the OCR bank; a refused message is delivered; a dismissed report goes back to the
 * review queue; a refused move may be made despite the sanctions in force when it was refused.
 */
public final class Reversal {

    private final Enforcer enforcer;
    private final MessageModeration messages;
    private final BankService banks;
    private final ReportService reports;

    public Reversal(Enforcer enforcer, MessageModeration messages, BankService banks, ReportService reports) {
        this.enforcer = enforcer;
        this.messages = messages;
        this.banks = banks;
        this.reports = reports;
    }

    /** Undoes {@code original} under the reversal {@code reversalId}; answers what was done, in words for the appellant. */
    String apply(Tx tx, DecisionRecord original, long reversalId, Long reviewerId) {
        List<String> done = new ArrayList<>();
        done.add("decision " + original.id() + " was reversed on appeal");
        List<Sanction> lifted = enforcer.reverse(tx, original, reviewerId,
                "decision " + original.id() + " was reversed on appeal (decision " + reversalId + ")");
        if (original.strikes() > 0) done.add("its strikes no longer count");
        for (Sanction s : lifted) done.add("the " + WireName.of(s.kind()) + " from decision " + s.decisionId() + " was lifted");
        switch (original.outcome()) {
            case REFUSED -> {
                if (original.conversationId() == null) {
                    // A refused profile change: nothing waits to be delivered; the person may make it again.
                    done.add("the profile change it refused may be made again");
                } else if (original.messageId() != null) {
                    // A refused edit: the message kept its text, and the edit may be made again while its window lasts.
                    done.add("the edit it refused may be made again");
                } else {
                    MessageModeration.Delivery delivery = messages.deliverRefused(tx, original.id(), reversalId);
                    done.add(delivery.message().isPresent() ? "the message was delivered to its conversation"
                            : "the message could not be delivered: " + delivery.failure());
                }
            }
            case REMOVED, WITHDRAWN -> {
                boolean restored = original.messageId() != null && messages.current(tx.handle(), original.messageId())
                        .flatMap(m -> messages.restore(tx, m, reversalId)).isPresent();
                done.add(restored ? "the message was restored for everyone"
                        : "the message is gone (recalled or deleted) and cannot be restored");
                if (original.outcome() == DecisionRecord.Outcome.WITHDRAWN && original.mediaSha256() != null) {
                    String sha256 = original.mediaSha256();
                    tx.afterCommit(() -> banks.removeFromOcrBank(sha256));
                    done.add("the image's hashes left the OCR bank");
                }
            }
            case DISMISSED -> {
                if (original.reportId() != null && reports.reopen(tx, original.reportId())) {
                    done.add("the report went back to the review queue to be acted on");
                }
            }
            case MOVE_REFUSED -> done.add("the sanctions in force when the move was refused no longer keep this account"
                    + " from moving: you can move now");
            default -> { }
        }
        return String.join("; ", done);
    }
}

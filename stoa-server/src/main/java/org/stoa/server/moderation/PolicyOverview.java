package org.stoa.server.moderation;

import org.stoa.server.accounts.Principal;
import org.stoa.server.enforcement.Enforcer;

/** The policy in force as moderators read it: rules, banks, shadow-rule hit counts and OCR's state. */
public final class PolicyOverview {

    private final PolicyManager policy;
    private final Enforcer enforcer;
    private final OcrPipeline ocr;
    private final Staff staff;

    public PolicyOverview(PolicyManager policy, Enforcer enforcer, OcrPipeline ocr, Staff staff) {
        this.policy = policy;
        this.enforcer = enforcer;
        this.ocr = ocr;
        this.staff = staff;
    }

    PolicyView view(Principal moderator) {
        staff.require(moderator);
        return PolicyView.of(policy.policy(), enforcer.shadowHits(), ocr.status());
    }
}

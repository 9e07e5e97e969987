package org.stoa.server.moderation;

import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.engine.policy.PolicyException;
import org.stoa.engine.review.Content;
import org.stoa.engine.review.ContentReview;
import org.stoa.engine.review.Decision;

/**
 * The review of a node of a cluster: before each review, the banks and the policy are brought up to
 * what the database says is in force, so no node accepts a send under an older bank or policy than
 * one another node already used. One small query per review; a single server has no need of it.
 */
public final class FreshReview implements ContentReview {

    private static final Logger log = LoggerFactory.getLogger(FreshReview.class);

    private final ContentReview review;
    private final BankJournal banks;
    private final PolicyManager policy;
    private final Jdbi reads;
    private volatile String lastReloadFor;

    public FreshReview(ContentReview review, BankJournal banks, PolicyManager policy, Jdbi reads) {
        this.review = review;
        this.banks = banks;
        this.policy = policy;
        this.reads = reads;
    }

    @Override
    public Decision review(Content content) {
        banks.catchUp();
        String newest = reads.withHandle(h -> h.createQuery("SELECT version FROM policy_versions ORDER BY id DESC LIMIT 1")
                .mapTo(String.class).findOne().orElse(null));
        if (newest != null && !newest.equals(policy.policy().version()) && !Objects.equals(newest, lastReloadFor)) {
            lastReloadFor = newest; // one reload per version another node installed, not one per send
            try {
                policy.reload();
            } catch (PolicyException e) {
                log.warn("another node runs policy {}; reloading this node's policy file failed: {}", newest, e.getMessage());
            }
            if (!newest.equals(policy.policy().version())) {
                log.warn("another node runs policy {} but this node's policy file gives {}: give every node the same policy.file",
                        newest, policy.policy().version());
            }
        }
        return review.review(content);
    }
}

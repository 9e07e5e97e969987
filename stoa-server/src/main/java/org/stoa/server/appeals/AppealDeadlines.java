package org.stoa.server.appeals;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.engine.policy.Appeals;
import org.stoa.engine.policy.WireName;
import org.stoa.server.conversations.RefusedMessages;
import org.stoa.server.enforcement.AuditLog;
import org.stoa.server.enforcement.DecisionRecord;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.moderation.PolicyManager;
import org.stoa.server.storage.Writer;

/**
 * What happens when time runs out. An appeal not decided by its deadline is escalated (it goes to
 * the top of the queue, marked for admins) or, in a category the policy names under
 * {@code appeals.onOverdue}, reversed by the policy itself. A refused message's content is deleted
 * when its appeal window closes. Checked every minute and before appeals are read, so nothing
 * waits on the timer to be right.
 */
public final class AppealDeadlines implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AppealDeadlines.class);
    private static final Duration EVERY = Duration.ofMinutes(1);

    private final Jdbi reads;
    private final Writer writer;
    private final AppealStore store;
    private final RefusedMessages refused;
    private final Enforcer enforcer;
    private final PolicyManager policy;
    private final AuditLog audit;
    private final Clock clock;
    private final AppealDecisions decisions;
    private ScheduledExecutorService timer;

    public AppealDeadlines(Jdbi reads, Writer writer, AppealStore store, AppealDecisions decisions, RefusedMessages refused,
                           Enforcer enforcer, PolicyManager policy, AuditLog audit, Clock clock) {
        this.reads = reads;
        this.writer = writer;
        this.store = store;
        this.decisions = decisions;
        this.refused = refused;
        this.enforcer = enforcer;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("appeal-deadlines").factory());
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                log.warn("checking appeal deadlines failed: {}", e.toString());
            }
        }, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Acts on deadlines passed by now; a read that finds none costs no write. */
    public void sweep() {
        long now = clock.millis();
        boolean due = reads.withHandle(h -> store.anyNewlyOverdue(h, now) || refused.anyExpired(h, now));
        if (!due) return;
        writer.execute(tx -> {
            Appeals rules = policy.policy().appeals();
            for (Appeal a : store.newlyOverdue(tx.handle(), tx.now())) {
                DecisionRecord d = enforcer.view(tx.handle(), a.decisionId()).orElseThrow().decision();
                if (d.category() != null && rules.reverseWhenOverdue().contains(d.category())) {
                    decisions.decide(tx, a, d, AppealOutcome.REVERSED, "Not decided by its deadline, " + a.decideBy()
                            + ". The policy reverses overdue appeals in the category " + WireName.of(d.category())
                            + ", so this decision no longer stands.", null, true, null);
                } else {
                    store.escalate(tx, a.id());
                    audit.append(tx, null, "appeal.overdue", d.accountId(), d.id(), d.ruleId(),
                            "appeal " + a.id() + " was due by " + a.decideBy() + "; escalated to admins");
                }
            }
            List<Long> expired = refused.deleteExpired(tx);
            enforcer.forgetContent(tx, expired);
            return null;
        });
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
    }
}

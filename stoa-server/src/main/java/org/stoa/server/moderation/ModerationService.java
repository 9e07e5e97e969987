package org.stoa.server.moderation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.stoa.engine.bank.BankEntry;
import org.stoa.engine.bank.HashBanks;
import org.stoa.engine.bank.HashType;
import org.stoa.engine.image.ImageHasher;
import org.stoa.engine.image.ImageHashes;
import org.stoa.engine.policy.Feature;
import org.stoa.engine.policy.Rule;
import org.stoa.engine.review.Decision;
import org.stoa.engine.review.RuleHit;
import org.stoa.server.accounts.Account;
import org.stoa.server.accounts.AccountManager;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.accounts.Principal;
import org.stoa.server.conversations.ConversationStore;
import org.stoa.server.conversations.Memberships;
import org.stoa.server.conversations.MessageStore;
import org.stoa.server.conversations.MessageView;
import org.stoa.server.enforcement.AuditLog;
import org.stoa.server.enforcement.DecisionDraft;
import org.stoa.server.enforcement.DecisionRecord;
import org.stoa.server.enforcement.DecisionRecord.Outcome;
import org.stoa.server.enforcement.DecisionView;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.enforcement.ReviewedContent;
import org.stoa.server.enforcement.Sanction;
import org.stoa.server.enforcement.SanctionKind;
import org.stoa.server.enforcement.SanctionManager;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.Json;
import org.stoa.server.media.MediaHashes;
import org.stoa.server.media.MediaStore;
import org.stoa.server.storage.Tx;
import org.stoa.server.storage.Writer;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventType;

/**
 * What moderators do, and what the system does after delivery: approve or remove held messages,
 * remove delivered ones, withdraw images OCR caught, bank images, sanction and lift. Every action
 * records a decision with a written reason, lands in the audit log, and tells the people affected.
 */
public final class ModerationService {

    private static final int MAX_REASON = 2000;

    private final Writer writer;
    private final MessageStore messages;
    private final ConversationStore conversations;
    private final Memberships memberships;
    private final MediaStore media;
    private final MediaHashes mediaHashes;
    private final AccountStore accounts;
    private final Enforcer enforcer;
    private final SanctionManager sanctions;
    private final AuditLog audit;
    private final EventLog events;
    private final ReportService reports;
    private final PolicyManager policy;
    private final HashBanks banks;
    private final ImageHasher hasher;

    public ModerationService(Writer writer, MessageStore messages, ConversationStore conversations, Memberships memberships,
                             MediaStore media, MediaHashes mediaHashes, AccountStore accounts, Enforcer enforcer,
                             SanctionManager sanctions, AuditLog audit, EventLog events, ReportService reports,
                             PolicyManager policy, HashBanks banks, ImageHasher hasher) {
        this.writer = writer;
        this.messages = messages;
        this.conversations = conversations;
        this.memberships = memberships;
        this.media = media;
        this.mediaHashes = mediaHashes;
        this.accounts = accounts;
        this.enforcer = enforcer;
        this.sanctions = sanctions;
        this.audit = audit;
        this.events = events;
        this.reports = reports;
        this.policy = policy;
        this.banks = banks;
        this.hasher = hasher;
    }

    /** A held message goes out after all, at the end of the timeline. */
    public MessageView approve(Principal moderator, long messageId, String rawReason) {
        String reason = reason(rawReason);
        return writer.execute(tx -> {
            MessageView m = message(tx.handle(), messageId);
            if (!"held".equals(m.status())) throw ApiException.conflict("not_held", "only held messages can be approved");
            long seq = conversations.nextSeq(tx, m.conversationId());
            DecisionView d = enforcer.record(tx, DecisionDraft.byModerator(m.senderId(), m.conversationId(), m.id(),
                    Outcome.APPROVED, "delivered after a moderator's review", excerpt(tx.handle(), m), moderator.accountId(),
                    reason, null));
            enforcer.reviewed(tx, m.id(), m.moderation().decisionId());
            messages.release(tx, m.id(), seq, d.decision().id());
            MessageView released = messages.byId(tx.handle(), m.id()).orElseThrow();
            events.appendMessage(tx, members(tx, m.conversationId()), EventType.MESSAGE_CREATED, m.id(), Json.write(released));
            return released;
        });
    }

    /**
     * Removes a held or delivered message for everyone. {@code ruleId} (optional) is the rule it
     * broke: then the sender gets that rule's strikes. Open reports about it are resolved.
     */
    public DecisionView remove(Principal moderator, long messageId, String rawReason, String ruleId) {
        String reason = reason(rawReason);
        if (ruleId != null) rule(ruleId).orElseThrow(() -> ApiException.badRequest("unknown_rule", "the policy has no rule '" + ruleId + "'"));
        return writer.execute(tx -> {
            MessageView m = message(tx.handle(), messageId);
            if (m.moderation() != null && !"held".equals(m.status())) {
                throw ApiException.conflict("already_removed", "this message was already " + m.status());
            }
            boolean held = "held".equals(m.status());
            boolean reported = reports.openAbout(tx, m.id());
            // Removing a held message confirms the automated hold: its rule is the ground unless the moderator names another.
            String groundId = ruleId != null ? ruleId
                    : held ? enforcer.view(tx.handle(), m.moderation().decisionId()).orElseThrow().decision().ruleId() : null;
            Optional<Rule> rule = groundId == null ? Optional.empty() : rule(groundId);
            DecisionDraft draft = new DecisionDraft(m.senderId(), m.conversationId(), m.id(), null, Outcome.REMOVED,
                    "removed from every recipient by a moderator", excerpt(tx.handle(), m), null,
                    rule.map(Rule::ref).orElse(null), policy.policy().version(),
                    reported ? DecisionRecord.Source.USER_REPORT : held ? DecisionRecord.Source.AUTOMATED : DecisionRecord.Source.MODERATOR,
                    held ? DecisionRecord.Automation.PARTIALLY : DecisionRecord.Automation.NOT,
                    moderator.accountId(), reason, null, null, DecisionRecord.Status.FINAL);
            DecisionView d = takeDown(tx, m, "removed", draft);
            reports.resolveAboutMessage(tx, m.id(), "the message was removed", d.decision().id());
            return d;
        });
    }

    private Optional<Rule> rule(String id) {
        return policy.policy().rules().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** OCR found a rule broken in a delivered image: withdraw it and bank its hashes, so its next send is refused. */
    void withdraw(long messageId, String sha256, Decision decision) {
        policyBank().ifPresent(bank -> mediaHashes.get(sha256).ifPresent(hashes -> addToBank(bank,
                BankEntry.allOf(hashes, "withdrawn after OCR: " + decision.primary().map(h -> h.rule().id()).orElse("")))));
        writer.execute(tx -> {
            MessageView m = messages.byId(tx.handle(), messageId).orElse(null);
            if (m == null || !"delivered".equals(m.status()) || m.recalledAt() != null) return null; // gone meanwhile
            RuleHit primary = decision.primary().orElseThrow();
            DecisionDraft draft = new DecisionDraft(m.senderId(), m.conversationId(), m.id(), sha256, Outcome.WITHDRAWN,
                    "withdrawn from every recipient after delivery", "image " + m.mediaId(),
                    decision.hits().stream().filter(RuleHit::enforced).toList(), primary.rule(), decision.policyVersion(),
                    DecisionRecord.Source.AUTOMATED, DecisionRecord.Automation.FULLY, null, null, null, null,
                    DecisionRecord.Status.FINAL);
            takeDown(tx, m, "withdrawn", draft);
            return null;
        });
    }

    /** Records shadow hits of a check after delivery (what the rule would have done). */
    void recordShadow(MessageView m, String sha256, Decision decision) {
        if (decision.hits().isEmpty()) return;
        writer.execute(tx -> enforcer.recordReview(tx, new ReviewedContent(m.senderId(), m.conversationId(), m.id(), sha256,
                "image " + m.mediaId(), null), decision, Outcome.FLAGGED));
    }

    private DecisionView takeDown(Tx tx, MessageView m, String status, DecisionDraft draft) {
        DecisionView d = enforcer.record(tx, draft);
        enforcer.reviewed(tx, m.id(), m.moderation() == null ? null : m.moderation().decisionId());
        messages.moderate(tx, m.id(), status, d.decision().id());
        if (m.seq() != null) {
            MessageView gone = messages.byId(tx.handle(), m.id()).orElseThrow();
            events.appendMessage(tx, members(tx, m.conversationId()), EventType.MESSAGE_WITHDRAWN, m.id(), Json.write(gone));
        }
        return d;
    }

    /** Takes a queue item out of the queue without acting on the content (the automated call stands, or the report is unfounded). */
    public void dismiss(Principal moderator, Long messageId, Long reportId, String rawReason) {
        String reason = reason(rawReason);
        if ((messageId == null) == (reportId == null)) {
            throw ApiException.badRequest("invalid_dismissal", "dismiss either a 'messageId' or a 'reportId'");
        }
        writer.execute(tx -> {
            if (messageId != null) {
                MessageView m = message(tx.handle(), messageId);
                if ("held".equals(m.status())) throw ApiException.conflict("still_held", "approve or remove a held message");
                enforcer.reviewed(tx, m.id(), null);
                audit.append(tx, moderator.accountId(), "queue.dismissed", m.senderId(), null, null, reason);
            } else {
                ReportService.Report r = reports.find(tx, reportId)
                        .orElseThrow(() -> ApiException.notFound("report_not_found", "there is no report " + reportId));
                if (!r.status().equals("open")) throw ApiException.conflict("report_closed", "this report was already resolved");
                DecisionView d = enforcer.record(tx, DecisionDraft.byModerator(r.accountId(), null, r.messageId(),
                        Outcome.DISMISSED, null, r.reason(), moderator.accountId(), reason, r.id()));
                reports.resolve(tx, r.id(), "no action: " + reason, d.decision().id());
            }
            return null;
        });
    }

    /** Adds a sent image's hashes to a bank; returns how many entries were new. */
    public int bankMessageImage(Principal moderator, long messageId, String bank, String rawReason) {
        String reason = reason(rawReason);
        requireBank(bank);
        String[] raw = messages.rawContent(messageId)
                .orElseThrow(() -> ApiException.notFound("message_not_found", "there is no message " + messageId));
        if (raw[1] == null) throw ApiException.badRequest("not_an_image", "message " + messageId + " has no image");
        String sha = media.record(raw[1]).orElseThrow().sha256();
        ImageHashes hashes = mediaHashes.get(sha).orElseThrow(() -> new IllegalStateException("no hashes for " + sha));
        return bank(moderator, bank, hashes, "message " + messageId + ": " + reason);
    }

    /** Adds an uploaded file's hashes to a bank. */
    public int bankFile(Principal moderator, String bank, byte[] bytes, String rawReason) {
        String reason = reason(rawReason);
        requireBank(bank);
        if (bytes.length == 0) throw ApiException.badRequest("empty_body", "send the image as the request body");
        return bank(moderator, bank, hasher.hash(bytes), "file: " + reason);
    }

    private int bank(Principal moderator, String bank, ImageHashes hashes, String label) {
        int added = addToBank(bank, BankEntry.allOf(hashes, label));
        writer.execute(tx -> {
            audit.append(tx, moderator.accountId(), "bank.add", null, null, null, bank + " " + hashes.sha256() + " " + label);
            return null;
        });
        return added;
    }

    public boolean unbank(Principal moderator, String bank, String type, String hex, String rawReason) {
        String reason = reason(rawReason);
        requireBank(bank);
        HashType t = HashType.fromLabel(type).orElseThrow(() -> ApiException.badRequest("invalid_type", "type is sha256, md5 or pdq"));
        boolean removed;
        try {
            removed = banks.remove(bank, t, hex.toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_hash", e.getMessage());
        }
        if (removed) {
            writer.execute(tx -> {
                audit.append(tx, moderator.accountId(), "bank.remove", null, null, null, bank + " " + type + " " + hex + ": " + reason);
                return null;
            });
        }
        return removed;
    }

    public record BankSummary(String name, int entries) {}

    public record BankPage(String bank, int total, List<BankEntry> entries) {}

    /** A page of a bank's entries, in the order they were added. */
    public BankPage bankEntries(String bank, int offset, int limit) {
        requireBank(bank);
        List<BankEntry> all = banks.bank(bank).map(b -> b.entries()).orElse(List.of());
        int from = Math.min(offset, all.size());
        return new BankPage(bank, all.size(), all.subList(from, Math.min(all.size(), from + limit)));
    }

    public Account findAccount(String username) {
        return accounts.findByUsername(AccountManager.canonicalUsername(username))
                .orElseThrow(() -> ApiException.notFound("account_not_found", "there is no account named '" + username + "'"));
    }

    public List<BankSummary> banks() {
        return policy.policy().banks().stream()
                .map(name -> new BankSummary(name, banks.bank(name).map(b -> b.size()).orElse(0))).toList();
    }

    /**
     * A moderator's sanction: a restriction (features and duration), a suspension (duration) or a
     * ban (permanent unless a duration is given). Always with a written reason.
     */
    public DecisionView sanction(Principal moderator, long accountId, SanctionKind kind, Set<Feature> features,
                                 Duration duration, String rawReason) {
        String reason = reason(rawReason);
        Account target = accounts.findById(accountId)
                .orElseThrow(() -> ApiException.notFound("account_not_found", "there is no account " + accountId));
        if (kind == SanctionKind.WARNING) throw ApiException.badRequest("invalid_sanction", "warnings come from the ladder");
        if (kind == SanctionKind.RESTRICTION && features.isEmpty()) {
            throw ApiException.badRequest("invalid_sanction", "a restriction names the features it takes away");
        }
        if (kind != SanctionKind.BAN && duration == null) {
            throw ApiException.badRequest("invalid_sanction", "restrictions and suspensions need a duration, e.g. 24h or 7d");
        }
        return writer.execute(tx -> enforcer.sanction(tx, DecisionDraft.byModerator(target.id(), null, null, Outcome.SANCTIONED,
                        null, null, moderator.accountId(), reason, null), kind, features,
                duration == null ? null : Instant.ofEpochMilli(tx.now()).plus(duration)));
    }

    public DecisionView lift(Principal moderator, long sanctionId, String rawReason) {
        String reason = reason(rawReason);
        return writer.execute(tx -> enforcer.lift(tx, sanctionId, moderator.accountId(), reason))
                .orElseThrow(() -> ApiException.notFound("sanction_not_found", "no sanction " + sanctionId + " in force"));
    }

    public record AccountReview(Account account, int activeStrikes, List<Sanction> activeSanctions, List<Sanction> sanctions,
                                List<DecisionRecord> decisions) {}

    public AccountReview account(long accountId) {
        Account a = accounts.findById(accountId)
                .orElseThrow(() -> ApiException.notFound("account_not_found", "there is no account " + accountId));
        return new AccountReview(a, sanctions.activeStrikes(accountId), sanctions.active(accountId),
                sanctions.history(accountId), enforcer.decisionsOf(accountId));
    }

    /** One thing waiting for a moderator, with the content and why it is here. */
    public record QueueItem(String kind, Long decisionId, Long reportId, Long messageId, long accountId, String username,
                            Long conversationId, String text, String mediaId, String ruleId, String ruleTitle,
                            String category, Object evidence, String reason, Long reporterId, Instant createdAt) {}

    public List<QueueItem> queue() {
        List<QueueItem> items = new ArrayList<>();
        for (DecisionRecord d : enforcer.awaitingReview()) {
            String[] raw = d.messageId() == null ? new String[2] : messages.rawContent(d.messageId()).orElse(new String[2]);
            items.add(new QueueItem(d.outcome().name().toLowerCase(Locale.ROOT), d.id(), null, d.messageId(),
                    d.accountId(), username(d.accountId()), d.conversationId(), raw[0], raw[1], d.ruleId(), d.ruleTitle(),
                    d.category(), d.hits(), null, null, d.createdAt()));
        }
        for (ReportService.Report r : reports.open()) {
            String[] raw = r.messageId() == null ? new String[2] : messages.rawContent(r.messageId()).orElse(new String[2]);
            items.add(new QueueItem("report", null, r.id(), r.messageId(), r.accountId(), username(r.accountId()), null, raw[0],
                    raw[1], null, null, null, null, r.reason(), r.reporterId(), r.createdAt()));
        }
        return items;
    }

    private String username(long accountId) {
        return accounts.findById(accountId).map(Account::username).orElse("?");
    }

    private Optional<String> policyBank() {
        return Optional.ofNullable(policy.policy().ocrBank());
    }

    private int addToBank(String bank, List<BankEntry> entries) {
        try {
            return banks.addAll(bank, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to bank " + bank, e);
        }
    }

    private void requireBank(String bank) {
        if (!policy.policy().banks().contains(bank)) {
            throw ApiException.notFound("bank_not_found", "the policy has no bank '" + bank + "'; banks: " + policy.policy().banks());
        }
    }

    private MessageView message(Handle h, long id) {
        return messages.byId(h, id).orElseThrow(() -> ApiException.notFound("message_not_found", "there is no message " + id));
    }

    private String excerpt(Handle h, MessageView m) {
        String[] raw = messages.rawContent(h, m.id()).orElse(new String[2]);
        return raw[0] != null ? raw[0] : raw[1] != null ? "image " + raw[1] : null;
    }

    private List<Long> members(Tx tx, long conversationId) {
        return List.copyOf(memberships.roster(tx.handle(), conversationId).orElseThrow().members().keySet());
    }

    private static String reason(String raw) {
        String r = raw == null ? "" : raw.strip();
        if (r.isEmpty()) throw ApiException.badRequest("reason_required", "every moderation action needs a written reason");
        if (r.length() > MAX_REASON) throw ApiException.badRequest("invalid_reason", "reasons are at most " + MAX_REASON + " characters");
        return r;
    }
}

package org.stoa.server.moderation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.engine.bank.BankEntry;
import org.stoa.engine.bank.HashBanks;
import org.stoa.engine.bank.HashType;
import org.stoa.engine.image.ImageHasher;
import org.stoa.engine.image.ImageHashes;
import org.stoa.server.accounts.Principal;
import org.stoa.server.conversations.MessageModeration;
import org.stoa.server.conversations.MessageStore;
import org.stoa.server.enforcement.AuditLog;
import org.stoa.server.http.ApiException;
import org.stoa.server.media.MediaHashes;
import org.stoa.server.media.MediaStore;
import org.stoa.server.storage.Writer;

/**
 * The policy's image hash banks as moderators keep them: add a sent image or an uploaded file,
 * page through entries, remove one. Each change is audited. Also the OCR bank, which receives the
 * hashes of images withdrawn for their text.
 */
public final class BankService {

    private static final Logger log = LoggerFactory.getLogger(BankService.class);

    public record BankSummary(String name, int entries) {}

    public record BankPage(String bank, int total, List<BankEntry> entries) {}

    private final Writer writer;
    private final MessageModeration messages;
    private final MediaStore media;
    private final MediaHashes mediaHashes;
    private final AuditLog audit;
    private final PolicyManager policy;
    private final HashBanks banks;
    private final ImageHasher hasher;
    private final Staff staff;
    private final BankJournal journal;

    public BankService(Writer writer, MessageModeration messages, MediaStore media, MediaHashes mediaHashes, AuditLog audit,
                       PolicyManager policy, HashBanks banks, BankJournal journal, ImageHasher hasher, Staff staff) {
        this.journal = journal;
        this.writer = writer;
        this.messages = messages;
        this.media = media;
        this.mediaHashes = mediaHashes;
        this.audit = audit;
        this.policy = policy;
        this.banks = banks;
        this.hasher = hasher;
        this.staff = staff;
    }

    /** Adds a sent image's hashes to a bank; returns how many entries were new. */
    public int bankMessageImage(Principal moderator, long messageId, String bank, String rawReason) {
        staff.require(moderator);
        String reason = ModeratorReason.require(rawReason);
        requireBank(bank);
        MessageStore.RawContent content = messages.content(messageId);
        if (content.mediaId() == null) throw ApiException.badRequest("not_an_image", "message " + messageId + " has no image");
        String sha = media.record(content.mediaId()).orElseThrow().sha256();
        ImageHashes hashes = mediaHashes.get(sha).orElseThrow(() -> new IllegalStateException("no hashes for " + sha));
        return bank(moderator, bank, hashes, "message " + messageId + ": " + reason);
    }

    /** Adds an uploaded file's hashes to a bank. */
    public int bankFile(Principal moderator, String bank, byte[] bytes, String rawReason) {
        staff.require(moderator);
        String reason = ModeratorReason.require(rawReason);
        requireBank(bank);
        if (bytes.length == 0) throw ApiException.badRequest("empty_body", "send the image as the request body");
        return bank(moderator, bank, hasher.hash(bytes), "file: " + reason);
    }

    private int bank(Principal moderator, String bank, ImageHashes hashes, String label) {
        List<BankEntry> entries = BankEntry.allOf(hashes, label);
        int added = addAll(bank, entries);
        writer.execute(tx -> {
            journal.added(tx, bank, entries);
            audit.append(tx, moderator.accountId(), "bank.add", null, null, null, bank + " " + hashes.sha256() + " " + label);
            return null;
        });
        return added;
    }

    /** Removes one entry; false if the bank had no such entry. */
    public boolean unbank(Principal moderator, String bank, String type, String hex, String rawReason) {
        staff.require(moderator);
        String reason = ModeratorReason.require(rawReason);
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
                journal.removed(tx, bank, t, hex.toLowerCase(Locale.ROOT));
                audit.append(tx, moderator.accountId(), "bank.remove", null, null, null, bank + " " + type + " " + hex + ": " + reason);
                return null;
            });
        }
        return removed;
    }

    /** A page of a bank's entries, in the order they were added. */
    public BankPage entries(Principal moderator, String bank, int offset, int limit) {
        staff.require(moderator);
        requireBank(bank);
        List<BankEntry> all = banks.bank(bank).map(b -> b.entries()).orElse(List.of());
        int from = Math.min(offset, all.size());
        return new BankPage(bank, all.size(), all.subList(from, Math.min(all.size(), from + limit)));
    }

    public List<BankSummary> summaries(Principal moderator) {
        staff.require(moderator);
        return policy.policy().banks().stream()
                .map(name -> new BankSummary(name, banks.bank(name).map(b -> b.size()).orElse(0))).toList();
    }

    /** Puts an image OCR caught into the policy's OCR bank (if it has one), so its next send is refused by hash. */
    void addToOcrBank(String sha256, String label) {
        String bank = policy.policy().ocrBank();
        if (bank == null) return;
        mediaHashes.get(sha256).ifPresent(hashes -> {
            List<BankEntry> entries = BankEntry.allOf(hashes, label);
            addAll(bank, entries);
            writer.execute(tx -> {
                journal.added(tx, bank, entries);
                return null;
            });
        });
    }

    /**
     * An image withdrawn after OCR was restored on appeal: its hashes leave the OCR bank, so it can
     * be sent again. Runs after the reversal commits; a failure is logged, the reversal stands.
     */
    public void removeFromOcrBank(String sha256) {
        String bank = policy.policy().ocrBank();
        if (bank == null) return;
        mediaHashes.get(sha256).ifPresent(hashes -> {
            for (BankEntry e : BankEntry.allOf(hashes, "")) {
                try {
                    banks.remove(bank, e.type(), e.hex());
                } catch (IOException | RuntimeException ex) {
                    log.warn("cannot remove {} {} from bank {}: {}", e.type(), e.hex(), bank, ex.toString());
                }
            }
            // Queued, not awaited: this runs after the reversal's commit, on the writer's own thread.
            writer.submit(tx -> {
                for (BankEntry e : BankEntry.allOf(hashes, "")) journal.removed(tx, bank, e.type(), e.hex());
                return null;
            }).exceptionally(ex -> {
                log.warn("cannot journal the OCR bank removal of {}: {}", sha256, ex.toString());
                return null;
            });
        });
    }

    private int addAll(String bank, List<BankEntry> entries) {
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
}

package org.stoa.server.enforcement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import org.stoa.server.storage.Rows;

/**
 * The audit log's hash chain. Each entry carries the hash of the one before it ({@code prev_hash})
 * and its own: SHA-256 over the entry's canonical form, which ends with that previous hash, so an
 * entry changed, removed or slipped in after the fact no longer fits the entries after it.
 *
 * <p>The canonical form is meant to be recomputed by anyone, in any language: the line
 * {@code stoa-audit/1}, then one line per field in this order, {@code name=-} for an empty field
 * and {@code name=<length in UTF-8 bytes>:<value>} otherwise (the length makes a value holding a
 * newline unambiguous): {@code at} (epoch milliseconds), {@code actor}, {@code action},
 * {@code account}, {@code decision}, {@code rule}, {@code details}, {@code prev}. The first entry's
 * previous hash is {@link #GENESIS}.
 */
public final class AuditChain {

    /** The previous hash of the first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    /** The fields of an entry that its hash covers (everything but its row id). */
    public record Fields(long at, Long actorId, String action, Long accountId, Long decisionId, String ruleId,
                         String details) {}

    /** What {@link #verify} found: the whole chain fits, or the first entry that does not. */
    public sealed interface Verification {}

    /** Every entry fits; {@code lastId} and {@code lastHash} are the newest entry's (null for an empty log). */
    public record Intact(long entries, Long lastId, String lastHash) implements Verification {}

    /** The first entry that does not fit the chain, and how. */
    public record Broken(long id, Instant at, String action, Break problem) implements Verification {}

    /** How an entry fails to fit. */
    public enum Break {
        /** It has no hash: written without the chain. */
        MISSING_HASH,
        /** Its previous hash is not the hash of the entry before it: an entry before it was removed, added or rewritten with a new hash. */
        LINK_BROKEN,
        /** Its content no longer matches its own hash: it was changed after it was written. */
        CONTENT_CHANGED;

        public String describe() {
            return switch (this) {
                case MISSING_HASH -> "it carries no hash, so it was written without the chain";
                case LINK_BROKEN -> "it does not follow the entry before it: an entry before it was removed, inserted,"
                        + " or changed and given a new hash";
                case CONTENT_CHANGED -> "its content does not match its hash: it was changed after it was written";
            };
        }
    }

    private AuditChain() {}

    /** The hash of an entry with {@code fields} following an entry whose hash is {@code prevHash}. */
    public static String hash(Fields f, String prevHash) {
        StringBuilder canonical = new StringBuilder("stoa-audit/1\n");
        field(canonical, "at", String.valueOf(f.at()));
        field(canonical, "actor", f.actorId() == null ? null : String.valueOf(f.actorId()));
        field(canonical, "action", f.action());
        field(canonical, "account", f.accountId() == null ? null : String.valueOf(f.accountId()));
        field(canonical, "decision", f.decisionId() == null ? null : String.valueOf(f.decisionId()));
        field(canonical, "rule", f.ruleId());
        field(canonical, "details", f.details());
        field(canonical, "prev", prevHash);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append('=');
        if (value == null) out.append('-');
        else out.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
        out.append('\n');
    }

    /** Walks the whole log in order on {@code connection}, holding one entry at a time. */
    public static Verification verify(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, at, actor_id, action, account_id, decision_id, rule_id, details, prev_hash, hash"
                        + " FROM audit_log ORDER BY id")) {
            select.setFetchSize(1000);
            try (ResultSet rs = select.executeQuery()) {
                String previous = GENESIS;
                long count = 0;
                Long lastId = null;
                while (rs.next()) {
                    long id = rs.getLong("id");
                    Fields f = fields(rs);
                    String prev = rs.getString("prev_hash");
                    String hash = rs.getString("hash");
                    Break problem = hash == null || prev == null ? Break.MISSING_HASH
                            : !prev.equals(previous) ? Break.LINK_BROKEN
                            : !hash.equals(hash(f, prev)) ? Break.CONTENT_CHANGED
                            : null;
                    if (problem != null) return new Broken(id, Instant.ofEpochMilli(f.at()), f.action(), problem);
                    previous = hash;
                    lastId = id;
                    count++;
                }
                return new Intact(count, lastId, lastId == null ? null : previous);
            }
        }
    }

    /** The fields of the current row of a result set over {@code audit_log}. */
    public static Fields fields(ResultSet rs) throws SQLException {
        return new Fields(rs.getLong("at"), Rows.nullableLong(rs, "actor_id"), rs.getString("action"),
                Rows.nullableLong(rs, "account_id"), Rows.nullableLong(rs, "decision_id"), rs.getString("rule_id"),
                rs.getString("details"));
    }
}

package org.stoa.server.accounts;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.stoa.engine.policy.WireName;
import org.stoa.server.directory.DirectoryKind;
import org.stoa.server.directory.DirectoryTerms;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Tx;

/** SQL for accounts. */
public final class AccountStore {

    static final RowMapper<Account> ACCOUNT = (rs, ctx) -> new Account(
            rs.getLong("id"), rs.getString("username"), WireName.parse(Role.class, rs.getString("role")).orElseThrow(),
            Instant.ofEpochMilli(rs.getLong("created_at")));

    /** An account with its stored password hash, for logins only. */
    record Credentials(Account account, String passwordHash) {}

    private final Jdbi reads;

    public AccountStore(Jdbi reads) {
        this.reads = reads;
    }

    Account insert(Tx tx, String username, String skeleton, String passwordHash, Role role) {
        Account account = tx.handle().createQuery("""
                        INSERT INTO accounts (username, username_skeleton, password_hash, role, created_at)
                        VALUES (:username, :skeleton, :hash, :role, :now)
                        RETURNING id, username, role, created_at""")
                .bind("username", username).bind("skeleton", skeleton).bind("hash", passwordHash)
                .bind("role", WireName.of(role)).bind("now", tx.now())
                .map(ACCOUNT).one();
        DirectoryTerms.put(tx.handle(), DirectoryKind.ACCOUNT, account.id(), username);
        return account;
    }

    Jdbi reads() {
        return reads;
    }

    public Optional<Account> findById(long id) {
        return reads.withHandle(h -> findById(h, id));
    }

    public Optional<Account> findById(Handle h, long id) {
        return h.createQuery("SELECT id, username, role, created_at FROM accounts WHERE id = :id")
                .bind("id", id).map(ACCOUNT).findOne();
    }

    public Optional<Account> findByUsername(String username) {
        return reads.withHandle(h -> findByUsername(h, username));
    }

    Optional<Credentials> credentials(String username) {
        return reads.withHandle(h -> h.createQuery(
                        "SELECT id, username, role, created_at, password_hash FROM accounts WHERE username = :u")
                .bind("u", username)
                .map((rs, ctx) -> new Credentials(ACCOUNT.map(rs, ctx), rs.getString("password_hash")))
                .findOne());
    }

    public Optional<AccountProfile> profile(String username) {
        return reads.withHandle(h -> profile(h, username));
    }

    public Optional<AccountProfile> profile(Handle h, String username) {
        return h.createQuery(PROFILE_SELECT + " WHERE username = :u AND deleted_at IS NULL").bind("u", username).map(PROFILE).findOne();
    }

    public Optional<AccountProfile> profile(Handle h, long id) {
        return h.createQuery(PROFILE_SELECT + " WHERE id = :id").bind("id", id).map(PROFILE).findOne();
    }

    private static final String PROFILE_SELECT =
            "SELECT id, username, display_name, bio, avatar_media_id, moved_to, moved_at FROM accounts";

    private static final RowMapper<AccountProfile> PROFILE = (rs, ctx) -> new AccountProfile(rs.getLong("id"),
            rs.getString("username"), rs.getString("display_name"), rs.getString("bio"), rs.getString("avatar_media_id"),
            rs.getString("moved_to"), Rows.nullableInstant(rs, "moved_at"));

    /** Sets the profile's fields: null clears one. */
    public void setProfile(Tx tx, long id, String displayName, String bio, String avatarMediaId) {
        tx.handle().createUpdate("UPDATE accounts SET display_name = :name, bio = :bio, avatar_media_id = :avatar WHERE id = :id")
                .bind("name", displayName).bind("bio", bio).bind("avatar", avatarMediaId).bind("id", id).execute();
        String username = tx.handle().createQuery("SELECT username FROM accounts WHERE id = :id").bind("id", id)
                .mapTo(String.class).one();
        DirectoryTerms.put(tx.handle(), DirectoryKind.ACCOUNT, id, username, displayName);
    }

    /** Where the account went ({@code to} null: nowhere, a move cancelled), shown on its profile. */
    public void setMovedTo(Tx tx, long id, String to) {
        tx.handle().createUpdate("UPDATE accounts SET moved_to = :to, moved_at = :at WHERE id = :id")
                .bind("to", to).bind("at", to == null ? null : tx.now()).bind("id", id).execute();
    }

    public Optional<Account> findByUsername(Handle h, String username) {
        return h.createQuery("SELECT id, username, role, created_at FROM accounts WHERE username = :u AND deleted_at IS NULL")
                .bind("u", username).map(ACCOUNT).findOne();
    }

    boolean setRole(Tx tx, long id, Role role) {
        return tx.handle().createUpdate("UPDATE accounts SET role = :role WHERE id = :id")
                .bind("role", WireName.of(role)).bind("id", id).execute() > 0;
    }

    void setPassword(Tx tx, long id, String hash) {
        tx.handle().createUpdate("UPDATE accounts SET password_hash = :h WHERE id = :id").bind("h", hash).bind("id", id).execute();
    }

    int countWithRole(Role role) {
        return reads.withHandle(h -> h.createQuery("SELECT count(*) FROM accounts WHERE role = :r")
                .bind("r", WireName.of(role)).mapTo(Integer.class).one());
    }

    boolean usernameTaken(Handle h, String username) {
        return h.createQuery("SELECT count(*) FROM accounts WHERE username = :u").bind("u", username)
                .mapTo(Integer.class).one() > 0;
    }

    /** Whether an account's username has this confusable skeleton ({@link org.stoa.engine.text.Skeleton}). */
    boolean skeletonTaken(String skeleton) {
        return reads.withHandle(h -> skeletonTaken(h, skeleton));
    }

    boolean skeletonTaken(Handle h, String skeleton) {
        return h.createQuery("SELECT count(*) FROM accounts WHERE username_skeleton = :s").bind("s", skeleton)
                .mapTo(Integer.class).one() > 0;
    }
}

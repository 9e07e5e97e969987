package org.stoa.server.moves;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.stoa.server.accounts.Account;
import org.stoa.server.accounts.AccountManager;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.accounts.Principal;
import org.stoa.server.config.ServerAddress;
import org.stoa.server.http.ApiException;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.storage.Writer;

/**
 * Aliases: the accounts an account continues. A new account names its old one here before the old
 * one moves to it, which proves the move's target agreed; the aliases are public, so that another
 * Stoa server can check them ({@code GET /.well-known/stoa/aliases/{name}}).
 */
public final class AliasService {

    static final int MAX_ALIASES = 10;

    /** What {@code GET /.well-known/stoa/aliases/{name}} answers: the accounts {@code name} continues. */
    public record Published(String name, List<String> aliases) {}

    private final Jdbi reads;
    private final Writer writer;
    private final AliasStore store;
    private final AccountStore accounts;
    private final Optional<ServerAddress> self;
    private final Limits limits;

    public AliasService(Jdbi reads, Writer writer, AliasStore store, AccountStore accounts, Optional<ServerAddress> self,
                        Limits limits) {
        this.reads = reads;
        this.writer = writer;
        this.store = store;
        this.accounts = accounts;
        this.self = self;
        this.limits = limits;
    }

    /**
     * Names {@code raw} (a username here, or {@code name@host}) as an account {@code me} continues;
     * naming it again changes nothing. Answers every alias of mine.
     */
    public List<AliasView> add(Principal me, String raw) {
        limits.acquire(Limit.ALIAS_CHANGES, me.accountId());
        AccountAddress alias = AccountAddress.parse(raw, self, "invalid_alias");
        if (alias instanceof AccountAddress.Local local) {
            if (local.username().equals(me.username())) {
                throw ApiException.badRequest("cannot_alias_self", "an account cannot be its own alias; name the account you"
                        + " are moving from");
            }
            accounts.findByUsername(local.username()).orElseThrow(() -> ApiException.notFound("account_not_found",
                    "there is no account named '" + local.username() + "' on this server"));
        }
        return writer.execute(tx -> {
            if (!store.names(tx.handle(), me.accountId(), alias.text()) && store.count(tx.handle(), me.accountId()) >= MAX_ALIASES) {
                throw new ApiException(409, "too_many_aliases", "an account names at most " + MAX_ALIASES
                        + " aliases; remove one first", Map.of("max", MAX_ALIASES));
            }
            store.insert(tx, me.accountId(), alias.text());
            return store.of(tx.handle(), me.accountId());
        });
    }

    public List<AliasView> mine(Principal me) {
        return reads.withHandle(h -> store.of(h, me.accountId()));
    }

    public List<AliasView> remove(Principal me, String raw) {
        limits.acquire(Limit.ALIAS_CHANGES, me.accountId());
        AccountAddress alias = AccountAddress.parse(raw, self, "alias_not_found");
        return writer.execute(tx -> {
            if (!store.delete(tx, me.accountId(), alias.text())) {
                throw ApiException.notFound("alias_not_found", "'" + alias.text() + "' is not one of your aliases");
            }
            return store.of(tx.handle(), me.accountId());
        });
    }

    /** The aliases {@code rawName} publishes, for other servers; a 404 for a name no account here has. */
    public Published published(String rawName) {
        String name = AccountManager.canonicalUsername(rawName);
        Account account = (AccountManager.validUsername(name) ? accounts.findByUsername(name) : Optional.<Account>empty())
                .orElseThrow(() -> ApiException.notFound("account_not_found", "there is no account named '" + name + "' here"));
        return new Published(account.username(), reads.withHandle(h -> store.aliases(h, account.id())));
    }
}

package org.stoa.server.accounts;

import io.javalin.http.Context;
import java.util.Optional;
import org.stoa.server.http.ApiException;

/** Finds the principal of a request from {@code Authorization: Bearer <token>}. */
public final class Authenticator {

    private static final String PRINCIPAL = "stoa.principal";

    private final AccountManager accounts;

    public Authenticator(AccountManager accounts) {
        this.accounts = accounts;
    }

    public Principal require(Context ctx) {
        Principal cached = ctx.attribute(PRINCIPAL);
        if (cached != null) return cached;
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiException.unauthorized("log in first: send 'Authorization: Bearer <token>' from POST /api/v1/sessions");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("the Authorization header must be 'Bearer <token>'");
        }
        Principal p = fromToken(header.substring(7).trim())
                .orElseThrow(() -> ApiException.unauthorized("the token is unknown, expired or logged out; log in again"));
        ctx.attribute(PRINCIPAL, p);
        return p;
    }

    /** Whether {@code principal}'s session is still live, asked of the database: for what outlives a request. */
    public boolean isLive(Principal principal) {
        return accounts.isLive(principal);
    }

    public Optional<Principal> fromToken(String token) {
        if (token.isEmpty() || token.length() > 200) return Optional.empty();
        return accounts.authenticate(token);
    }
}

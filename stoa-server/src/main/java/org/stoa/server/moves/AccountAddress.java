package org.stoa.server.moves;

import java.util.Locale;
import java.util.Optional;
import org.stoa.server.accounts.AccountManager;
import org.stoa.server.config.ServerAddress;
import org.stoa.server.http.ApiException;

/**
 * An account's address as people write it: {@code name} on this server, or {@code name@host} (with
 * {@code :port} when it is not 443) on another Stoa server, in lower case. Moves go to one and
 * aliases name one; an address naming this server's own public address is a local one.
 */
sealed interface AccountAddress {

    int MAX_LENGTH = 300;

    /** As stored and compared: {@code name} or {@code name@host[:port]}. */
    String text();

    record Local(String username) implements AccountAddress {
        @Override
        public String text() {
            return username;
        }
    }

    record Remote(String username, ServerAddress server) implements AccountAddress {
        @Override
        public String text() {
            return username + "@" + server;
        }
    }

    /**
     * Reads {@code raw}, given this server's own public address (if it has one); a 400 with
     * {@code code} that says what an address looks like for anything else.
     */
    static AccountAddress parse(String raw, Optional<ServerAddress> self, String code) {
        String text = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        int at = text.indexOf('@');
        String username = at < 0 ? text : text.substring(0, at);
        Optional<ServerAddress> server = at < 0 ? Optional.empty() : ServerAddress.parse(text.substring(at + 1));
        if (text.length() > MAX_LENGTH || !AccountManager.validUsername(username) || (at >= 0 && server.isEmpty())) {
            throw ApiException.badRequest(code, "an account is a username (3 to 32 of a-z, 0-9, '_' and '.') on this server,"
                    + " or name@host, e.g. alice@chat.example.org or alice@chat.example.org:8443, on another Stoa server");
        }
        if (server.isEmpty() || server.equals(self)) return new Local(username);
        return new Remote(username, server.get());
    }
}

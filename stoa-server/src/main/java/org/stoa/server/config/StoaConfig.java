package org.stoa.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The server's settings, validated; see {@link ConfigLoader} for names, defaults and sources. */
public record StoaConfig(
        String host,
        int port,
        Path dataDir,
        Duration sessionTtl,
        RateLimit loginFailuresPerAccount,
        RateLimit loginFailuresPerAddress,
        RateLimit accountsPerAddress,
        RateLimit reportsPerAccount,
        long mediaMaxBytes,
        long mediaMaxPixels,
        int groupMaxMembers,
        Duration shutdownGrace,
        LogFormat logFormat,
        Optional<Path> policyFile,
        boolean ocrEnabled,
        boolean transparencyPublic,
        RateLimit transparencyPerAddress,
        Optional<ServerAddress> publicAddress,
        boolean movesAllowPrivateAddresses,
        RateLimit aliasLookupsPerAccount,
        RateLimit aliasLookupsPerHost,
        RateLimit profileChangesPerAccount,
        RateLimit invitesPerAccount,
        RateLimit sessionChangesPerAccount) {

    /** How the server logs: {@code AUTO} is text for a person at a terminal and JSON lines for a log collector. */
    public enum LogFormat {
        AUTO, JSON, TEXT;

        /** AUTO resolved against where the log goes (standard error). */
        public LogFormat resolve(boolean stderrIsTerminal) {
            if (this != AUTO) return this;
            return stderrIsTerminal ? TEXT : JSON;
        }
    }

    /** At most {@code count} events per {@code window}. */
    public record RateLimit(int count, Duration window) {}

    public Path databaseFile() {
        return dataDir.resolve("stoa.db");
    }

    public Path mediaDir() {
        return dataDir.resolve("media");
    }

    public Path banksDir() {
        return dataDir.resolve("banks");
    }

    /** Accounts' export archives, kept 7 days: readable by the server's user only. */
    public Path exportsDir() {
        return dataDir.resolve("exports");
    }

    /** The server's Ed25519 key (PEM), made on first start: readable by the server's user only. */
    public Path serverKeyFile() {
        return dataDir.resolve("keys").resolve("server-ed25519.pem");
    }
}

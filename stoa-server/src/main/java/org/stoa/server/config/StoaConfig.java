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
        boolean ocrEnabled) {

    public enum LogFormat { JSON, TEXT }

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
}

package org.stoa.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.stoa.server.accounts.ReservedUsernames;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Quota;

/** The server's settings, validated; see {@link ConfigLoader} for names, defaults and sources. */
public record StoaConfig(
        String host,
        int port,
        Path dataDir,
        Duration sessionTtl,
        ReservedUsernames reservedUsernames,
        Duration eventRetention,
        long mediaMaxBytes,
        long mediaMaxFileBytes,
        long mediaMaxPixels,
        int groupMaxMembers,
        int groupMaxPublicMembers,
        Duration shutdownGrace,
        long memoryBytes,
        LogFormat logFormat,
        Optional<Path> policyFile,
        boolean ocrEnabled,
        boolean transparencyPublic,
        Optional<ServerAddress> publicAddress,
        boolean movesAllowPrivateAddresses,
        Map<Limit, Quota> limits,
        Optional<StorageUrl> storageUrl,
        Optional<Path> mediaDirSetting,
        Optional<Path> exportsDirSetting,
        Optional<BusUrl> clusterBus) {

    public StoaConfig {
        limits = Map.copyOf(limits);
    }

    /** How the server logs: {@code AUTO} is text for a person at a terminal and JSON lines for a log collector. */
    public enum LogFormat {
        AUTO, JSON, TEXT;

        /** AUTO resolved against where the log goes (standard error). */
        public LogFormat resolve(boolean stderrIsTerminal) {
            if (this != AUTO) return this;
            return stderrIsTerminal ? TEXT : JSON;
        }
    }

    /** The SQLite database, used when no {@code storage.url} names a PostgreSQL one. */
    public Path databaseFile() {
        return dataDir.resolve("stoa.db");
    }

    /** Where media bytes are kept: {@code media.dir}, a folder every node shares, or {@code data.dir/media}. */
    public Path mediaDir() {
        return mediaDirSetting.orElse(dataDir.resolve("media"));
    }

    public Path banksDir() {
        return dataDir.resolve("banks");
    }

    /** Accounts' export archives, kept 7 days, readable by the server's user only: {@code exports.dir}, shared by every node, or {@code data.dir/exports}. */
    public Path exportsDir() {
        return exportsDirSetting.orElse(dataDir.resolve("exports"));
    }

    /** The server's Ed25519 key (PEM), made on first start: readable by the server's user only. */
    public Path serverKeyFile() {
        return dataDir.resolve("keys").resolve("server-ed25519.pem");
    }
}

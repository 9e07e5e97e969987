package org.stoa.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.Callable;
import org.stoa.server.accounts.Account;
import org.stoa.server.accounts.AccountManager;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.accounts.PasswordHasher;
import org.stoa.server.accounts.Role;
import org.stoa.server.config.ConfigException;
import org.stoa.server.config.ConfigLoader;
import org.stoa.server.config.StoaConfig;
import org.stoa.server.enforcement.AuditChain;
import org.stoa.server.http.ApiException;
import org.stoa.server.limits.CpuPool;
import org.stoa.server.limits.Limits;
import org.stoa.server.cluster.ClusterParts;
import org.stoa.server.storage.SharedCaches;
import org.stoa.server.config.StorageUrl;
import org.stoa.server.storage.Database;
import org.stoa.server.storage.DatabaseCopy;
import org.stoa.server.storage.Writer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "admin", mixinStandardHelpOptions = true, description = "Administer the server's data.",
        subcommands = {AdminCommand.CreateUser.class, AdminCommand.VerifyAudit.class, AdminCommand.Migrate.class})
final class AdminCommand {

    /** The settings from {@code configFile} (default ./stoa.yaml if it exists) and the environment; null after saying why not. */
    private static StoaConfig config(Path configFile, PrintWriter err) {
        try {
            return ConfigLoader.load(configFile != null ? configFile : Path.of("stoa.yaml"), configFile != null, System.getenv());
        } catch (ConfigException e) {
            err.println("stoa: " + e.getMessage());
            return null;
        }
    }

    @Command(name = "create-user", mixinStandardHelpOptions = true,
            description = "Create an account (or change an existing one's role), e.g. the first admin. Works while the server runs.")
    static final class CreateUser implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "the username")
        String name;

        @Option(names = "--role", defaultValue = "user", description = "user, moderator or admin (default: ${DEFAULT-VALUE})")
        String role;

        @Option(names = "--password-stdin", description = "read the password from standard input instead of generating one")
        boolean passwordStdin;

        @Option(names = "--config", paramLabel = "FILE", description = "settings file (default: ./stoa.yaml if it exists)")
        Path configFile;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Role r;
            try {
                r = Role.valueOf(role.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                err.println("stoa: --role is user, moderator or admin, not '" + role + "'");
                return 2;
            }
            StoaConfig config = config(configFile, err);
            if (config == null) return 2;
            String password = passwordStdin ? readPassword() : generatePassword();
            Clock clock = Clock.systemUTC();
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            try (Database db = Database.open(config);
                 Writer writer = new Writer(db, clock, metrics);
                 CpuPool hashing = CpuPool.start("passwords", 1, 1, metrics);
                 ClusterParts node = ClusterParts.of(config, clock)) { // a role change reaches every running node
                AccountStore store = new AccountStore(db.reads());
                AccountManager accounts = new AccountManager(store, writer, new PasswordHasher(), clock, config.sessionTtl(),
                        new Limits(node.limitStore(), config.limits(), metrics), hashing, config.reservedUsernames(),
                        new SharedCaches(node.bus()));
                var existing = store.findByUsername(AccountManager.canonicalUsername(name));
                if (existing.isPresent()) {
                    Account a = accounts.setRole(existing.get().id(), r);
                    out.println("account '" + a.username() + "' (id " + a.id() + ") now has the role " + role);
                    return 0;
                }
                Account a = accounts.create(name, password, r);
                out.println("created '" + a.username() + "' (id " + a.id() + ") with the role " + role.toLowerCase(Locale.ROOT));
                if (!passwordStdin) out.println("password (shown once, change it after logging in): " + password);
                return 0;
            } catch (ApiException e) {
                err.println("stoa: " + e.getMessage());
                return 1;
            }
        }

        private static String readPassword() throws IOException {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        }

        private static String generatePassword() {
            String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
            SecureRandom random = new SecureRandom();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 20; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            return sb.toString();
        }
    }

    @Command(name = "verify-audit", mixinStandardHelpOptions = true,
            description = {"Walk the audit log's hash chain and name the first entry that does not fit (changed, removed"
                    + " or added after the fact). Exit code 0: intact; 1: broken. Works while the server runs.",
                    "The newest entry's hash it prints is worth keeping elsewhere: removing the newest entries leaves a"
                            + " shorter chain that still fits, and only that hash shows it."})
    static final class VerifyAudit implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", description = "settings file (default: ./stoa.yaml if it exists)")
        Path configFile;

        @Override
        public Integer call() throws SQLException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            StoaConfig config = config(configFile, err);
            if (config == null) return 2;
            if (config.storageUrl().isEmpty() && !Files.isRegularFile(config.databaseFile())) {
                err.println("stoa: there is no database at " + config.databaseFile().toAbsolutePath()
                        + "; run this in the server's folder or pass --config");
                return 2;
            }
            AuditChain.Verification result;
            try (Database db = Database.open(config)) {
                result = db.reads().withHandle(h -> AuditChain.verify(h.getConnection()));
            }
            return switch (result) {
                case AuditChain.Intact ok -> {
                    out.println(ok.entries() == 0 ? "audit log intact: no entries yet"
                            : "audit log intact: " + ok.entries() + " entries; the newest is entry " + ok.lastId()
                                    + " with hash " + ok.lastHash());
                    yield 0;
                }
                case AuditChain.Broken broken -> {
                    out.println("audit log broken at entry " + broken.id() + " (" + broken.action() + " at " + broken.at()
                            + "): " + broken.problem().describe());
                    yield 1;
                }
            };
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {"Copy this deployment's SQLite database (in data.dir) into an empty PostgreSQL database, "
                    + "every table with its ids, and check that every table's row count matches; then set storage.url "
                    + "to it. Stop the server first: what it writes during the copy is not copied.",
                    "Media files and hash banks stay in data.dir."})
    static final class Migrate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--to", required = true, paramLabel = "URL",
                description = "the PostgreSQL database, postgresql://user:password@host:port/db")
        String to;

        @Option(names = "--config", paramLabel = "FILE", description = "settings file (default: ./stoa.yaml if it exists)")
        Path configFile;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            StoaConfig config = config(configFile, err);
            if (config == null) return 2;
            StorageUrl target;
            try {
                target = StorageUrl.parse(to);
            } catch (IllegalArgumentException e) {
                err.println("stoa: --to: " + e.getMessage());
                return 2;
            }
            if (config.storageUrl().isPresent()) {
                err.println("stoa: this deployment already uses PostgreSQL (storage.url " + config.storageUrl().get()
                        + "); migrate copies the SQLite database in data.dir, so run it without storage.url");
                return 2;
            }
            try {
                long total = 0;
                for (DatabaseCopy.TableCount t : DatabaseCopy.sqliteToPostgres(config.databaseFile(), target)) {
                    out.printf("%-22s %d rows%n", t.table(), t.rows());
                    total += t.rows();
                }
                out.println("copied " + total + " rows from " + config.databaseFile() + " to " + target
                        + ", every table's count checked; start the server with storage.url set to it");
                return 0;
            } catch (DatabaseCopy.CopyException | IllegalStateException e) {
                err.println("stoa: " + e.getMessage());
                return 1;
            }
        }
    }
}

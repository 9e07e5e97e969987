package org.stoa.server.moderation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.engine.bank.HashBanks;
import org.stoa.engine.policy.CompiledPolicy;
import org.stoa.engine.policy.Policy;
import org.stoa.engine.policy.PolicyException;
import org.stoa.engine.policy.PolicyParser;
import org.stoa.engine.policy.PolicyReview;
import org.stoa.engine.policy.Rule;

/**
 * The running policy: loaded at start-up (the operator's file, or the bundled sample), reloaded
 * when the file changes or an admin asks. A file that does not parse is refused with its line and
 * the running policy stays; a good one is compiled off the hot path and swapped in whole.
 */
public final class PolicyManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PolicyManager.class);
    static final String SAMPLE = "/policy/sample-policy.yaml";

    private final Path file;
    private final PolicyReview review;
    private final Thread watcher;
    private volatile FileTime seen;
    private volatile Consumer<Policy> installed = p -> { };

    private PolicyManager(Path file, CompiledPolicy initial, HashBanks banks) {
        this.file = file;
        this.review = new PolicyReview(initial, banks);
        this.seen = modified(file);
        this.watcher = file == null ? null : Thread.ofVirtual().name("policy-watcher").start(this::watch);
    }

    /** Loads {@code file}, or the bundled sample policy when {@code file} is null. */
    public static PolicyManager start(Path file, HashBanks banks) throws PolicyException {
        Policy policy = file == null ? PolicyParser.parse(sample(), null) : PolicyParser.parse(file);
        log.info("policy {} loaded from {} ({} rules)", policy.version(), file == null ? "the bundled sample" : file,
                policy.rules().size());
        return new PolicyManager(file, CompiledPolicy.compile(policy), banks);
    }

    /** Tells {@code listener} the policy in force now, and each one installed from now on. */
    public void whenInstalled(Consumer<Policy> listener) {
        installed = listener;
        listener.accept(policy());
    }

    public PolicyReview review() {
        return review;
    }

    public Policy policy() {
        return review.current().policy();
    }

    /** The rule with {@code id} in the policy in force, if it has one. */
    public Optional<Rule> rule(String id) {
        return policy().rules().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Reloads the file now; on error the running policy stays and the exception says why. */
    public synchronized Policy reload() throws PolicyException {
        if (file == null) return policy();
        FileTime stamp = modified(file);
        Policy next = PolicyParser.parse(file);
        review.install(CompiledPolicy.compile(next));
        seen = stamp;
        installed.accept(next);
        log.info("policy {} installed ({} rules)", next.version(), next.rules().size());
        return next;
    }

    private void watch() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            FileTime now = modified(file);
            if (now == null || Objects.equals(now, seen)) continue;
            try {
                reload();
            } catch (PolicyException e) {
                seen = now; // report a bad file once, not every second
                log.error("policy file {} rejected, keeping policy {}: {}", file, policy().version(), e.getMessage());
            }
        }
    }

    private static FileTime modified(Path file) {
        try {
            return file == null ? null : Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    static String sample() {
        try (InputStream in = PolicyManager.class.getResourceAsStream(SAMPLE)) {
            return new String(Objects.requireNonNull(in, "sample policy missing from the jar").readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (watcher != null) watcher.interrupt();
    }
}

package org.stoa.engine.bank;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.stoa.engine.image.ImageHashes;

/**
 * The named banks of a Stoa instance, persisted in one directory: per bank a snapshot
 * {@code <name>.bank} (the text export format) and an append log {@code <name>.log} of changes
 * since. Every change is written to the log and forced to disk before it is applied, and is
 * visible to the next lookup; opening replays the log and writes a fresh snapshot. Thread-safe.
 */
public final class HashBanks implements Closeable {

    public static final int DEFAULT_RADIUS = 31;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Path dir;
    private final int radius;
    private final Map<String, HashBank> banks = new ConcurrentHashMap<>();
    private final Map<String, FileChannel> logs = new ConcurrentHashMap<>();

    private HashBanks(Path dir, int radius) {
        if (radius < 0 || radius > PdqIndex.MAX_RADIUS) {
            throw new IllegalArgumentException("the match radius must be 0.." + PdqIndex.MAX_RADIUS);
        }
        this.dir = dir;
        this.radius = radius;
    }

    /** Opens (creating if needed) the banks persisted in {@code dir}, matching PDQ within {@code radius}. */
    public static HashBanks open(Path dir, int radius) throws IOException {
        Files.createDirectories(dir);
        HashBanks b = new HashBanks(dir, radius);
        TreeSet<String> names = new TreeSet<>();
        try (var files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".bank") || f.endsWith(".log"))
                    .map(f -> f.substring(0, f.lastIndexOf('.')))
                    .filter(n -> NAME.matcher(n).matches())
                    .forEach(names::add);
        }
        for (String name : names) b.load(name);
        return b;
    }

    public List<String> names() {
        return List.copyOf(new TreeSet<>(banks.keySet()));
    }

    public Optional<HashBank> bank(String name) {
        return Optional.ofNullable(banks.get(name));
    }

    /** The best match across every bank (exact hashes first, then the smallest distance). */
    public Optional<BankMatch> lookup(ImageHashes image) {
        BankMatch best = null;
        for (HashBank bank : banks.values()) {
            BankMatch m = bank.lookup(image, radius).orElse(null);
            if (m != null && (best == null || m.betterThan(best))) best = m;
        }
        return Optional.ofNullable(best);
    }

    /** Adds an entry to a bank, creating the bank; false when it was already there. */
    public boolean add(String bankName, BankEntry entry) throws IOException {
        return addAll(bankName, List.of(entry)) == 1;
    }

    public boolean remove(String bankName, HashType type, String hex) throws IOException {
        HashBank bank = banks.get(bankName);
        if (bank == null) return false;
        String line = "- " + new BankEntry(type, hex, "").toLine() + "\n";
        synchronized (bank) {
            append(bankName, line);
            return bank.remove(type, hex);
        }
    }

    /** Adds every entry of a text bank file; returns how many were new. */
    public int importEntries(String bankName, BufferedReader in) throws IOException {
        return addAll(bankName, BankFile.read(in));
    }

    /**
     * Adds entries in one log write, creating the bank; returns how many were new. To bank an
     * image a moderator flagged: {@code addAll(bank, BankEntry.allOf(hashes, label))}.
     */
    public int addAll(String bankName, List<BankEntry> entries) throws IOException {
        HashBank bank = bankFor(bankName);
        int added = 0;
        synchronized (bank) {
            StringBuilder lines = new StringBuilder();
            for (BankEntry e : entries) lines.append("+ ").append(e.toLine()).append('\n');
            append(bankName, lines.toString());
            for (BankEntry e : entries) if (bank.add(e)) added++;
        }
        return added;
    }

    /** Writes every bank's snapshot and empties its log. */
    public void checkpoint() throws IOException {
        for (String name : names()) checkpoint(name);
    }

    @Override
    public void close() throws IOException {
        for (FileChannel c : logs.values()) c.close();
        logs.clear();
    }

    private HashBank bankFor(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a bank name is letters, digits, '.', '_' or '-' (at most 64), got '" + name + "'");
        }
        return banks.computeIfAbsent(name, HashBank::new);
    }

    private void load(String name) throws IOException {
        HashBank bank = bankFor(name);
        Path snapshot = dir.resolve(name + ".bank");
        if (Files.exists(snapshot)) {
            try (BufferedReader in = Files.newBufferedReader(snapshot)) {
                bank.load(() -> in.lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(BankEntry::parse).iterator());
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new IOException("cannot load the snapshot " + snapshot + ": " + e.getMessage(), e);
            }
        }
        Path log = dir.resolve(name + ".log");
        if (Files.exists(log)) {
            try (BufferedReader in = Files.newBufferedReader(log)) {
                String line;
                while ((line = in.readLine()) != null) {
                    replay(bank, line);
                }
            }
        }
        checkpoint(name);
    }

    /** A log line; a torn last line (a crash mid-write) is skipped, as its change was never acknowledged. */
    private static void replay(HashBank bank, String line) {
        if (line.length() < 3) return;
        try {
            BankEntry e = BankEntry.parse(line.substring(2));
            if (line.startsWith("+ ")) bank.add(e);
            else if (line.startsWith("- ")) bank.remove(e.type(), e.hex());
        } catch (IllegalArgumentException torn) {
            // nothing to apply
        }
    }

    private void checkpoint(String name) throws IOException {
        HashBank bank = banks.get(name);
        synchronized (bank) {
            Path snapshot = dir.resolve(name + ".bank");
            Path tmp = dir.resolve(name + ".bank.tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 BufferedWriter w = new BufferedWriter(Channels.newWriter(ch, StandardCharsets.UTF_8))) {
                w.write("# stoa hash bank " + name + "\n");
                BankFile.write(w, bank.entries());
                w.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, snapshot, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, snapshot, StandardCopyOption.REPLACE_EXISTING);
            }
            channel(name).truncate(0);
        }
    }

    private void append(String bankName, String text) throws IOException {
        FileChannel ch = channel(bankName);
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) ch.write(buf);
        ch.force(false);
    }

    private FileChannel channel(String bankName) {
        return logs.computeIfAbsent(bankName, n -> {
            try {
                return FileChannel.open(dir.resolve(n + ".log"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

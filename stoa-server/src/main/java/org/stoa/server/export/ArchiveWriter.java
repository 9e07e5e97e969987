package org.stoa.server.export;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.stoa.server.accounts.AccountRef;
import org.stoa.server.http.Json;

/**
 * Writes an archive to a file as a stream: nothing of an entry stays in memory once written. Each
 * entry's size and SHA-256 are taken as its bytes go by; text is deflated, images are stored as
 * they are (they are compressed already). {@link #finish} adds the signed {@code manifest.json}
 * and seals the file.
 */
final class ArchiveWriter implements AutoCloseable {

    private static final int BUFFER = 1 << 16;

    private final Path file;
    private final ZipOutputStream zip;
    private final long entryTime;
    private final List<Manifest.FileEntry> entries = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private boolean entryOpen;
    private boolean finished;

    private ArchiveWriter(Path file, ZipOutputStream zip, Instant createdAt) {
        this.file = file;
        this.zip = zip;
        this.entryTime = createdAt.toEpochMilli();
    }

    static ArchiveWriter create(Path file, Instant createdAt) throws IOException {
        return new ArchiveWriter(file, new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER)), createdAt);
    }

    /** A deflated entry, written through the stream answered; closing that stream ends the entry. */
    OutputStream text(String path) throws IOException {
        ZipEntry e = entry(path);
        e.setMethod(ZipEntry.DEFLATED);
        zip.putNextEntry(e);
        entryOpen = true;
        return new EntryStream(path);
    }

    /** A JSON file, pretty-printed for people who open it. */
    void json(String path, Object value) throws IOException {
        try (OutputStream out = text(path)) {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, value);
        }
    }

    /** A text file copied in from {@code source}, deflated. */
    void text(String path, Path source) throws IOException {
        try (OutputStream out = text(path)) {
            Files.copy(source, out);
        }
    }

    /**
     * {@code source} stored as it is: read once for its CRC (a stored entry names it before its
     * bytes), then copied in.
     */
    void stored(String path, Path source) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buf = new byte[BUFFER];
        long size = 0;
        try (InputStream in = Files.newInputStream(source)) {
            for (int n; (n = in.read(buf)) > 0; size += n) crc.update(buf, 0, n);
        }
        ZipEntry e = entry(path);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        entryOpen = true;
        try (InputStream in = Files.newInputStream(source); OutputStream out = new EntryStream(path)) {
            in.transferTo(out);
        }
    }

    /**
     * Writes {@code manifest.json} (every entry so far, signed by {@code key}), finishes the zip
     * and seals it. Answers the archive's size and SHA-256.
     */
    Seal.Sealed finish(AccountRef account, Instant createdAt, ServerKey key) throws IOException {
        Manifest manifest = Manifest.signed(account, createdAt, entries, key);
        ZipEntry e = entry(Manifest.FILE);
        e.setMethod(ZipEntry.DEFLATED);
        zip.putNextEntry(e);
        Json.MAPPER.writerWithDefaultPrettyPrinter().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(zip, manifest);
        zip.closeEntry();
        zip.setComment(Seal.placeholder());
        zip.close();
        finished = true;
        return Seal.apply(file, key);
    }

    private ZipEntry entry(String path) {
        if (entryOpen) throw new IllegalStateException("close the entry before " + path);
        if (!names.add(path)) throw new IllegalArgumentException("two entries named " + path);
        ZipEntry e = new ZipEntry(path);
        e.setTime(entryTime);
        return e;
    }

    /** Closes the zip if {@link #finish} did not (the archive is then incomplete and thrown away). */
    @Override
    public void close() throws IOException {
        if (!finished) zip.close();
    }

    /** One entry's bytes on their way into the zip, hashed and counted; closing ends the entry and records it. */
    private final class EntryStream extends FilterOutputStream {

        private final String path;
        private final MessageDigest digest;
        private long size;
        private boolean closed;

        EntryStream(String path) {
            super(zip);
            this.path = path;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            zip.write(b);
            digest.update((byte) b);
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            zip.write(b, off, len);
            digest.update(b, off, len);
            size += len;
        }

        @Override
        public void flush() {
            // the zip flushes as it fills its buffer; an entry never forces a write
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            zip.closeEntry();
            entryOpen = false;
            entries.add(new Manifest.FileEntry(path, size, HexFormat.of().formatHex(digest.digest())));
        }
    }
}

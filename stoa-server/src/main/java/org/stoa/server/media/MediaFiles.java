package org.stoa.server.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Image bytes on disk, content-addressed: {@code ab/cd/abcd...} by SHA-256, so the same image
 * uploaded twice is stored once. Files are written to a temporary name, synced, then moved into
 * place, so a crash never leaves a half-written image under a real name.
 */
public final class MediaFiles {

    private final Path root;

    public MediaFiles(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the media folder " + root, e);
        }
    }

    public Path path(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    void store(String sha256, byte[] bytes) throws IOException {
        Path target = path(sha256);
        if (Files.exists(target)) return;
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(root.resolve("tmp"), sha256.substring(0, 8), ".part");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

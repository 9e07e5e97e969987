package org.stoa.server.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The archive's seal: the zip file's comment, the last bytes of the file, holds an Ed25519
 * signature over the SHA-256 of every byte before it. The manifest signs each file's content; the
 * seal signs the zip around them too (names, times, headers, compressed bytes), so that not one
 * byte of the archive can change unnoticed.
 */
final class Seal {

    static final String PREFIX = "stoa-export/1 seal Ed25519 ";
    /** The comment's length: the prefix and 64 signature bytes in lower-case hex. */
    static final int LENGTH = PREFIX.length() + 128;
    private static final Pattern COMMENT = Pattern.compile(Pattern.quote(PREFIX) + "[0-9a-f]{128}");
    private static final int END_RECORD = 22; // the end of central directory record, before its comment
    private static final int END_SIGNATURE = 0x06054b50;

    private Seal() {}

    /** What the zip is written with, for {@link #apply} to replace in place: same length, so nothing before it moves. */
    static String placeholder() {
        return PREFIX + "0".repeat(128);
    }

    /** The archive as sealed: its size and the SHA-256 of the whole file. */
    record Sealed(long size, String sha256) {}

    /** Signs a finished zip (written with the {@link #placeholder}) in place. */
    static Sealed apply(Path file, ServerKey key) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long signed = ch.size() - LENGTH;
            MessageDigest digest = hashBefore(ch, signed);
            MessageDigest whole = clone(digest);
            byte[] comment = (PREFIX + HexFormat.of().formatHex(key.sign(message(digest.digest())))).getBytes(StandardCharsets.US_ASCII);
            ch.write(ByteBuffer.wrap(comment), signed);
            ch.force(true);
            whole.update(comment);
            return new Sealed(ch.size(), HexFormat.of().formatHex(whole.digest()));
        }
    }

    /** Empty if {@code key} sealed the archive as it is; otherwise why not. */
    static Optional<String> check(Path file, Ed25519PublicKey key) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < END_RECORD + LENGTH) return Optional.of("the file is too short to be a sealed archive");
            ByteBuffer tail = ByteBuffer.allocate(END_RECORD + LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            while (tail.hasRemaining()) {
                if (ch.read(tail, size - tail.capacity() + tail.position()) < 0) throw new IOException("the archive ended early");
            }
            tail.flip();
            String comment = new String(tail.array(), END_RECORD, LENGTH, StandardCharsets.ISO_8859_1);
            if (tail.getInt(0) != END_SIGNATURE || (tail.getShort(END_RECORD - 2) & 0xffff) != LENGTH
                    || !COMMENT.matcher(comment).matches()) {
                return Optional.of("the archive has no seal at its end (was it changed, or made by something else?)");
            }
            MessageDigest digest = hashBefore(ch, size - LENGTH);
            byte[] signature = HexFormat.of().parseHex(comment.substring(PREFIX.length()));
            return key.verifies(message(digest.digest()), signature) ? Optional.empty()
                    : Optional.of("the seal does not match the archive: some byte of the file was changed");
        }
    }

    /** What the seal signs: a statement of the hash, so that it can never pass for another kind of signature. */
    private static byte[] message(byte[] sha256) {
        return ("stoa-export/1 archive sha256 " + HexFormat.of().formatHex(sha256)).getBytes(StandardCharsets.US_ASCII);
    }

    /** SHA-256 of the file's bytes before {@code end}. */
    private static MessageDigest hashBefore(FileChannel ch, long end) throws IOException {
        MessageDigest digest = sha256();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        for (long pos = 0; pos < end; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
            int n = ch.read(buf, pos);
            if (n < 0) throw new IOException("the archive ended early");
            digest.update(buf.flip());
            pos += n;
        }
        return digest;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest clone(MessageDigest d) {
        try {
            return (MessageDigest) d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}

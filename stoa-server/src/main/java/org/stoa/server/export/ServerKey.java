package org.stoa.server.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's Ed25519 key, which signs data exports. Made on first start and kept in the data
 * folder as PEM (the private key as PKCS #8, which {@code openssl pkey} reads, then the public key),
 * in a file only the server's user may read: created that way, and tightened with a warning if
 * someone loosened it.
 */
public final class ServerKey {

    private static final Logger log = LoggerFactory.getLogger(ServerKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final PrivateKey privateKey;
    private final Ed25519PublicKey publicKey;

    private ServerKey(PrivateKey privateKey, Ed25519PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The key in {@code file}, made there first if there is none. */
    public static ServerKey loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) create(file);
        return load(file);
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the server's Ed25519 key", e);
        }
    }

    private static void create(Path file) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no Ed25519", e);
        }
        String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
        Path dir = file.toAbsolutePath().getParent();
        Path existing = dir;
        while (!Files.exists(existing)) existing = existing.getParent();
        boolean posix = Files.getFileStore(existing).supportsFileAttributeView("posix");
        if (posix) Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        else Files.createDirectories(dir);
        FileAttribute<?>[] ownerOnly = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, ".server-key", ".part", ownerOnly);
        try {
            Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.createLink(file, tmp); // atomic, and never replaces: a key another process made meanwhile wins
            log.info("made the server's Ed25519 key in {}", file);
        } catch (FileAlreadyExistsException e) {
            // another process made it first; use theirs
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static ServerKey load(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(perms)) {
                log.warn("{} was readable by others ({}); made it readable by its owner only", file,
                        PosixFilePermissions.toString(perms));
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] privateDer = null;
        byte[] publicDer = null;
        for (Matcher m = PEM.matcher(text); m.find(); ) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            if (m.group(1).equals("PRIVATE KEY")) privateDer = der;
            if (m.group(1).equals("PUBLIC KEY")) publicDer = der;
        }
        if (privateDer == null || publicDer == null) {
            throw new IOException(file + " is not the server's key (a PEM PRIVATE KEY and PUBLIC KEY)");
        }
        try {
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            ServerKey key = new ServerKey(keys.generatePrivate(new PKCS8EncodedKeySpec(privateDer)),
                    Ed25519PublicKey.of(keys.generatePublic(new X509EncodedKeySpec(publicDer))));
            byte[] probe = "stoa key pair check".getBytes(StandardCharsets.US_ASCII);
            if (!key.publicKey.verifies(probe, key.sign(probe))) throw new IOException(file + ": the public key is not the private key's");
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " does not hold an Ed25519 key: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}

package org.stoa.server.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.AccountRef;
import org.stoa.server.support.Images;

/** An archive verifies as written, and no single changed byte anywhere in the file gets past the check. */
class ArchiveVerifierTest {

    @TempDir
    Path dir;
    ServerKey key;
    Path archive;

    @BeforeEach
    void write() throws IOException {
        key = ServerKey.loadOrCreate(dir.resolve("keys/key.pem"));
        Path image = dir.resolve("image.png");
        Files.write(image, Images.encode("png", 24, 16));
        archive = dir.resolve("archive.zip");
        try (ArchiveWriter zip = ArchiveWriter.create(archive, Instant.parse("2026-11-21T10:00:00Z"))) {
            zip.json("account.json", Map.of("username", "zoë", "id", 7));
            try (OutputStream out = zip.text("conversations/3.jsonl")) {
                out.write("{\"text\":\"hello\"}\n{\"text\":\"second\"}\n".getBytes(StandardCharsets.UTF_8));
            }
            zip.stored("media/" + Images.sha256(Files.readAllBytes(image)) + ".png", image);
            zip.finish(new AccountRef(7, "zoë"), Instant.parse("2026-11-21T10:00:00Z"), key);
        }
    }

    @Test
    void theArchiveVerifiesWithTheKeyThatMadeItAndOnlyWithThatKeyWhenKeysAreGiven() throws Exception {
        ArchiveVerifier.Verified v = ArchiveVerifier.verify(archive, Optional.empty());
        assertThat(v.username()).isEqualTo("zoë");
        assertThat(v.files()).isEqualTo(3);
        assertThat(v.key()).isEqualTo(key.publicKey());
        assertThat(ArchiveVerifier.verify(archive, Optional.of(List.of(key.publicKey()))).files()).isEqualTo(3);
        Ed25519PublicKey another = ServerKey.loadOrCreate(dir.resolve("other.pem")).publicKey();
        assertThatThrownBy(() -> ArchiveVerifier.verify(archive, Optional.of(List.of(another))))
                .isInstanceOf(ArchiveVerifier.Failure.class).hasMessageContaining("not among the trusted keys");
    }

    @Test
    void everySingleChangedByteFailsVerification() throws Exception {
        byte[] original = Files.readAllBytes(archive);
        Path changed = dir.resolve("changed.zip");
        List<Integer> passed = new ArrayList<>();
        for (int i = 0; i < original.length; i++) {
            byte[] copy = original.clone();
            copy[i] ^= 0x01; // the smallest change there is
            Files.write(changed, copy);
            try {
                ArchiveVerifier.verify(changed, Optional.empty());
                passed.add(i);
            } catch (ArchiveVerifier.Failure expected) {
                // what every change must lead to
            }
        }
        assertThat(passed).as("offsets whose change went unnoticed, of " + original.length).isEmpty();
    }

    @Test
    void bytesAddedOrCutAtTheEndFail() throws Exception {
        byte[] original = Files.readAllBytes(archive);
        Path changed = dir.resolve("changed.zip");
        Files.write(changed, java.util.Arrays.copyOf(original, original.length + 1));
        assertThatThrownBy(() -> ArchiveVerifier.verify(changed, Optional.empty())).isInstanceOf(ArchiveVerifier.Failure.class);
        Files.write(changed, java.util.Arrays.copyOf(original, original.length - 1));
        assertThatThrownBy(() -> ArchiveVerifier.verify(changed, Optional.empty())).isInstanceOf(ArchiveVerifier.Failure.class);
        Files.write(changed, "not a zip at all".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ArchiveVerifier.verify(changed, Optional.empty())).isInstanceOf(ArchiveVerifier.Failure.class);
    }

    @Test
    void aManifestHoldingWhatNoSignedOneCanIsAFailureNotACrash() throws Exception {
        Path changed = dir.resolve("fraction.zip");
        try (var in = new java.util.zip.ZipFile(archive.toFile());
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(changed))) {
            for (var e : java.util.Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(Manifest.FILE)) {
                    String manifest = new String(bytes, StandardCharsets.UTF_8);
                    assertThat(manifest).contains("\"id\" : 7,");
                    bytes = manifest.replaceFirst("\"id\" : 7,", "\"id\" : 7.5,").getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        assertThatThrownBy(() -> ArchiveVerifier.verify(changed, Optional.empty()))
                .isInstanceOf(ArchiveVerifier.Failure.class).hasMessageContaining("the manifest was changed");
    }
}

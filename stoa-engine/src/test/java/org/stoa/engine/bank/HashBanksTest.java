package org.stoa.engine.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.engine.image.Dihedral;
import org.stoa.engine.image.ImageHashes;
import org.stoa.engine.image.PdqHash;
import org.stoa.engine.image.PdqResult;
import org.stoa.engine.image.PerceptualHashes;

class HashBanksTest {

    private static final String SHA = "a".repeat(64);
    private static final String MD5 = "b".repeat(32);

    @TempDir
    Path dir;

    @Test
    void anAddedHashBlocksTheNextLookupAndSurvivesARestart() throws IOException {
        Random rnd = new Random(1);
        PdqHash banked = PdqIndexTest.random(rnd);
        ImageHashes nearCopy = image("c".repeat(64), PdqIndexTest.flip(banked, 20, rnd), 90);
        try (HashBanks banks = HashBanks.open(dir, 31)) {
            assertThat(banks.lookup(nearCopy)).isEmpty();
            assertThat(banks.add("scam", new BankEntry(HashType.PDQ, banked.toHex(), "case 17"))).isTrue();
            assertThat(banks.lookup(nearCopy)).hasValueSatisfying(m -> {
                assertThat(m.bank()).isEqualTo("scam");
                assertThat(m.label()).isEqualTo("case 17");
                assertThat(m.signal()).isEqualTo(HashType.PDQ);
                assertThat(m.distance()).isEqualTo(20);
                assertThat(m.variant()).isEqualTo("original");
            });
            assertThat(banks.add("scam", new BankEntry(HashType.SHA256, SHA, "exact"))).isTrue();
        }
        try (HashBanks reopened = HashBanks.open(dir, 31)) {
            assertThat(reopened.lookup(nearCopy)).map(BankMatch::label).contains("case 17");
            assertThat(reopened.lookup(image(SHA, PdqIndexTest.random(rnd), 90)))
                    .map(BankMatch::signal).contains(HashType.SHA256);
            assertThat(reopened.remove("scam", HashType.PDQ, banked.toHex())).isTrue();
            assertThat(reopened.lookup(nearCopy)).isEmpty();
        }
        try (HashBanks again = HashBanks.open(dir, 31)) {
            assertThat(again.lookup(nearCopy)).isEmpty();
            assertThat(again.bank("scam").orElseThrow().size()).isEqualTo(1);
        }
    }

    @Test
    void aLogWrittenAfterTheSnapshotIsReplayedAndATornLastLineIgnored() throws IOException {
        PdqHash h = PdqIndexTest.random(new Random(2));
        Files.writeString(dir.resolve("list.bank"), "# snapshot\nmd5 " + MD5 + " old\n");
        Files.writeString(dir.resolve("list.log"), "+ pdq " + h.toHex() + " from log\n- md5 " + MD5 + "\n+ pdq 12ab");
        try (HashBanks banks = HashBanks.open(dir, 31)) {
            HashBank bank = banks.bank("list").orElseThrow();
            assertThat(bank.entries()).containsExactly(new BankEntry(HashType.PDQ, h.toHex(), "from log"));
        }
        assertThat(Files.size(dir.resolve("list.log"))).isZero();
    }

    @Test
    void aCheckpointMovesTheLogIntoTheSnapshot() throws IOException {
        try (HashBanks banks = HashBanks.open(dir, 31)) {
            banks.add("b", new BankEntry(HashType.MD5, MD5, "m"));
            assertThat(Files.readString(dir.resolve("b.log"))).isEqualTo("+ md5 " + MD5 + " m\n");
            banks.checkpoint();
            assertThat(Files.size(dir.resolve("b.log"))).isZero();
            assertThat(Files.readAllLines(dir.resolve("b.bank"))).contains("md5 " + MD5 + " m");
        }
    }

    @Test
    void importAndExportUseTheTextFormat() throws IOException {
        PdqHash h = PdqIndexTest.random(new Random(3));
        String text = "# a shared list\n\nsha256 " + SHA.toUpperCase() + " banner 1\npdq " + h.toHex() + "\nmd5 " + MD5 + " x\n";
        try (HashBanks banks = HashBanks.open(dir, 31)) {
            assertThat(banks.importEntries("shared", new BufferedReader(new StringReader(text + text)))).isEqualTo(3);
            StringWriter out = new StringWriter();
            BankFile.write(out, banks.bank("shared").orElseThrow().entries());
            assertThat(out.toString().lines()).containsExactlyInAnyOrder(
                    "sha256 " + SHA + " banner 1", "pdq " + h.toHex(), "md5 " + MD5 + " x");
        }
    }

    @Test
    void malformedLinesAndBadNamesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> BankFile.read(new BufferedReader(new StringReader("pdq 12\n"))))
                .hasMessageContaining("line 1").hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> BankEntry.parse("crc32 1234")).hasMessageContaining("unknown hash type");
        assertThatThrownBy(() -> HashBanks.open(dir, 31).add("../etc", new BankEntry(HashType.MD5, MD5, "")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lowQualityHashesAreNeverMatched() {
        PdqHash h = PdqIndexTest.random(new Random(4));
        HashBank bank = new HashBank("b");
        bank.add(new BankEntry(HashType.PDQ, h.toHex(), ""));
        assertThat(bank.lookup(image(SHA, h, 49), 31)).isEmpty();
        assertThat(bank.lookup(image(SHA, h, 50), 31)).map(BankMatch::distance).contains(0);
    }

    /** An image whose whole-image hashes are {@code h} in every orientation. */
    static ImageHashes image(String sha256, PdqHash h, int quality) {
        List<PdqHash> variants = java.util.Collections.nCopies(Dihedral.values().length, h);
        return new ImageHashes(sha256, "0".repeat(32),
                new PerceptualHashes.Computed(null, new PdqResult(variants, quality), List.of()));
    }
}

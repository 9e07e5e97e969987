package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SkeletonTest {

    @Test
    void namesThatLookAlikeShareTheirSkeleton() {
        String alice = Skeleton.of("alice");
        assertThat(Skeleton.of("\u0430lice")).as("Cyrillic а").isEqualTo(alice);
        assertThat(Skeleton.of("\u0430l\u0456c\u0435")).as("Cyrillic а, і and е").isEqualTo(alice);
        assertThat(Skeleton.of("ａｌｉｃｅ")).as("full-width").isEqualTo(alice);
        assertThat(Skeleton.of("ALICE")).as("capitals").isEqualTo(alice);
        assertThat(Skeleton.of("a1ice")).as("a digit one for the l").isEqualTo(alice);
        assertThat(Skeleton.of("al\u200bice")).as("a zero-width space inside").isEqualTo(alice);
        assertThat(Skeleton.of("álice")).as("an accent").isEqualTo(alice);
        assertThat(Skeleton.of("rnary")).as("rn for m").isEqualTo(Skeleton.of("mary"));
        assertThat(Skeleton.of("b0b")).as("a zero for the o").isEqualTo(Skeleton.of("bob"));
    }

    @Test
    void namesThatLookDifferentKeepDifferentSkeletons() {
        assertThat(Skeleton.of("alice")).isNotEqualTo(Skeleton.of("alicia"));
        assertThat(Skeleton.of("alice")).isNotEqualTo(Skeleton.of("alice_"));
        assertThat(Skeleton.of("a.lice")).isNotEqualTo(Skeleton.of("al.ice"));
        assertThat(Skeleton.of("bob")).isNotEqualTo(Skeleton.of("rob"));
        assertThat(Skeleton.of("李雷")).isNotEqualTo(Skeleton.of("韩梅梅"));
    }

    @Test
    void hostileInputFoldsWithoutFailing() {
        assertThat(Skeleton.of("")).isEmpty();
        assertThat(Skeleton.of("\u0000\ud800x\u202e")).isNotNull();
        assertThat(Skeleton.of("a".repeat(100_000))).hasSize(100_000);
    }
}

package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FoldTableTest {

    private final FoldTable table = FoldTable.of(Evasion.DEFAULTS);

    @Test
    void everyCodePointHasAnEntryWithAKnownKind() {
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            int entry = table.get(c);
            assertThat(FoldTable.kind(entry)).as("U+%04X", c).isBetween(FoldTable.IGNORABLE, FoldTable.LOOKALIKE);
            if (FoldTable.kind(entry) == FoldTable.EXPANSION) assertThat(table.expansion(entry)).hasSizeGreaterThan(1);
        }
    }

    @Test
    void foldsEachFamilyToWhatATermWouldBe() {
        assertFolds('Ａ', FoldTable.LETTER, 'a');
        assertFolds('ⓒ', FoldTable.LETTER, 'c');
        assertFolds('É', FoldTable.LETTER, 'e');
        assertFolds('а', FoldTable.LETTER, 'a');
        assertFolds('ø', FoldTable.LETTER, 'o');
        assertFolds('賭', FoldTable.UNSPACED, '赌');
        assertFolds('٣', FoldTable.DIGIT, '3');
        assertFolds('@', FoldTable.SYMBOL, '@');
        assertFolds('_', FoldTable.SEPARATOR, '_');
        assertThat(FoldTable.kind(table.get('\u200b'))).isEqualTo(FoldTable.IGNORABLE);
        assertThat(FoldTable.kind(table.get('\u0301'))).isEqualTo(FoldTable.IGNORABLE);
        assertThat(java.util.Arrays.stream(table.expansion(table.get('ß'))).map(FoldTable::code)).containsExactly((int) 's', (int) 's');
    }

    @Test
    void readsALookAlikeAsEveryLetterItOrItsOtherCaseLooksLike() {
        assertReadings('Η', "nh");
        assertReadings('η', "nh");
        assertReadings('Ν', "vn");
        assertReadings('Ε', "ce");
        assertReadings('Ι', "il");
        assertReadings('ꓲ', "li");
        assertFolds('Β', FoldTable.LETTER, 'b');
        assertFolds('Ѕ', FoldTable.LETTER, 's');
        assertFolds('é', FoldTable.LETTER, 'e');
    }

    @Test
    void clausePunctuationIsHardAndEvadersSeparatorsAreNot() {
        for (char c : "，。！？、；：「」《》<>│!?,;".toCharArray()) {
            assertThat(FoldTable.hard(table.get(c))).as("%s", c).isTrue();
        }
        for (char c : " 　.*_|·-~/+#".toCharArray()) {
            assertThat(FoldTable.hard(table.get(c))).as("%s", c).isFalse();
        }
    }

    @Test
    void sharesOneTablePerSetOfFamilies() {
        assertThat(FoldTable.of(Evasion.DEFAULTS)).isSameAs(table);
        assertThat(FoldTable.of(java.util.EnumSet.allOf(Evasion.class))).as("pinyin acts at build time only").isSameAs(table);
        assertThat(FoldTable.of(java.util.Set.of(Evasion.CASE))).isNotSameAs(table);
    }

    private void assertReadings(int c, String readings) {
        int entry = table.get(c);
        assertThat(FoldTable.kind(entry)).as("kind of %c", c).isEqualTo(FoldTable.LOOKALIKE);
        StringBuilder found = new StringBuilder();
        for (int r = FoldTable.readings(entry); r != 0; r >>>= FoldTable.READING_BITS) found.append((char) (r & FoldTable.READING_MASK));
        assertThat(found.toString()).as("readings of %c", c).isEqualTo(readings);
    }

    private void assertFolds(int c, int kind, int folded) {
        int entry = table.get(c);
        assertThat(FoldTable.kind(entry)).as("kind of %c", c).isEqualTo(kind);
        assertThat(FoldTable.code(entry)).as("fold of %c", c).isEqualTo(folded);
    }
}

package org.stoa.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stoa.server.contacts.ContactView;

/** The byte-exact formats inside an archive: the canonical JSON a manifest is signed as, and vCards. */
class ArchiveFormatsTest {

    @Test
    void canonicalJsonSortsMembersDropsWhitespaceAndEscapesOnlyWhatJsonRequires() throws IOException {
        String json = "{ \"b\": 1, \"a\": \"tab\\there \\u00e9 \\\"q\\\" \\u0001\", \"c\": [true, null, {\"z\": 0, \"y\": -5}] }";
        assertThat(new String(CanonicalJson.bytes(new ObjectMapper().readTree(json)), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":\"tab\\there é \\\"q\\\" \\u0001\",\"b\":1,\"c\":[true,null,{\"y\":-5,\"z\":0}]}");
    }

    @Test
    void vCardsAreVersion4WithCrlfEscapedTextAndFoldedLongLines() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VCards.write(List.of(new ContactView(2, "bob", "Bob, the builder", null, Instant.parse("2026-11-21T10:15:30Z"))), out);
        String vcf = out.toString(StandardCharsets.UTF_8);
        assertThat(vcf).isEqualTo("""
                BEGIN:VCARD\r
                VERSION:4.0\r
                KIND:individual\r
                FN:Bob\\, the builder\r
                NICKNAME:bob\r
                X-STOA-USERNAME:bob\r
                NOTE:Stoa contact since 2026-11-21T10:15:30Z\r
                REV:20261121T101530Z\r
                END:VCARD\r
                """);
        assertThat(VCards.text("a,b;c\\d\ne")).isEqualTo("a\\,b\\;c\\\\d\\ne");

        StringBuilder folded = new StringBuilder();
        VCards.line(new java.io.Writer() {
            @Override public void write(char[] c, int off, int len) { folded.append(c, off, len); }
            @Override public void flush() {}
            @Override public void close() {}
        }, "NOTE:" + "é".repeat(60));
        for (String line : folded.toString().split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        assertThat(folded.toString().replace("\r\n ", "")).isEqualTo("NOTE:" + "é".repeat(60) + "\r\n");
    }
}

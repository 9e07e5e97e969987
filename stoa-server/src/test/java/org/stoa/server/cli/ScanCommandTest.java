package org.stoa.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScanCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int scan(byte[] input, String... args) {
        ScanCommand command = new ScanCommand(new ByteArrayInputStream(input),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandLine(command).execute(args);
    }

    private String terms(String... lines) throws Exception {
        Path file = dir.resolve("terms.txt");
        Files.writeString(file, "# test list\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file.toString();
    }

    @Test
    void printsOneJsonLineForEachLineWithAMatch() throws Exception {
        byte[] input = "hello\n😀 ｃａｓｉｎｏ and 賭博\r\nnothing here\nc a s i n o".getBytes(StandardCharsets.UTF_8);

        int status = scan(input, "--terms", terms("casino", "赌博"));

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                {"line":2,"matches":[{"term":"casino","start":2,"end":8},{"term":"赌博","start":13,"end":15}]}
                {"line":4,"matches":[{"term":"casino","start":0,"end":11}]}
                """);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("scan: 4 lines, ").contains("2 terms built in");
    }

    @Test
    void reportsInvalidUtf8WithItsLineNumberAndScansOn() throws Exception {
        byte[] input = concat("ok\n".getBytes(StandardCharsets.UTF_8), new byte[] {'p', 'o', 'k', 'e', 'r', ' ', (byte) 0xC3, '\n'},
                "poker\n".getBytes(StandardCharsets.UTF_8));

        scan(input, "--terms", terms("poker"));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                {"line":2,"matches":[{"term":"poker","start":0,"end":5}]}
                {"line":3,"matches":[{"term":"poker","start":0,"end":5}]}
                """);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 2: invalid UTF-8").contains("1 invalid UTF-8");
    }

    @Test
    void dropsMatchesInsideAllowedPhrasesAndFindsPinyinWhenAsked() throws Exception {
        Path allow = dir.resolve("allow.txt");
        Files.writeString(allow, "kill time\n", StandardCharsets.UTF_8);
        byte[] input = "kill time\nkill them\ndubo\n".getBytes(StandardCharsets.UTF_8);

        scan(input, "--terms", terms("kill", "赌博"), "--allow", allow.toString(), "--pinyin");

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                {"line":2,"matches":[{"term":"kill","start":0,"end":4}]}
                {"line":3,"matches":[{"term":"赌博","start":0,"end":4}]}
                """);
    }

    @Test
    void readsLinesLongerThanItsBuffer() throws Exception {
        String longLine = "x".repeat(300_000) + " poker";

        scan((longLine + "\n").getBytes(StandardCharsets.UTF_8), "--terms", terms("poker"));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "{\"line\":1,\"matches\":[{\"term\":\"poker\",\"start\":300001,\"end\":300006}]}\n");
    }

    @Test
    void writesTermsAsJsonStringsAndOffsetsOfSupplementaryCharactersAsOneCodePoint() throws Exception {
        byte[] input = "𝐜𝐚𝐬𝐢𝐧𝐨 say \"hi\" now\nback\\slash 99 tab\tbed".getBytes(StandardCharsets.UTF_8);

        scan(input, "--terms", terms("casino", "say \"hi\"", "back\\slash 99", "tab\tbed"));

        JsonNode first = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
        assertThat(first.get("matches").findValuesAsText("term")).containsExactly("casino", "say \"hi\"");
        assertThat(first.get("matches").get(0).get("end").asInt()).isEqualTo(6);
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(2).last().asString()
                .isEqualTo("{\"line\":2,\"matches\":[{\"term\":\"back\\\\slash 99\",\"start\":0,\"end\":13},"
                        + "{\"term\":\"tab\\tbed\",\"start\":14,\"end\":21}]}");
    }

    @Test
    void explainsAnUnusableTermListAndFails() throws Exception {
        assertThat(scan(new byte[0], "--terms", terms("ok", "???"))).isEqualTo(2);
        assertThat(scan(new byte[0], "--terms", dir.resolve("missing.txt").toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no letter or digit in term: ???").contains("missing.txt");
        assertThat(out.size()).isZero();
    }

    @Test
    void isListedAmongStoasCommands() {
        assertThat(new CommandLine(new StoaCommand()).getSubcommands()).containsKey("scan");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) all.writeBytes(part);
        return all.toByteArray();
    }
}

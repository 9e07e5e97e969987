package org.stoa.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stoa.engine.bank.BankEntry;
import org.stoa.engine.bank.BankFile;
import org.stoa.engine.bank.BankMatch;
import org.stoa.engine.bank.HashBank;
import org.stoa.engine.bank.HashBanks;
import org.stoa.engine.image.ImageHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "match", mixinStandardHelpOptions = true,
        description = {"Match image files against a bank file of '<type> <hex> [label]' lines",
                "(type sha256, md5 or pdq; '#' comments), one JSON line per file:",
                "{\"path\",\"match\":true,\"label\",\"signal\",\"distance\",\"variant\"} or {\"path\",\"match\":false}.",
                "PDQ matching covers rotations, mirrorings and the picture inside frames and screenshots."})
final class MatchCommand implements Callable<Integer> {

    @Option(names = "--bank", required = true, paramLabel = "BANKFILE", description = "The hashes to match against.")
    Path bankFile;

    @Option(names = "--radius", defaultValue = "" + HashBanks.DEFAULT_RADIUS,
            description = "Largest PDQ Hamming distance that matches, 0..31 (default: ${DEFAULT-VALUE}).")
    int radius;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image files to match.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (radius < 0 || radius > HashBanks.DEFAULT_RADIUS) {
            spec.commandLine().getErr().println("stoa match: --radius must be 0..31");
            return 2;
        }
        HashBank bank = new HashBank(bankFile.getFileName().toString());
        try (BufferedReader in = Files.newBufferedReader(bankFile)) {
            for (BankEntry e : BankFile.read(in)) bank.add(e);
        } catch (IOException e) {
            spec.commandLine().getErr().println("stoa match: cannot read the bank " + bankFile + ": " + e.getMessage());
            return 2;
        }
        ImageHasher hasher = new ImageHasher();
        PrintWriter out = spec.commandLine().getOut();
        return FileLines.run(files, out, (file, bytes) -> {
            JsonLine json = new JsonLine().put("path", file.toString());
            BankMatch m = bank.lookup(hasher.hash(bytes), radius).orElse(null);
            if (m == null) return new FileLines.Outcome(json.put("match", false), true);
            return new FileLines.Outcome(json.put("match", true).put("label", m.label())
                    .put("signal", m.signal().label()).put("distance", m.distance())
                    .put("variant", m.variant()).put("hash", m.entryHex()), true);
        });
    }
}

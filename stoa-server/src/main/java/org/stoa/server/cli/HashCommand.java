package org.stoa.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.stoa.engine.image.Dihedral;
import org.stoa.engine.image.ImageHasher;
import org.stoa.engine.image.ImageHashes;
import org.stoa.engine.image.ImageRegion;
import org.stoa.engine.image.PdqResult;
import org.stoa.engine.image.PerceptualHashes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "hash", mixinStandardHelpOptions = true,
        description = {"Print the exact and perceptual hashes of image files, one JSON line per file:",
                "{\"path\",\"sha256\",\"md5\",\"pdq\",\"quality\",\"format\",\"width\",\"height\",\"dihedral\",\"regions\"}.",
                "A file that is no decodable image gets {\"path\",\"error\"} (with its sha256 and md5 when readable)."})
final class HashCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image files (JPEG, PNG, GIF, WebP, BMP).")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ImageHasher hasher = new ImageHasher();
        PrintWriter out = spec.commandLine().getOut();
        return FileLines.run(files, out, (file, bytes) -> line(file, hasher.hash(bytes)));
    }

    static FileLines.Outcome line(Path file, ImageHashes h) {
        JsonLine json = new JsonLine().put("path", file.toString());
        return switch (h.perceptual()) {
            case PerceptualHashes.Unavailable u -> new FileLines.Outcome(
                    json.put("error", u.reason()).put("sha256", h.sha256()).put("md5", h.md5()), false);
            case PerceptualHashes.Computed c -> {
                json.put("sha256", h.sha256()).put("md5", h.md5())
                        .put("pdq", c.whole().hash().toHex()).put("quality", c.whole().quality())
                        .put("format", c.info().format().name().toLowerCase(Locale.ROOT))
                        .put("width", c.info().width()).put("height", c.info().height())
                        .putRaw("dihedral", dihedral(c.whole()))
                        .putRaw("regions", regions(c.regions()));
                yield new FileLines.Outcome(json, true);
            }
        };
    }

    private static String dihedral(PdqResult r) {
        JsonLine d = new JsonLine();
        for (Dihedral v : Dihedral.values()) d.put(v.label(), r.variant(v).toHex());
        return d.toString();
    }

    private static String regions(List<PerceptualHashes.RegionHash> regions) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (PerceptualHashes.RegionHash r : regions) {
            ImageRegion box = r.region();
            j.add(new JsonLine().put("kind", r.kind().label()).put("x", box.x()).put("y", box.y()).put("width", box.width())
                    .put("height", box.height()).put("pdq", r.pdq().hash().toHex())
                    .put("quality", r.pdq().quality()).toString());
        }
        return j.toString();
    }
}

package org.stoa.bench.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The whole-process baseline for {@code stoa hash}: decode every file with plain ImageIO and
 * nothing else. {@code --parallel} decodes on every core, as {@code stoa hash} does.
 *   java -cp stoa-bench/target/stoa-bench.jar:stoa-bench/target/lib/* org.stoa.bench.image.DecodeAll [--parallel] FILE...
 */
public final class DecodeAll {

    private DecodeAll() {}

    public static void main(String[] args) {
        boolean parallel = args.length > 0 && args[0].equals("--parallel");
        List<String> files = Arrays.asList(args).subList(parallel ? 1 : 0, args.length);
        Stream<String> s = parallel ? files.parallelStream() : files.stream();
        long pixels = s.mapToLong(f -> {
            try {
                var img = ImageIO.read(Path.of(f).toFile());
                return (long) img.getWidth() * img.getHeight();
            } catch (IOException e) {
                return 0;
            }
        }).sum();
        System.out.println(files.size() + " files, " + pixels + " pixels");
    }
}

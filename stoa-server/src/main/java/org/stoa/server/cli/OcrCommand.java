package org.stoa.server.cli;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.stoa.engine.ocr.OcrService;
import org.stoa.engine.ocr.OcrSettings;
import org.stoa.engine.ocr.OcrStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "ocr", mixinStandardHelpOptions = true,
        description = {"Print the text in image files (English and Simplified Chinese by default),",
                "one JSON line per file: {\"path\",\"text\"}. Needs libtesseract and its language data",
                "(Debian: apt-get install tesseract-ocr-eng tesseract-ocr-chi-sim)."})
final class OcrCommand implements Callable<Integer> {

    @Option(names = "--tessdata", paramLabel = "DIR", description = "Folder with the *.traineddata files.")
    Path tessdata;

    @Option(names = "--lang", defaultValue = "eng+chi_sim", description = "Tesseract languages (default: ${DEFAULT-VALUE}).")
    String languages;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image files.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OcrSettings settings = new OcrSettings(Optional.ofNullable(tessdata),
                Arrays.asList(languages.split("\\+")), Runtime.getRuntime().availableProcessors(),
                Math.max(1, files.size()), 0);
        try (OcrService ocr = OcrService.start(settings)) {
            if (ocr.status() instanceof OcrStatus.Unavailable u) {
                spec.commandLine().getErr().println("stoa ocr: OCR is unavailable: " + u.reason());
            }
            return FileLines.run(files, spec.commandLine().getOut(), (file, bytes) -> {
                try {
                    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                    String text = ocr.recognizeNow(sha, bytes).text();
                    return new FileLines.Outcome(new JsonLine().put("path", file.toString()).put("text", text), true);
                } catch (Exception e) {
                    return FileLines.Outcome.error(file, e.getMessage());
                }
            });
        }
    }
}

package org.stoa.engine.ocr;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.stoa.engine.image.ImageDecodeException;
import org.stoa.engine.image.ImageDecoder;
import org.stoa.engine.image.LumaImage;

/**
 * Text in images, off the send path: a bounded pool of worker threads, each with its own
 * Tesseract engine, and results cached by the image's SHA-256 (an image sent a thousand times is
 * read once). When libtesseract or the language data is missing the service still starts, its
 * {@link #status()} says what is missing, and every request fails with {@link OcrUnavailableException};
 * nothing else in the engine depends on OCR.
 */
public final class OcrService implements AutoCloseable {

    /** Images are read at most this long on their longer side: more only costs time. */
    static final int MAX_SIDE = 2500;
    private static final List<Path> SYSTEM_DATA = List.of(
            Path.of("/usr/share/tesseract-ocr/5/tessdata"), Path.of("/usr/share/tesseract-ocr/4.00/tessdata"),
            Path.of("/usr/share/tessdata"), Path.of("/usr/local/share/tessdata"), Path.of("/opt/homebrew/share/tessdata"));

    private final OcrStatus status;
    private final ImageDecoder decoder = new ImageDecoder();
    private final ThreadPoolExecutor pool;
    private final List<TesseractEngine> engines = new ArrayList<>();
    private final ThreadLocal<TesseractEngine> engine;
    private final Map<String, CompletableFuture<OcrResult>> cache;

    private OcrService(OcrSettings settings, OcrStatus status, TessApi api) {
        this.status = status;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queueCapacity()), r -> {
                    Thread t = new Thread(r, "stoa-ocr-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.engine = ThreadLocal.withInitial(() -> {
            OcrStatus.Available a = (OcrStatus.Available) status;
            TesseractEngine e = new TesseractEngine(api, a.dataPath(), String.join("+", a.languages()));
            synchronized (engines) {
                engines.add(e);
            }
            return e;
        });
        int capacity = settings.cachedResults();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<OcrResult>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A service that reads nothing, e.g. where the operator turned OCR off; {@code reason} says so. */
    public static OcrService disabled(String reason) {
        return new OcrService(OcrSettings.defaults(), new OcrStatus.Unavailable(reason), null);
    }

    /** Starts the service; never fails: without Tesseract it starts unavailable. */
    public static OcrService start(OcrSettings settings) {
        TessApi api;
        try {
            api = loadLibrary();
        } catch (LinkageError e) {
            return new OcrService(settings, new OcrStatus.Unavailable("libtesseract is not installed ("
                    + e.getMessage() + "); on Debian or Ubuntu: apt-get install tesseract-ocr "
                    + languagePackages(settings)), null);
        }
        Optional<Path> data = findData(settings);
        if (data.isEmpty()) {
            return new OcrService(settings, new OcrStatus.Unavailable("no Tesseract language data for "
                    + settings.languages() + " in " + candidates(settings) + "; on Debian or Ubuntu: apt-get install "
                    + languagePackages(settings) + ", or set TESSDATA_PREFIX"), api);
        }
        String version;
        try (TesseractEngine probe = new TesseractEngine(api, data.get(), String.join("+", settings.languages()))) {
            version = probe.version();
        } catch (RuntimeException e) {
            return new OcrService(settings, new OcrStatus.Unavailable(e.getMessage()), api);
        }
        return new OcrService(settings, new OcrStatus.Available(version, data.get(), settings.languages()), api);
    }

    public OcrStatus status() {
        return status;
    }

    /**
     * Reads the text in an image on a worker thread. The future fails with
     * {@link OcrUnavailableException} when OCR is unavailable, with
     * {@link java.util.concurrent.RejectedExecutionException} when the queue is full (try later),
     * and with {@link ImageDecodeException} when the bytes are no image.
     */
    public CompletableFuture<OcrResult> recognize(String sha256, byte[] imageBytes) {
        if (status instanceof OcrStatus.Unavailable u) {
            return CompletableFuture.failedFuture(new OcrUnavailableException(u.reason()));
        }
        CompletableFuture<OcrResult> result;
        synchronized (cache) {
            result = cache.get(sha256);
            if (result != null) return result;
            result = new CompletableFuture<>();
            cache.put(sha256, result);
        }
        CompletableFuture<OcrResult> pending = result;
        try {
            pool.execute(() -> {
                try {
                    pending.complete(read(imageBytes));
                } catch (Exception | OutOfMemoryError e) {
                    forget(sha256, pending);
                    pending.completeExceptionally(e);
                }
            });
        } catch (RuntimeException rejected) {
            forget(sha256, pending);
            pending.completeExceptionally(rejected);
        }
        return pending;
    }

    /** Waits for {@link #recognize}, for callers that may block (the command line, tests). */
    public OcrResult recognizeNow(String sha256, byte[] imageBytes) throws Exception {
        try {
            return recognize(sha256, imageBytes).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private OcrResult read(byte[] bytes) throws ImageDecodeException {
        BufferedImage image = decoder.decode(bytes, MAX_SIDE);
        return engine.get().recognize(LumaImage.of(image));
    }

    private void forget(String sha256, CompletableFuture<OcrResult> failed) {
        synchronized (cache) {
            cache.remove(sha256, failed);
        }
    }

    /**
     * Finishes the queued images (waiting up to a minute), then frees every engine. An engine
     * still working after that is left to the process's exit: freeing it under its worker would
     * crash the JVM.
     */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (engines) {
            engines.forEach(TesseractEngine::close);
            engines.clear();
        }
    }

    /** Just enough of the C library to set the environment before libtesseract loads. */
    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private static TessApi loadLibrary() {
        // Parallelism comes from one engine per worker thread; OpenMP threads inside each engine
        // on top of that oversubscribe the cores (280 ms instead of 100 ms a page on 2 cores).
        // libgomp reads this once, when it loads, so it must be set first; a user's value wins.
        Native.load("c", LibC.class).setenv("OMP_THREAD_LIMIT", "1", 0);
        try {
            return Native.load("tesseract", TessApi.class);
        } catch (UnsatisfiedLinkError unversioned) {
            // distributions ship only the versioned name without the -dev package
            return Native.load("libtesseract.so.5", TessApi.class);
        }
    }

    private static List<Path> candidates(OcrSettings settings) {
        List<Path> out = new ArrayList<>();
        settings.dataPath().ifPresent(out::add);
        String env = System.getenv("TESSDATA_PREFIX");
        if (env != null && !env.isBlank()) {
            out.add(Path.of(env));
            out.add(Path.of(env, "tessdata"));
        }
        if (settings.dataPath().isEmpty()) out.addAll(SYSTEM_DATA);
        return out;
    }

    private static Optional<Path> findData(OcrSettings settings) {
        return candidates(settings).stream()
                .filter(dir -> settings.languages().stream()
                        .allMatch(l -> Files.isRegularFile(dir.resolve(l + ".traineddata"))))
                .findFirst();
    }

    private static String languagePackages(OcrSettings settings) {
        return String.join(" ", settings.languages().stream()
                .map(l -> "tesseract-ocr-" + l.replace('_', '-')).toList());
    }
}

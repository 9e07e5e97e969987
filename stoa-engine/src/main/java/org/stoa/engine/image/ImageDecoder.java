package org.stoa.engine.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes untrusted image bytes safely: the header is read first and images over the pixel
 * limit are refused before any pixel is decoded; anything the decoders throw becomes an
 * {@link ImageDecodeException}. Thread-safe.
 */
public final class ImageDecoder {

    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    static {
        // Decode in memory; never spill untrusted bytes to temp files. (The plugins on the class
        // path, TwelveMonkeys', register themselves when ImageIO's registry starts: a rescan here
        // would only add start-up time to every short-lived command.)
        ImageIO.setUseCache(false);
    }

    private final long maxPixels;

    public ImageDecoder(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    /** Reads format and dimensions from the header only, refusing images over the pixel limit. */
    public ImageInfo probe(byte[] bytes) throws ImageDecodeException {
        return withReader(bytes, (reader, info) -> info);
    }

    /**
     * Decodes the first frame, turned upright as its EXIF orientation says. When
     * {@code maxSide > 0} the image is read with source subsampling so that neither side exceeds
     * about {@code maxSide}, which bounds memory and time.
     */
    public BufferedImage decode(byte[] bytes, int maxSide) throws ImageDecodeException {
        return read(bytes, maxSide).image();
    }

    /** As {@link #decode}, with what the header said (stored size, before orientation). */
    public DecodedImage read(byte[] bytes, int maxSide) throws ImageDecodeException {
        return withReader(bytes, (reader, info) -> {
            ImageReadParam param = reader.getDefaultReadParam();
            if (maxSide > 0) {
                int step = Math.max(1, Math.max(info.width(), info.height()) / maxSide);
                if (step > 1) param.setSourceSubsampling(step, step, 0, 0);
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0, param);
            if (image == null) throw new IOException("no image data");
            // Decoders fill a truncated file's missing rows with grey and only warn; a cut-off
            // upload is a broken file, not a different picture to hash and show.
            if (warnings.stream().anyMatch(w -> w.toLowerCase(Locale.ROOT).contains("premature end"))) {
                throw new ImageDecodeException(ImageDecodeException.Kind.CORRUPT,
                        "the image data is truncated (the file ends before the image does)");
            }
            Orientation orientation = info.format() == ImageFormat.JPEG ? Orientation.ofJpeg(bytes) : Orientation.NORMAL;
            return new DecodedImage(info, orientation.apply(image), orientation.transposes());
        });
    }

    private interface ReaderAction<T> {
        T apply(ImageReader reader, ImageInfo info) throws IOException, ImageDecodeException;
    }

    private <T> T withReader(byte[] bytes, ReaderAction<T> action) throws ImageDecodeException {
        if (bytes == null || bytes.length == 0) {
            throw new ImageDecodeException(ImageDecodeException.Kind.CORRUPT, "the file is empty");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                Optional<ImageFormat> format = ImageFormat.fromReaderFormatName(reader.getFormatName());
                if (format.isEmpty()) continue;
                try {
                    reader.setInput(in, true, true);
                    int width = reader.getWidth(0);
                    int height = reader.getHeight(0);
                    if (width <= 0 || height <= 0) {
                        throw new ImageDecodeException(ImageDecodeException.Kind.CORRUPT,
                                "the image header gives no valid size");
                    }
                    ImageInfo info = new ImageInfo(format.get(), width, height);
                    if (info.pixels() > maxPixels) {
                        throw new ImageDecodeException(ImageDecodeException.Kind.TOO_LARGE,
                                "the image is " + width + " x " + height + " pixels; at most "
                                        + maxPixels / 1_000_000 + " megapixels are accepted");
                    }
                    return action.apply(reader, info);
                } finally {
                    reader.dispose();
                }
            }
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException(ImageDecodeException.Kind.CORRUPT,
                    "the image data is corrupt or truncated and cannot be decoded", e);
        } catch (OutOfMemoryError e) {
            // One oversized raster allocation that failed and is already garbage; the heap is fine.
            throw new ImageDecodeException(ImageDecodeException.Kind.TOO_LARGE,
                    "the image needs more memory to decode than is available", e);
        }
        throw new ImageDecodeException(ImageDecodeException.Kind.UNSUPPORTED_FORMAT,
                "not a JPEG, PNG, GIF, WebP or BMP image");
    }
}

package org.stoa.engine.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
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
import javax.imageio.ImageTypeSpecifier;
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
            int step = maxSide > 0 ? Math.max(1, Math.max(info.width(), info.height()) / maxSide) : 1;
            if (step > 1) param.setSourceSubsampling(step, step, 0, 0);
            if (info.format() == ImageFormat.JPEG && decodesToBgr(reader)) {
                param.setDestination(rgbImage(ceilDiv(info.width(), step), ceilDiv(info.height(), step)));
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

    /** Whether the reader's first choice for this image is TYPE_3BYTE_BGR, as for colour JPEGs. */
    private static boolean decodesToBgr(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        return types.hasNext() && types.next().getBufferedImageType() == BufferedImage.TYPE_3BYTE_BGR;
    }

    /**
     * An sRGB image with its bytes in R, G, B order. ImageIO's JPEG reader copies every decoded
     * row into the destination, and into its default TYPE_3BYTE_BGR that copy reorders the bytes
     * one by one, where into R, G, B it is an array copy: a fifth less decoding time, a quarter
     * less in a short-lived command whose code runs unoptimised.
     */
    private static BufferedImage rgbImage(int width, int height) {
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 3 * width, 3,
                new int[] {0, 1, 2}, null);
        return new BufferedImage(cm, raster, false, null);
    }

    private static int ceilDiv(int n, int step) {
        return (n + step - 1) / step;
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

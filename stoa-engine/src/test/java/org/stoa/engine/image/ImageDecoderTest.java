package org.stoa.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

/** Safe decoding: hostile files get a clear error, and the formats and variants people send decode upright. */
class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder();
    private final ImageHasher hasher = new ImageHasher();

    @Test
    void aTruncatedJpegIsCorrupt() {
        byte[] jpeg = TestImages.jpeg(TestImages.photo(1, 640, 480), 0.9f);
        byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);
        assertThatThrownBy(() -> decoder.decode(truncated, 0))
                .isInstanceOfSatisfying(ImageDecodeException.class, e -> assertThat(e.kind()).isEqualTo(ImageDecodeException.Kind.CORRUPT))
                .hasMessageContaining("truncated");
        ImageHashes h = hasher.hash(truncated);
        assertThat(h.perceptual()).isInstanceOf(PerceptualHashes.Unavailable.class);
        assertThat(h.sha256()).hasSize(64);
    }

    @Test
    void aHugePngHeaderIsRefusedBeforeAnyPixelIsDecoded() throws IOException {
        byte[] png = png(60_000, 60_000, new byte[0]);
        assertThatThrownBy(() -> decoder.probe(png))
                .isInstanceOfSatisfying(ImageDecodeException.class, e -> assertThat(e.kind()).isEqualTo(ImageDecodeException.Kind.TOO_LARGE))
                .hasMessageContaining("60000 x 60000");
        assertThat(hasher.hash(png).perceptual()).isEqualTo(
                new PerceptualHashes.Unavailable(ImageDecodeException.Kind.TOO_LARGE,
                        "the image is 60000 x 60000 pixels; at most 50 megapixels are accepted"));
    }

    @Test
    void aDecompressionBombIsHashedAtReducedSizeWithinTheLimit() throws IOException, ImageDecodeException {
        int side = 7000; // 49 megapixels of zeros, about 50 kB compressed
        byte[] png = png(side, side, new byte[(side + 1) * side]);
        assertThat(png.length).isLessThan(200_000);
        DecodedImage d = decoder.read(png, ImageHasher.HASH_SIDE);
        assertThat(d.image().getWidth()).isLessThan(2 * ImageHasher.HASH_SIDE);
        PerceptualHashes.Computed c = (PerceptualHashes.Computed) hasher.hash(png).perceptual();
        assertThat(c.whole().quality()).as("a blank image is not matchable").isLessThan(Pdq.MIN_MATCH_QUALITY);
    }

    @Test
    void nonImageBytesAreAnUnsupportedFormat() {
        byte[] text = "MZ this is not a JPEG, whatever its name says".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder.decode(text, 0))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(ImageDecodeException.Kind.UNSUPPORTED_FORMAT));
        assertThatThrownBy(() -> decoder.decode(new byte[0], 0)).isInstanceOf(ImageDecodeException.class);
        assertThat(hasher.hash(text).perceptual()).isInstanceOf(PerceptualHashes.Unavailable.class);
    }

    @Test
    void exifOrientationTurnsThePhotoUpright() throws ImageDecodeException {
        BufferedImage upright = TestImages.photo(3, 600, 800);
        BufferedImage stored = TestImages.rotate(upright, 3); // a phone stores it sideways...
        byte[] jpeg = withOrientation(TestImages.jpeg(stored, 0.9f), 6); // ...and says "turn 90 clockwise"
        BufferedImage decoded = decoder.decode(jpeg, 0);
        assertThat(decoded.getWidth()).isEqualTo(600);
        assertThat(decoded.getHeight()).isEqualTo(800);
        PdqHash expected = Pdq.hash(LumaImage.of(upright)).hash();
        PerceptualHashes.Computed c = (PerceptualHashes.Computed) hasher.hash(jpeg).perceptual();
        assertThat(c.whole().hash().distance(expected)).isLessThanOrEqualTo(10);
        assertThat(c.info().width()).as("the header's stored size").isEqualTo(800);
    }

    @Test
    void progressiveAndCmykJpegsDecode() throws IOException, ImageDecodeException {
        BufferedImage photo = TestImages.photo(4, 400, 300);
        PdqHash expected = Pdq.hash(LumaImage.of(photo)).hash();
        BufferedImage progressive = decoder.decode(TestImages.jpeg(photo, 0.9f, true), 0);
        assertThat(Pdq.hash(LumaImage.of(progressive)).hash().distance(expected)).isLessThanOrEqualTo(10);

        BufferedImage cmyk = decoder.decode(cmykJpeg(photo), 0);
        assertThat(cmyk.getWidth()).isEqualTo(400);
        assertThat(cmyk.getColorModel().getNumComponents()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theMaintainedPluginsAreRegistered() throws ImageDecodeException {
        assertThat(ImageIO.getImageReadersByFormatName("webp").hasNext()).isTrue();
        assertThat(ImageIO.getImageReadersByFormatName("jpeg").next().getClass().getName()).contains("twelvemonkeys");
        assertThat(decoder.probe(TestImages.encode(TestImages.photo(5, 64, 48), "bmp")))
                .isEqualTo(new ImageInfo(ImageFormat.BMP, 64, 48));
    }

    /** A PNG with the given size in its header and {@code raw} (filter bytes included) as its data. */
    static byte[] png(int width, int height, byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(width);
        d.writeInt(height);
        d.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit greyscale
        chunk(out, "IHDR", ihdr.toByteArray());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(9))) {
            z.write(raw);
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    /** The JPEG with an EXIF block holding only the orientation tag, right after SOI. */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
        byte[] exif = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, exif, 0, 6);
        System.arraycopy(tiff, 0, exif, 6, tiff.length);
        int len = exif.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (len >> 8), (byte) len}, 0, 4);
        out.write(exif, 0, exif.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The photo as a four-channel (CMYK) JPEG, as print workflows produce. */
    static byte[] cmykJpeg(BufferedImage photo) throws IOException {
        WritableRaster cmyk = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE,
                photo.getWidth(), photo.getHeight(), 4, null);
        for (int y = 0; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                int rgb = photo.getRGB(x, y);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                int k = 255 - Math.max(r, Math.max(g, b));
                cmyk.setPixel(x, y, new int[] {255 - r - k, 255 - g - k, 255 - b - k, k});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream o = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(o);
            writer.write(null, new IIOImage(cmyk, null, null), null);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}

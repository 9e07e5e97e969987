package org.stoa.engine.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.stoa.engine.image.PerceptualHashes.RegionHash.Kind;

/**
 * Computes an image's {@link ImageHashes}. Every image is decoded to RGB and its PDQ luma taken
 * from that, as the reference hasher does; a JPEG's own Y channel is not that luma wherever the
 * colour conversion clips (saturated colours), which moved hashes of colourful pictures by up to
 * 38 bits from the reference. Images shorter than twice {@value #HASH_SIDE} pixels are hashed
 * at full size, so PDQ equals the reference's; longer ones are decoded with source subsampling to
 * between one and two times {@value #HASH_SIDE}, which bounds memory (16 megapixels at most)
 * whatever the header claims. ImageIO subsamples by dropping pixels, and the aliasing moves hashes: up to 16
 * bits at 1024 pixels, up to 4 at 2048 (docs/performance.md). Thread-safe.
 */
public final class ImageHasher {

    static final int HASH_SIDE = 2048;
    /**
     * Margins added on every side, as a share of the side, to undo crops of about twice as much
     * in total: a 6% crop was 40 to 68 bits from the original in a probe on our test photos, the
     * crop grown back by 3% per side 6 to 24 bits (RobustMatchTest prints the matched distances).
     * These hashes are taken from the image halved (when that leaves {@value #UNCROP_MIN_SIDE}
     * pixels a side): a quarter of the work, and the same crops matched.
     */
    private static final double[] UNCROP_MARGINS = {0.015, 0.03};
    private static final int UNCROP_MIN_SIDE = 256;

    private final ImageDecoder decoder;

    public ImageHasher(ImageDecoder decoder) {
        this.decoder = decoder;
    }

    public ImageHasher() {
        this(new ImageDecoder());
    }

    /** Never throws for bad input: bytes that are no decodable image get exact hashes only. */
    public ImageHashes hash(byte[] bytes) {
        return new ImageHashes(digest("SHA-256", bytes), digest("MD5", bytes), perceptual(bytes));
    }

    private PerceptualHashes perceptual(byte[] bytes) {
        DecodedImage decoded;
        try {
            decoded = decoder.read(bytes, HASH_SIDE);
        } catch (ImageDecodeException e) {
            return new PerceptualHashes.Unavailable(e.kind(), e.getMessage());
        }
        return hash(decoded);
    }

    /** Hashes an image already decoded (at any size; upright). */
    public static PerceptualHashes.Computed hash(DecodedImage decoded) {
        LumaImage luma = LumaImage.of(decoded.image());
        double fx = (double) decoded.uprightWidth() / luma.width();
        double fy = (double) decoded.uprightHeight() / luma.height();
        List<PerceptualHashes.RegionHash> regions = new ArrayList<>(2 + UNCROP_MARGINS.length);
        for (ImageRegion r : ContentRegions.find(luma)) {
            regions.add(new PerceptualHashes.RegionHash(Kind.CONTENT, r.scale(fx, fy), Pdq.hash(luma, r)));
        }
        LumaImage small = luma.width() >= 2 * UNCROP_MIN_SIDE && luma.height() >= 2 * UNCROP_MIN_SIDE ? luma.halved() : luma;
        double sx = fx * luma.width() / small.width();
        double sy = fy * luma.height() / small.height();
        for (double margin : UNCROP_MARGINS) {
            int dx = (int) Math.round(small.width() * margin);
            int dy = (int) Math.round(small.height() * margin);
            ImageRegion grown = new ImageRegion(-dx, -dy, small.width() + 2 * dx, small.height() + 2 * dy);
            regions.add(new PerceptualHashes.RegionHash(Kind.UNCROP, grown.scale(sx, sy), Pdq.hash(small, grown)));
        }
        return new PerceptualHashes.Computed(decoded.info(), Pdq.hash(luma), regions);
    }

    private static String digest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides " + algorithm, e);
        }
    }
}

package org.stoa.engine.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the picture inside a framed copy: borders of any colour, letterboxing, and the status
 * and UI bars of a phone screenshot.
 *
 * <p>A frame is taken off side by side: when a side's outermost line is solid (nearly all its
 * pixels within a narrow luma band), the lines of that colour go, and only those, so that the
 * picture's own flat edge in another colour (a dark road under a white mat) stays. Regions come
 * out in this order:
 * <ol>
 *   <li>the image without its frame;
 *   <li>the same, balanced: where one side lost more than the side opposite, both keep the
 *       smaller loss. A picture whose own edge has the frame's colour (a pale sky in a white
 *       border) loses that edge with the frame, but borders are mostly even all round;
 *   <li>the same, further trimmed of solid lines of any colour (a frame inside the frame);
 *   <li>the picture inside a screen's surround, whose top and bottom rows may carry the
 *       phone's clock, icons and buttons;
 *   <li>a screenshot's content: UI bands off the top and bottom first (a band starts at a
 *       uniform row and takes in the rows next to it that are still mostly its background, even
 *       with icons and text on them), then its frame as above, and balanced.
 * </ol>
 * A photograph's own flat area only joins a band when it has the band's exact colour, which is
 * the one case no rule can tell apart. Each region is returned only when it differs from the
 * whole image and from the regions before it by more than a sliver, and is large enough to carry
 * a reliable hash.
 */
final class ContentRegions {

    /** Luma tolerance around a line's dominant value, for JPEG noise and antialiasing. */
    private static final int TOLERANCE = 10;
    /** Share of a line's pixels near its dominant value for a solid border line. */
    private static final double SOLID = 0.97;
    /** How far a frame line's own dominant value may be from the frame's colour (see {@code frameLine}). */
    private static final int FRAME_DRIFT = 2 * TOLERANCE;
    /** Tolerance around a UI band's background, tighter: UI colours are exact, photos' are not. */
    private static final int BAND_TOLERANCE = 6;
    /** Share of a row that must still show the band's background for the row to belong to the band. */
    private static final double BAND = 0.45;
    /** A region keeps at least this share of each side, so no sliver gets hashed. */
    private static final double MIN_SIDE_SHARE = 0.2;
    private static final int MIN_SIDE = 32;
    /** Regions whose edges all lie this close (share of the image's side) count as one. */
    private static final double SAME_EDGE_SHARE = 0.005;

    private ContentRegions() {}

    static List<ImageRegion> find(LumaImage image) {
        ImageRegion whole = ImageRegion.whole(image);
        Edges framed = new Edges(whole);
        framed.trimFrame(image, false);
        Edges inner = new Edges(framed.region());
        inner.trimSolid(image);
        Edges surround = new Edges(whole);
        surround.trimFrame(image, true);
        Edges bands = new Edges(whole);
        bands.trimBands(image);
        Edges screen = new Edges(bands.region());
        screen.trimFrame(image, false);
        List<ImageRegion> candidates = List.of(framed.region(), balanced(framed.region(), whole), inner.region(),
                surround.region(), screen.region(), balanced(screen.region(), bands.region()));
        List<ImageRegion> out = new ArrayList<>(candidates.size());
        for (ImageRegion r : candidates) {
            if (bigEnough(r, whole) && !nearlyEqual(r, whole, whole) && out.stream().noneMatch(o -> nearlyEqual(o, r, whole))) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Whether no edge of the two differs by more than {@value #SAME_EDGE_SHARE} of the image's
     * side: their hashes then differ by a few bits, and the second would be work for nothing.
     */
    private static boolean nearlyEqual(ImageRegion a, ImageRegion b, ImageRegion whole) {
        double dx = whole.width() * SAME_EDGE_SHARE;
        double dy = whole.height() * SAME_EDGE_SHARE;
        return Math.abs(a.x() - b.x()) <= dx && Math.abs(a.x() + a.width() - b.x() - b.width()) <= dx
                && Math.abs(a.y() - b.y()) <= dy && Math.abs(a.y() + a.height() - b.y() - b.height()) <= dy;
    }

    /** {@code r} inside {@code outer}, each pair of opposite margins cut to the smaller of the two. */
    private static ImageRegion balanced(ImageRegion r, ImageRegion outer) {
        int dx = Math.min(r.x() - outer.x(), outer.x() + outer.width() - r.x() - r.width());
        int dy = Math.min(r.y() - outer.y(), outer.y() + outer.height() - r.y() - r.height());
        return new ImageRegion(outer.x() + dx, outer.y() + dy, outer.width() - 2 * dx, outer.height() - 2 * dy);
    }

    private static boolean bigEnough(ImageRegion r, ImageRegion whole) {
        return r.width() >= Math.max(MIN_SIDE, whole.width() * MIN_SIDE_SHARE)
                && r.height() >= Math.max(MIN_SIDE, whole.height() * MIN_SIDE_SHARE);
    }

    /** A shrinking rectangle {@code [left, right) x [top, bottom)}. */
    private static final class Edges {
        int left;
        int top;
        int right;
        int bottom;
        private final int[] histogram = new int[256];

        Edges(ImageRegion r) {
            left = r.x();
            top = r.y();
            right = r.x() + r.width();
            bottom = r.y() + r.height();
        }

        ImageRegion region() {
            return new ImageRegion(left, top, Math.max(0, right - left), Math.max(0, bottom - top));
        }

        boolean empty() {
            return right - left < MIN_SIDE || bottom - top < MIN_SIDE;
        }

        /**
         * Takes off, from each side, the lines of the colour of that side's outermost line when
         * that line is solid, and stops at the first line of another colour. {@code overUi}: a
         * row that is mostly (not nearly all) of the colour of the last solid row above it (below
         * it, from the bottom) counts as frame too, as where a phone draws its clock, icons,
         * titles and buttons on its bars and on the surround of a picture.
         */
        void trimFrame(LumaImage image, boolean overUi) {
            int[] colour = {-1, -1, -1, -1};
            int[] last = {-1, -1, -1, -1};
            ImageRegion before;
            do {
                before = region();
                while (top < bottom && frameLine(image, top, true, colour, last, 0, overUi)) top++;
                while (bottom > top && frameLine(image, bottom - 1, true, colour, last, 1, overUi)) bottom--;
                while (left < right && frameLine(image, left, false, colour, last, 2, false)) left++;
                while (right > left && frameLine(image, right - 1, false, colour, last, 3, false)) right--;
            } while (!region().equals(before) && !empty());
        }

        /**
         * Whether the line is solid in about its side's frame colour, which the side's first solid
         * line sets. About: JPEG's ringing shifts the frame's lines next to the picture by up to
         * a dozen levels, evenly along the line, and a phone's bars differ a little from its
         * background.
         */
        private boolean frameLine(LumaImage image, int line, boolean row, int[] colour, int[] last, int side, boolean overUi) {
            if (dominantShare(image, line, row, TOLERANCE) < SOLID) {
                // the histogram is still the line's
                return overUi && last[side] >= 0 && near(last[side], BAND_TOLERANCE) >= BAND * (row ? right - left : bottom - top);
            }
            if (colour[side] < 0) colour[side] = dominant;
            if (Math.abs(dominant - colour[side]) > FRAME_DRIFT) return false;
            last[side] = dominant;
            return true;
        }

        /** Takes off solid lines of any colour, from all four sides, until none is left. */
        void trimSolid(LumaImage image) {
            ImageRegion before;
            do {
                before = region();
                while (top < bottom && dominantShare(image, top, true, TOLERANCE) >= SOLID) top++;
                while (bottom > top && dominantShare(image, bottom - 1, true, TOLERANCE) >= SOLID) bottom--;
                while (left < right && dominantShare(image, left, false, TOLERANCE) >= SOLID) left++;
                while (right > left && dominantShare(image, right - 1, false, TOLERANCE) >= SOLID) right--;
            } while (!region().equals(before) && !empty());
        }

        void trimBands(LumaImage image) {
            int background = -1;
            while (top < bottom) {
                background = bandRow(image, top, background);
                if (background < 0) break;
                top++;
            }
            background = -1;
            while (bottom > top) {
                background = bandRow(image, bottom - 1, background);
                if (background < 0) break;
                bottom--;
            }
        }

        /** The band background after this row, or -1 when the row belongs to no band. */
        private int bandRow(LumaImage image, int row, int background) {
            if (dominantShare(image, row, true, BAND_TOLERANCE) >= SOLID) return dominant;
            if (background < 0) return -1;
            int n = count(image, row, true);
            return n > 0 && near(background, BAND_TOLERANCE) >= BAND * n ? background : -1;
        }

        /** The value of the last {@link #dominantShare} call's best band. */
        private int dominant;

        /**
         * The largest share of the line's pixels that fits in one luma band of +- tolerance; sets
         * {@link #dominant} to their mean (not the band's centre: for a white line every band
         * from 245 up holds all of it).
         */
        private double dominantShare(LumaImage image, int line, boolean row, int tolerance) {
            int n = count(image, line, row);
            if (n == 0) return 0;
            int window = near(0, tolerance);
            int best = window;
            int centre = 0;
            for (int c = 1; c < 256; c++) {
                if (c + tolerance < 256) window += histogram[c + tolerance];
                if (c - tolerance - 1 >= 0) window -= histogram[c - tolerance - 1];
                if (window > best) {
                    best = window;
                    centre = c;
                }
            }
            long sum = 0;
            for (int v = Math.max(0, centre - tolerance); v <= Math.min(255, centre + tolerance); v++) sum += (long) v * histogram[v];
            dominant = best == 0 ? centre : (int) Math.round((double) sum / best);
            return (double) best / n;
        }

        /** Fills the histogram with the line's pixels inside the rectangle; returns their number. */
        private int count(LumaImage image, int line, boolean row) {
            Arrays.fill(histogram, 0);
            int from = row ? left : top;
            int to = row ? right : bottom;
            float[] px = image.pixels();
            int w = image.width();
            for (int i = from; i < to; i++) {
                int v = (int) (row ? px[line * w + i] : px[i * w + line]);
                histogram[Math.clamp(v, 0, 255)]++;
            }
            return Math.max(0, to - from);
        }

        private int near(int centre, int tolerance) {
            int n = 0;
            for (int v = Math.max(0, centre - tolerance); v <= Math.min(255, centre + tolerance); v++) n += histogram[v];
            return n;
        }
    }
}

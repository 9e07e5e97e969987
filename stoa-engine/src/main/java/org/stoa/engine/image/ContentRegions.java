package org.stoa.engine.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the picture inside a framed copy: borders of any colour, letterboxing, and the status
 * and UI bars of a phone screenshot. A line (row or column) belongs to the frame when most of its
 * pixels lie within a narrow band of luma around the line's dominant value; photographs rarely
 * have such lines, UI bars have them even with icons and text on them.
 *
 * <p>Two regions come out: one trimmed of solid lines only (borders, mats, letterboxes) and one
 * also trimmed of busy-but-flat bands (screenshot bars). Each is returned only when it differs
 * from the whole image and from the other, and is large enough to carry a reliable hash.
 */
final class ContentRegions {

    /** Luma tolerance around a line's dominant value, for JPEG noise and antialiasing. */
    private static final int TOLERANCE = 10;
    /** Share of a line's pixels near its dominant value for a solid border line. */
    private static final double SOLID = 0.97;
    /** Share for a UI bar line, which may carry icons and text. */
    private static final double BAR = 0.72;
    /** A region keeps at least this share of each side, so no sliver gets hashed. */
    private static final double MIN_SIDE_SHARE = 0.2;
    private static final int MIN_SIDE = 32;

    private ContentRegions() {}

    static List<ImageRegion> find(LumaImage image) {
        ImageRegion whole = ImageRegion.whole(image);
        ImageRegion solid = trimSolid(image, whole);
        Edges bars = new Edges(solid);
        bars.trimRows(image, BAR);
        ImageRegion screenshot = trimSolid(image, bars.region());
        List<ImageRegion> out = new ArrayList<>(2);
        for (ImageRegion r : List.of(solid, screenshot)) {
            if (!r.equals(whole) && !out.contains(r) && bigEnough(r, whole)) out.add(r);
        }
        return out;
    }

    private static ImageRegion trimSolid(LumaImage image, ImageRegion start) {
        Edges e = new Edges(start);
        ImageRegion before;
        do {
            before = e.region();
            e.trimRows(image, SOLID);
            e.trimColumns(image, SOLID);
        } while (!e.region().equals(before) && !e.empty());
        return e.region();
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

        void trimRows(LumaImage image, double share) {
            while (top < bottom && flat(image, top, true, share)) top++;
            while (bottom > top && flat(image, bottom - 1, true, share)) bottom--;
        }

        void trimColumns(LumaImage image, double share) {
            while (left < right && flat(image, left, false, share)) left++;
            while (right > left && flat(image, right - 1, false, share)) right--;
        }

        /** Whether at least {@code share} of the line's pixels fall in one luma band of width 2 x TOLERANCE + 1. */
        private boolean flat(LumaImage image, int line, boolean row, double share) {
            Arrays.fill(histogram, 0);
            int from = row ? left : top;
            int to = row ? right : bottom;
            if (to <= from) return false;
            float[] px = image.pixels();
            int w = image.width();
            for (int i = from; i < to; i++) {
                int v = (int) (row ? px[line * w + i] : px[i * w + line]);
                histogram[Math.clamp(v, 0, 255)]++;
            }
            int window = 0;
            for (int v = 0; v <= 2 * TOLERANCE; v++) window += histogram[v];
            int best = window;
            for (int v = 2 * TOLERANCE + 1; v < 256; v++) {
                window += histogram[v] - histogram[v - 2 * TOLERANCE - 1];
                best = Math.max(best, window);
            }
            return best >= share * (to - from);
        }
    }
}

package org.stoa.engine.image;

import java.util.Locale;

/**
 * The eight rotations and mirrorings of an image, in the order the PDQ reference lists them.
 * A copy rotated or mirrored by one of these has (nearly) the original's hash under the inverse.
 */
public enum Dihedral {
    ORIGINAL, ROTATE_90, ROTATE_180, ROTATE_270, FLIP_X, FLIP_Y, FLIP_PLUS_1, FLIP_MINUS_1;

    /** Lower-case name with dashes, as printed in JSON and reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

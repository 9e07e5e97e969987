package org.stoa.engine.image;

import java.util.List;

/**
 * The PDQ hash of one image region with its seven rotated and mirrored variants (indexed by
 * {@link Dihedral#ordinal()}) and its quality, 0..100. Hashes of quality below
 * {@link Pdq#MIN_MATCH_QUALITY} come from flat or nearly blank images and are not matched.
 */
public record PdqResult(List<PdqHash> dihedrals, int quality) {

    public PdqResult {
        dihedrals = List.copyOf(dihedrals);
        if (dihedrals.size() != Dihedral.values().length) {
            throw new IllegalArgumentException("expected 8 dihedral hashes, got " + dihedrals.size());
        }
    }

    /** The hash of the image as it is. */
    public PdqHash hash() {
        return dihedrals.getFirst();
    }

    public PdqHash variant(Dihedral d) {
        return dihedrals.get(d.ordinal());
    }

    public boolean matchable() {
        return quality >= Pdq.MIN_MATCH_QUALITY;
    }
}

package org.stoa.engine.bank;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.stoa.engine.image.Dihedral;
import org.stoa.engine.image.ImageHashes;
import org.stoa.engine.image.PdqHash;
import org.stoa.engine.image.PdqResult;
import org.stoa.engine.image.PerceptualHashes;

/**
 * A named bank of known images: SHA-256 and MD5 hashes for exact copies, PDQ hashes for near
 * copies, each with a label. Changes are visible to the very next lookup; lookups take no lock and
 * never wait for a change. Changes are serialised on the bank.
 */
public final class HashBank {

    private final String name;
    private final Map<String, String> sha256 = new ConcurrentHashMap<>();
    private final Map<String, String> md5 = new ConcurrentHashMap<>();
    private final PdqIndex pdq = new PdqIndex();
    private final LabelRuns pdqLabels = new LabelRuns();

    public HashBank(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Number of live entries of every type. */
    public int size() {
        return sha256.size() + md5.size() + pdq.size();
    }

    /** Adds an entry; false when the bank already holds that hash (its label stays). */
    public synchronized boolean add(BankEntry e) {
        return switch (e.type()) {
            case SHA256 -> sha256.putIfAbsent(e.hex(), e.label()) == null;
            case MD5 -> md5.putIfAbsent(e.hex(), e.label()) == null;
            case PDQ -> {
                PdqHash h = PdqHash.fromHex(e.hex());
                if (pdq.find(h) >= 0) yield false;
                pdqLabels.append(pdq.idLimit(), e.label());
                pdq.add(h);
                yield true;
            }
        };
    }

    /**
     * Adds many entries with one index rebuild at the end (they become visible together), for
     * loading a snapshot or a large list. Trusts that the entries are new: no duplicates among
     * themselves or with the bank; use {@link #add} for anything else. Streams: the entries
     * need not all be in memory at once.
     */
    public synchronized void load(Iterable<BankEntry> entries) {
        for (BankEntry e : entries) {
            switch (e.type()) {
                case SHA256 -> sha256.put(e.hex(), e.label());
                case MD5 -> md5.put(e.hex(), e.label());
                case PDQ -> {
                    pdqLabels.append(pdq.idLimit(), e.label());
                    pdq.append(PdqHash.fromHex(e.hex()));
                }
            }
        }
        pdq.compact();
    }

    /** Removes an entry; false when the bank does not hold it. */
    public synchronized boolean remove(HashType type, String hex) {
        BankEntry e = new BankEntry(type, hex, "");
        return switch (type) {
            case SHA256 -> sha256.remove(e.hex()) != null;
            case MD5 -> md5.remove(e.hex()) != null;
            case PDQ -> pdq.remove(pdq.find(PdqHash.fromHex(e.hex())));
        };
    }

    /** Every live entry, for export and snapshots. */
    public synchronized List<BankEntry> entries() {
        List<BankEntry> out = new ArrayList<>(size());
        sha256.forEach((hex, label) -> out.add(new BankEntry(HashType.SHA256, hex, label)));
        md5.forEach((hex, label) -> out.add(new BankEntry(HashType.MD5, hex, label)));
        for (int id = 0; id < pdq.idLimit(); id++) {
            if (!pdq.removed(id)) out.add(new BankEntry(HashType.PDQ, pdq.hash(id).toHex(), pdqLabels.labelOf(id)));
        }
        return out;
    }

    /**
     * The best match for an image: its SHA-256 or MD5, else the nearest PDQ entry within
     * {@code radius} (at most 31) of the whole image in any of its eight orientations, of a
     * content region found inside a frame, or of the image grown back past a slight crop.
     * Hashes of quality below 50 are not matched.
     */
    public Optional<BankMatch> lookup(ImageHashes image, int radius) {
        String label = sha256.get(image.sha256());
        if (label != null) return Optional.of(new BankMatch(name, label, HashType.SHA256, 0, "bytes", image.sha256()));
        label = md5.get(image.md5());
        if (label != null) return Optional.of(new BankMatch(name, label, HashType.MD5, 0, "bytes", image.md5()));
        if (!(image.perceptual() instanceof PerceptualHashes.Computed computed) || pdq.size() == 0) {
            return Optional.empty();
        }
        Best best = new Best(radius);
        if (computed.whole().matchable()) {
            for (Dihedral d : Dihedral.values()) best.consider(computed.whole().variant(d), d.label());
        }
        for (PerceptualHashes.RegionHash region : computed.regions()) {
            PdqResult r = region.pdq();
            if (r.matchable()) best.consider(r.hash(), region.kind().label());
        }
        return Optional.ofNullable(best.match);
    }

    /** The nearest PDQ entry within {@code radius} of one hash. */
    public Optional<BankMatch> lookup(PdqHash hash, int radius) {
        Best best = new Best(radius);
        best.consider(hash, Dihedral.ORIGINAL.label());
        return Optional.ofNullable(best.match);
    }

    /** Shrinks the search radius as matches are found, so later queries only look for better ones. */
    private final class Best {
        int radius;
        BankMatch match;

        Best(int radius) {
            this.radius = radius;
        }

        void consider(PdqHash query, String variant) {
            if (radius < 0) return;
            PdqIndex.Hit hit = pdq.nearest(query, radius);
            if (hit == null) return;
            match = new BankMatch(name, pdqLabels.labelOf(hit.id()), HashType.PDQ, hit.distance(), variant,
                    pdq.hash(hit.id()).toHex());
            radius = hit.distance() - 1;
        }
    }
}

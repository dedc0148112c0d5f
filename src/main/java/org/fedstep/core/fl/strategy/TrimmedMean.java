package org.fedstep.core.fl.strategy;

import java.util.List;
import org.fedstep.core.model.Params;

/**
 * Coordinate-wise trimmed mean (Yin et al. 2018): for w and for b separately, sort the m uploads' values, cut
 * floor(trim * m) from each end, and average the rest. The weights p_k are not used.
 */
public final class TrimmedMean implements ServerStrategy {

    private final double trim;

    public TrimmedMean(double trim) {
        if (!(trim >= 0 && trim < 0.5)) {
            throw new IllegalArgumentException("trim must be at least 0 and less than 0.5 (found " + trim + ")");
        }
        this.trim = trim;
    }

    @Override
    public String key() {
        return "trimmed-mean";
    }

    @Override
    public boolean averages() {
        return false;
    }

    /** How many values are cut from each end when m arrive (never all of them). */
    public int cut(int m) {
        return Math.min((int) Math.floor(trim * m), (m - 1) / 2);
    }

    @Override
    public Aggregation aggregate(Params global, List<ClientUpload> uploads, ServerState before, int totalClients,
                                 Params noise) {
        Noise.none(noise, key());
        if (uploads.isEmpty()) {
            return Aggregation.nothingUploaded(global, before);
        }
        int c = cut(uploads.size());
        return CoordinateMedian.Trimmed.aggregate(global, uploads, before, c, c);
    }
}
